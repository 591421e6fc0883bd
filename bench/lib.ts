import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SignJWT } from 'jose';
import { type ImportJobView, ImportStatus } from '@terpadu/contracts';
import {
  type RunningApp,
  type RunningServices,
  startApp,
  startNats,
  startPostgres,
  startServices,
  type TestNats,
  type TestPostgres,
} from '@terpadu/testing';

/** Percentile (0-100) of an unsorted list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface Platform {
  pg: TestPostgres;
  nats: TestNats;
  /** The domain services this platform runs (registry names). */
  services: RunningServices;
  gateway: RunningApp;
  token(roles: string[], jurisdiction: string[]): Promise<string>;
  stop(): Promise<void>;
}

/**
 * PostgreSQL, NATS, the named services of the registry (default population), each on its own
 * database, and the gateway, as separate processes (built bundles).
 */
export async function startPlatform(options: { services?: readonly string[] } = {}): Promise<Platform> {
  const pg = await startPostgres();
  const nats = await startNats();
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKeyFile = join(tmpdir(), `terpadu-bench-${process.pid}.pem`);
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  const services = await startServices({
    postgres: pg,
    natsUrl: nats.url,
    services: options.services ?? ['population'],
  });
  const gateway = await startApp({
    app: 'gateway',
    env: {
      NATS_URL: nats.url,
      AUTH_PUBLIC_KEY_FILE: publicKeyFile,
      AUTH_ISSUER: 'terpadu-bench',
      AUTH_AUDIENCE: 'terpadu',
      RATE_LIMIT_PER_MINUTE: '100000000',
      DEAD_LETTER_SERVICES: services.names.join(','),
    },
  });
  return {
    pg,
    nats,
    services,
    gateway,
    token: (roles, jurisdiction) => sign(privateKey, roles, jurisdiction),
    async stop() {
      await gateway.stop();
      await services.stop();
      await nats.destroy();
      await pg.stop();
    },
  };
}

function sign(key: KeyObject, roles: string[], jurisdiction: string[]): Promise<string> {
  return new SignJWT({ roles, jurisdiction })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject('bench')
    .setIssuer('terpadu-bench')
    .setAudience('terpadu')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(key);
}

/** A valid NIK for a man born on `birthDate` in district 317404 with the given serial. */
export function syntheticNik(index: number): { nik: string; birthDate: string } {
  const day = 1 + (index % 28);
  const month = 1 + (Math.floor(index / 28) % 12);
  const year = 1950 + (Math.floor(index / 336) % 50);
  const serial = 1 + Math.floor(index / 16800);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return {
    nik: `317404${pad(day)}${pad(month)}${pad(year % 100)}${pad(serial, 4)}`,
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
  };
}

/** Peak and current resident memory of a process, from /proc (Linux), in MB. */
export function processMemory(pid: number): { peakMb: number; currentMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMb: kb('VmHWM') / 1024, currentMb: kb('VmRSS') / 1024 };
}

export interface ImportRun {
  job: ImportJobView;
  /** From sending the file to the 202 (reading, checking and handing the rows to the service). */
  uploadMs: number;
  /** From sending the file to the job's DONE. */
  totalMs: number;
}

/** Uploads a CSV through `POST /v1/imports/residents` and waits until the job has finished. */
export async function importCsv(platform: Platform, csv: string, token: string): Promise<ImportRun> {
  const authorization = `Bearer ${token}`;
  const started = performance.now();
  const res = await fetch(`${platform.gateway.url}/v1/imports/residents`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'text/csv' },
    body: csv,
  });
  if (res.status !== 202) throw new Error(`import upload answered ${res.status}: ${await res.text()}`);
  const uploadMs = performance.now() - started;
  let job = (await res.json()) as ImportJobView;
  while (job.status === ImportStatus.Running || job.status === ImportStatus.Queued) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const poll = await fetch(`${platform.gateway.url}/v1/imports/${job.id}`, { headers: { authorization } });
    job = (await poll.json()) as ImportJobView;
  }
  if (job.status !== ImportStatus.Done) throw new Error(`the import ended ${job.status}: ${job.failure}`);
  return { job, uploadMs, totalMs: performance.now() - started };
}
