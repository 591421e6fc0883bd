import { SystemClock } from '@terpadu/clock';
import { POPULATION_RESIDENTS_GET } from '@terpadu/contracts';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createSpecApp, type SpecApp } from './spec-app';

const ROOT = resolve(__dirname, '../../..');

/** Runs a copy of tools/token.mjs whose workspace root is `root` (so it reads root/.terpadu/dev-keys). */
async function token(
  root: string,
  args: string[],
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [
      join(root, 'tools/token.mjs'),
      ...args,
    ]);
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('tools/token.mjs', () => {
  let root: string;
  let spec: SpecApp;

  beforeAll(async () => {
    // Inside the workspace, so the copy resolves jose from its node_modules.
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    root = mkdtempSync(join(ROOT, 'tmp', 'token-tool-'));
    mkdirSync(join(root, 'tools'));
    copyFileSync(join(ROOT, 'tools/token.mjs'), join(root, 'tools/token.mjs'));
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(join(root, '.terpadu/dev-keys'), { recursive: true });
    writeFileSync(
      join(root, '.terpadu/dev-keys/private.pem'),
      privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    // The launcher's gateway configuration (tools/start.mjs); tokens carry the real time, so this
    // spec's gateway uses the real clock.
    spec = await createSpecApp(
      {
        AUTH_ISSUER: 'terpadu-dev',
        AUTH_AUDIENCE: 'terpadu',
        AUTH_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
      { clock: new SystemClock('UTC') },
    );
    spec.rpc.answer(POPULATION_RESIDENTS_GET, () => ({}));
  });
  afterAll(async () => {
    await spec.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('prints a token the locally started gateway accepts, with the roles and jurisdictions asked for', async () => {
    const run = await token(root, [
      '--role',
      'registrar',
      '--role',
      'auditor',
      '--jurisdiction',
      '3174',
      '--jurisdiction',
      '31.71',
      '--sub',
      'budi',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const res = await spec.fastify.inject({
      method: 'GET',
      url: '/v1/residents/3171011708450001',
      headers: { authorization: `Bearer ${run.stdout.trim()}` },
    });
    expect(res.statusCode).toBe(200);
    expect(spec.rpc.calls.at(-1)?.request.actor).toMatchObject({
      sub: 'budi',
      roles: ['registrar', 'auditor'],
      jurisdiction: ['3174', '3171'],
    });
  });

  it('refuses unknown roles and bad region codes', async () => {
    expect(await token(root, ['--role', 'superuser'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown role: superuser'),
    });
    expect(await token(root, ['--role', 'registrar', '--jurisdiction', 'DKI'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('not a region code: DKI'),
    });
    expect(await token(root, [])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('give at least one --role'),
    });
  });

  it('says to start the platform first when the dev key does not exist', async () => {
    const empty = mkdtempSync(join(ROOT, 'tmp', 'token-tool-'));
    mkdirSync(join(empty, 'tools'));
    copyFileSync(join(ROOT, 'tools/token.mjs'), join(empty, 'tools/token.mjs'));
    const run = await token(empty, ['--role', 'registrar']);
    rmSync(empty, { recursive: true, force: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('npm start');
    expect(run.stdout).toBe('');
  });
});
