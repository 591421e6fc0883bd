import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, waitFor } from './ports';
import { nodeBinary, workspaceRoot } from './workspace';

export interface RunningApp {
  app: string;
  /** Base URL of its HTTP server (the API for the gateway; health and metrics for a service). */
  url: string;
  port: number;
  pid: number;
  /** The process's recent output, for a failing test's message. */
  output(): string;
  /** Sends `signal` (default SIGTERM, a graceful shutdown) and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function bundle(app: string, entry: string): string {
  const file = join(workspaceRoot(), 'dist', 'apps', app, `${entry}.js`);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: build the apps first (npm run build)`);
  }
  return file;
}

/** Runs an app's migrations (its `migrate` bundle) against `databaseUrl`. */
export async function migrateApp(app: string, databaseUrl: string): Promise<void> {
  await promisify(execFile)(nodeBinary(), [bundle(app, 'migrate')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, TZ: 'UTC' },
    cwd: workspaceRoot(),
  });
}

/**
 * Starts a built app (`dist/apps/<app>/main.js`) as its own process with Node 24 on a free port
 * (given as HTTP_PORT) and resolves once `/health/ready` answers 200.
 */
export async function startApp(options: {
  app: string;
  env: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<RunningApp> {
  const port = await freePort();
  const env = {
    ...process.env,
    LOG_LEVEL: 'warn',
    ...options.env,
    HTTP_PORT: String(port),
    TZ: 'UTC',
  };
  const child: ChildProcess = spawn(nodeBinary(), ['--enable-source-maps', bundle(options.app, 'main')], {
    env,
    cwd: workspaceRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const output = () => lines.join('\n');

  try {
    await waitFor(
      `${options.app} /health/ready`,
      async () => {
        if (exitCode !== undefined) throw new Error(`${options.app} exited with ${exitCode}:\n${output()}`);
        try {
          const res = await fetch(`${url}/health/ready`);
          return res.status === 200;
        } catch {
          return false;
        }
      },
      { timeoutMs: options.readyTimeoutMs ?? 30_000, intervalMs: 150 },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- ${options.app} output ---\n${output()}`);
  }

  return {
    app: options.app,
    url,
    port,
    pid: child.pid ?? -1,
    output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (exitCode !== undefined) return exitCode;
      child.kill(signal);
      return exited;
    },
  };
}
