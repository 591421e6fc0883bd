import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  choosePostgres,
  LOCAL_POSTGRES_URL,
  machineContainerRuntimeAnswers,
  type PostgresPlan,
} from './infra';
import { freePort, isListening, waitFor } from './ports';

/** The image of the PostgreSQL container: the major version docker-compose.yml runs. */
export const POSTGRES_IMAGE = 'postgres:15';

export interface TestPostgres {
  /** Where it came from (see infra.ts): a container, TEST_DATABASE_URL, the local server or a throwaway cluster. */
  source: PostgresPlan['source'];
  /** URL of the server's maintenance database; use createDatabase for a suite's own database. */
  serverUrl: string;
  /** Creates a new, empty database named `<prefix>_<random>` and returns its URL. */
  createDatabase(prefix: string): Promise<string>;
  dropDatabase(url: string): Promise<void>;
  stop(): Promise<void>;
}

const PG_BIN_DIRS = [
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
];

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function handle(
  source: PostgresPlan['source'],
  serverUrl: string,
  onStop: () => Promise<void>,
): TestPostgres {
  const created = new Set<string>();
  const dropDatabase = async (url: string) => {
    const name = new URL(url).pathname.slice(1);
    await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    created.delete(url);
  };
  return {
    source,
    serverUrl,
    async createDatabase(prefix: string) {
      const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
      await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      created.add(url.toString());
      return url.toString();
    },
    dropDatabase,
    async stop() {
      for (const url of [...created]) await dropDatabase(url).catch(() => undefined);
      await onStop();
    },
  };
}

function findPgBin(): string | undefined {
  if (process.env.PG_BIN_DIR && existsSync(join(process.env.PG_BIN_DIR, 'initdb')))
    return process.env.PG_BIN_DIR;
  return PG_BIN_DIRS.find((dir) => existsSync(join(dir, 'initdb')));
}

/** Runs a PostgreSQL binary; as root through `su postgres`, since PostgreSQL refuses to run as root. */
function pgCommand(bin: string, args: string[]): { command: string; args: string[] } {
  if (process.getuid?.() === 0) {
    const quoted = [bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    return { command: 'su', args: ['postgres', '-s', '/bin/sh', '-c', `exec ${quoted}`] };
  }
  return { command: bin, args };
}

/** Server settings for tests: no durability (a test database is thrown away), many connections. */
const TEST_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=300'];

async function startThrowawayCluster(binDir: string): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'terpadu-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres', dir]);
  const initdb = pgCommand(join(binDir, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  execFileSync(initdb.command, initdb.args, { stdio: 'ignore' });
  const port = await freePort();
  const postgres = pgCommand(join(binDir, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    dir,
    ...['listen_addresses=127.0.0.1', ...TEST_SETTINGS].flatMap((setting) => ['-c', setting]),
  ]);
  const child: ChildProcess = spawn(postgres.command, postgres.args, { stdio: 'ignore', detached: false });
  const serverUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitFor('throwaway PostgreSQL', async () => (await isListening(port)) && canConnect(serverUrl));
  return handle('throwaway', serverUrl, async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });
}

async function startContainer(): Promise<TestPostgres> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer(POSTGRES_IMAGE)
    .withDatabase('postgres')
    .withUsername('postgres')
    .withPassword('postgres')
    .withCommand(['postgres', ...TEST_SETTINGS.flatMap((setting) => ['-c', setting])])
    .withTmpFs({ '/var/lib/postgresql/data': 'rw' })
    .start();
  return handle('container', container.getConnectionUri(), async () => {
    await container.stop();
  });
}

/** Where this machine's tests get PostgreSQL from (infra.ts); throws one message saying how to get one. */
export function postgresPlan(): Promise<PostgresPlan> {
  return choosePostgres({
    env: process.env,
    containerRuntimeAnswers: machineContainerRuntimeAnswers,
    localServerAnswers: () => canConnect(LOCAL_POSTGRES_URL),
    binDir: findPgBin(),
  });
}

/**
 * A PostgreSQL server for a test suite, from where TERPADU_TEST_INFRA says (infra.ts): a container
 * when a container runtime answers, else TEST_DATABASE_URL, the local server on 127.0.0.1:5432 or
 * a throwaway cluster from the installed binaries. Each suite gets its own fresh databases through
 * createDatabase; stop() drops them (and stops what it started).
 */
export async function startPostgres(): Promise<TestPostgres> {
  const plan = await postgresPlan();
  switch (plan.source) {
    case 'container':
      return startContainer();
    case 'url':
      if (!(await canConnect(plan.url)))
        throw new Error('TEST_DATABASE_URL is set but the server does not answer');
      return handle('url', plan.url, async () => undefined);
    case 'server':
      return handle('server', plan.url, async () => undefined);
    case 'throwaway':
      return startThrowawayCluster(plan.binDir);
  }
}
