import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort, isListening, waitFor } from './ports';

export interface TestNats {
  url: string;
  port: number;
  /** Stops the server (its JetStream store stays, as on a real restart). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same store. */
  start(): Promise<void>;
  /** Stops it and deletes its store. */
  destroy(): Promise<void>;
}

function findNatsServer(): string {
  const candidates = [
    process.env.NATS_SERVER_BIN,
    ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'nats-server')),
    '/usr/sbin/nats-server',
    '/usr/local/bin/nats-server',
  ];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) {
    throw new Error('nats-server not found: install it (apt-get install nats-server) or set NATS_SERVER_BIN');
  }
  return found;
}

/**
 * A throwaway NATS server with JetStream on a free port and its own store directory, so a test can
 * stop and restart it (durability tests) without touching any NATS another process uses.
 */
export async function startNats(): Promise<TestNats> {
  const bin = findNatsServer();
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
