import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the tests' PostgreSQL and NATS come from. TERPADU_TEST_INFRA (the one switch):
 * - `auto` (default): containers (testcontainers) when a container runtime answers, else local;
 * - `containers`: containers, or fail saying no runtime answers;
 * - `local`: never containers: TEST_DATABASE_URL, the server on 127.0.0.1:5432 or a throwaway
 *   cluster from the installed binaries (TEST_POSTGRES=throwaway skips the server), and a
 *   throwaway nats-server from the installed binary (NATS_SERVER_BIN).
 * In `auto`, a TEST_DATABASE_URL someone set wins over containers.
 */
export const INFRA_VARIABLE = 'TERPADU_TEST_INFRA';

export type InfraMode = 'auto' | 'containers' | 'local';

export type Env = Readonly<Record<string, string | undefined>>;

/** The mode TERPADU_TEST_INFRA asks for; anything else than the three names is an error. */
export function infraMode(env: Env): InfraMode {
  const value = env[INFRA_VARIABLE]?.trim().toLowerCase() || 'auto';
  if (value === 'auto' || value === 'containers' || value === 'local') return value;
  throw new Error(`${INFRA_VARIABLE} must be auto, containers or local (got "${env[INFRA_VARIABLE]}")`);
}

/** What the choice depends on; the probes run only when the choice needs their answer. */
export interface PostgresFacts {
  env: Env;
  containerRuntimeAnswers(): Promise<boolean>;
  /** The `postgres` user gets in on 127.0.0.1:5432. */
  localServerAnswers(): Promise<boolean>;
  /** A directory holding `initdb` and `postgres`, if installed. */
  binDir: string | undefined;
}

export type PostgresPlan =
  | { source: 'container' }
  | { source: 'url'; url: string }
  | { source: 'server'; url: string }
  | { source: 'throwaway'; binDir: string };

export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const GET_A_RUNTIME = 'start a Docker (or Podman) engine';

function noRuntime(): Error {
  return new Error(
    `${INFRA_VARIABLE}=containers, but no container runtime answers (DOCKER_HOST, ` +
      `~/.testcontainers.properties, the Docker sockets): ${GET_A_RUNTIME}, or set ${INFRA_VARIABLE}=auto ` +
      'to use local PostgreSQL and NATS',
  );
}

/** Decides where a suite's PostgreSQL comes from; throws one message saying how to get one. */
export async function choosePostgres(facts: PostgresFacts): Promise<PostgresPlan> {
  const mode = infraMode(facts.env);
  const given = facts.env.TEST_DATABASE_URL;
  if (mode === 'containers') {
    if (await facts.containerRuntimeAnswers()) return { source: 'container' };
    throw noRuntime();
  }
  if (given) return { source: 'url', url: given };
  if (mode === 'auto' && (await facts.containerRuntimeAnswers())) return { source: 'container' };
  if (facts.env.TEST_POSTGRES !== 'throwaway' && (await facts.localServerAnswers()))
    return { source: 'server', url: LOCAL_POSTGRES_URL };
  if (facts.binDir) return { source: 'throwaway', binDir: facts.binDir };
  throw new Error(
    `No PostgreSQL for the tests (${INFRA_VARIABLE}=${mode}): ` +
      (mode === 'auto' ? 'no container runtime answers, ' : '') +
      'nothing lets the postgres user in on 127.0.0.1:5432 and no PostgreSQL binaries (initdb) are installed. ' +
      'Install PostgreSQL (apt-get install postgresql), run one on 127.0.0.1:5432 or set TEST_DATABASE_URL' +
      (mode === 'auto' ? `, or ${GET_A_RUNTIME}` : `, or ${GET_A_RUNTIME} and set ${INFRA_VARIABLE}=auto`),
  );
}

export interface NatsFacts {
  env: Env;
  containerRuntimeAnswers(): Promise<boolean>;
  /** The nats-server binary, if installed. */
  serverBin: string | undefined;
}

export type NatsPlan = { source: 'container' } | { source: 'binary'; bin: string };

/** Decides where a suite's NATS comes from; throws one message saying how to get one. */
export async function chooseNats(facts: NatsFacts): Promise<NatsPlan> {
  const mode = infraMode(facts.env);
  if (mode === 'containers') {
    if (await facts.containerRuntimeAnswers()) return { source: 'container' };
    throw noRuntime();
  }
  if (mode === 'auto' && (await facts.containerRuntimeAnswers())) return { source: 'container' };
  if (facts.serverBin) return { source: 'binary', bin: facts.serverBin };
  throw new Error(
    `No NATS for the tests (${INFRA_VARIABLE}=${mode}): ` +
      (mode === 'auto' ? 'no container runtime answers and ' : '') +
      'nats-server is not installed. Install it (apt-get install nats-server) or set NATS_SERVER_BIN' +
      (mode === 'auto' ? `, or ${GET_A_RUNTIME}` : `, or ${GET_A_RUNTIME} and set ${INFRA_VARIABLE}=auto`),
  );
}

/** What the runtime probe reads: the places testcontainers looks for a container runtime. */
export interface RuntimeProbe {
  env: Env;
  exists(path: string): boolean;
  home: string;
  uid: number;
  platform: NodeJS.Platform;
  /** Asks testcontainers (it pings the runtime): slow to load, so only asked when a hint exists. */
  ask(): Promise<boolean>;
}

/**
 * The signs of a container runtime testcontainers would use: DOCKER_HOST, ~/.testcontainers.properties, the Docker socket, the rootless and Desktop sockets, the Windows
 * named pipe. None of them: nothing can answer, and testcontainers need not be loaded.
 */
export function containerRuntimeHints(probe: Omit<RuntimeProbe, 'ask'>): string[] {
  const { env, home, uid } = probe;
  const hints: string[] = [];
  if (env.DOCKER_HOST) hints.push('DOCKER_HOST');
  if (probe.platform === 'win32') hints.push('//./pipe/docker_engine');
  const files = [
    join(home, '.testcontainers.properties'),
    '/var/run/docker.sock',
    ...(env.XDG_RUNTIME_DIR ? [join(env.XDG_RUNTIME_DIR, 'docker.sock')] : []),
    join(home, '.docker', 'run', 'docker.sock'),
    join(home, '.docker', 'desktop', 'docker.sock'),
    join('/run', 'user', String(uid), 'docker.sock'),
  ];
  return [...hints, ...new Set(files.filter((file) => probe.exists(file)))];
}

/** True when a container runtime answers; false at once when there is no sign of one. */
export async function containerRuntimeAnswers(probe: RuntimeProbe): Promise<boolean> {
  if (containerRuntimeHints(probe).length === 0) return false;
  return probe.ask();
}

async function askTestcontainers(): Promise<boolean> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** This machine, as the runtime probe reads it. */
export function machineProbe(env: Env = process.env): RuntimeProbe {
  return {
    env,
    exists: existsSync,
    home: homedir(),
    uid: process.getuid?.() ?? 0,
    platform: process.platform,
    ask: askTestcontainers,
  };
}

let machineAnswer: Promise<boolean> | undefined;

/** Whether this machine's container runtime answers, asked once per process. */
export function machineContainerRuntimeAnswers(): Promise<boolean> {
  machineAnswer ??= containerRuntimeAnswers(machineProbe());
  return machineAnswer;
}
