import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chooseNats, machineContainerRuntimeAnswers, type NatsPlan } from './infra';
import { freePort, isListening, waitFor } from './ports';

/** The image of the NATS container: the version docker-compose.yml runs. */
export const NATS_IMAGE = 'nats:2.10';

export interface TestNats {
  /** Where it runs (see infra.ts): a container or a throwaway nats-server process. */
  source: NatsPlan['source'];
  url: string;
  port: number;
  /** Stops the server (its JetStream store stays, as on a real restart). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same store. */
  start(): Promise<void>;
  /** Stops it and deletes its store. */
  destroy(): Promise<void>;
}

function findNatsServer(): string | undefined {
  const candidates = [
    process.env.NATS_SERVER_BIN,
    ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'nats-server')),
    '/usr/sbin/nats-server',
    '/usr/local/bin/nats-server',
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

/** True once a NATS server greets a new connection with its INFO line (a port alone can be a proxy's). */
function natsAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('data', (chunk: Buffer) => done(chunk.toString('latin1').startsWith('INFO ')));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}

/**
 * NATS with JetStream in a container. Its host port is fixed (a free one) rather than random so
 * that a stop and start, which keep the container and its JetStream store, keep the URL too.
 */
async function startContainer(): Promise<TestNats> {
  const { GenericContainer, getContainerRuntimeClient, Wait } = await import('testcontainers');
  const port = await freePort();
  const started = await new GenericContainer(NATS_IMAGE)
    .withCommand(['-js', '-sd', '/data'])
    .withExposedPorts({ container: 4222, host: port })
    .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
    .start();
  const host = started.getHost();
  const runtime = await getContainerRuntimeClient();
  const container = runtime.container.getById(started.getId());
  let running = true;
  return {
    source: 'container',
    url: `nats://${host}:${port}`,
    port,
    async stop() {
      if (!running) return;
      await runtime.container.stop(container, { timeout: 10_000 });
      running = false;
    },
    async start() {
      if (running) return;
      await runtime.container.start(container);
      running = true;
      await waitFor('NATS container', () => natsAnswers(host, port));
    },
    async destroy() {
      running = false;
      await started.stop();
    },
  };
}

/** Where this machine's tests get NATS from (infra.ts); throws one message saying how to get one. */
export function natsPlan(): Promise<NatsPlan> {
  return chooseNats({
    env: process.env,
    containerRuntimeAnswers: machineContainerRuntimeAnswers,
    serverBin: findNatsServer(),
  });
}

/**
 * A throwaway NATS server with JetStream on a free port and its own store, so a test can stop and
 * restart it (durability tests) without touching any NATS another process uses: a container when
 * a container runtime answers, else the installed nats-server (infra.ts, TERPADU_TEST_INFRA).
 */
export async function startNats(): Promise<TestNats> {
  const plan = await natsPlan();
  return plan.source === 'container' ? startContainer() : startProcess(plan.bin);
}

async function startProcess(bin: string): Promise<TestNats> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'terpadu-nats-'));
  let child: ChildProcess | undefined;

  const start = async () => {
    if (child) return;
    child = spawn(bin, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], { stdio: 'ignore' });
    const started = child;
    started.once('exit', () => {
      if (child === started) child = undefined;
    });
    await waitFor('throwaway nats-server', () => isListening(port));
  };
  const stop = async () => {
    const running = child;
    if (!running) return;
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGTERM');
    await exited;
    child = undefined;
  };

  await start();
  return {
    source: 'binary',
    url: `nats://127.0.0.1:${port}`,
    port,
    start,
    stop,
    async destroy() {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
