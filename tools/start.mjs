#!/usr/bin/env node
// Starts the whole platform on this machine: PostgreSQL and NATS (given, already running, or
// started here from installed binaries), the dev signing key, a build, migrations, every app.
// Usage: npm start            (Ctrl-C stops everything it started)
//        node tools/start.mjs --plan   prints what it would start (JSON) and exits
import { execFileSync, spawn } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stateDir = join(root, '.terpadu');
const node = process.execPath;
const children = [];
let stopping = false;

/** The domain services from the services registry, each with its own database (or <NAME>_DATABASE_URL) and port. */
const SERVICES = JSON.parse(
  readFileSync(join(root, 'libs/shared/contracts/src/services/services.json'), 'utf8'),
).services;

const say = (msg) => process.stdout.write(`[terpadu] ${msg}\n`);
const die = (msg) => {
  process.stderr.write(`[terpadu] ${msg}\n`);
  void shutdown(1);
};

if (Number(process.versions.node.split('.')[0]) < 24) {
  process.stderr.write(
    `[terpadu] Node ${process.versions.node} runs this; Terpadu needs Node 24. Run it through npm (npm start), which uses the Node 24 from node_modules.\n`,
  );
  process.exit(1);
}

function listening(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = createConnection({ port, host });
    s.setTimeout(700, () => (s.destroy(), resolve(false)));
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

async function waitUntil(what, probe, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function pgAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function which(name, extra = []) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extra];
  return dirs.map((d) => join(d, name)).find((p) => existsSync(p));
}

function asPostgresUser(bin, args) {
  if (process.getuid?.() !== 0) return [bin, args];
  const quoted = [bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return ['su', ['postgres', '-s', '/bin/sh', '-c', `exec ${quoted}`]];
}

const logDir = join(stateDir, 'logs');

/** A warning or worse in a pino JSON line (level 40+, or its name), or any line that is not JSON. */
function worthShowing(line) {
  try {
    const { level } = JSON.parse(line);
    return typeof level === 'number' ? level >= 40 : ['warn', 'error', 'fatal'].includes(level);
  } catch {
    return true;
  }
}

/**
 * Keeps a child's output in .terpadu/logs/<name>.log (new at every start); only its warnings and
 * errors reach the terminal, so the launcher's own lines stay readable. When it dies unexpectedly,
 * its last lines are shown before everything stops.
 */
function track(name, child) {
  children.push({ name, child });
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'w' });
  const recent = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk) => {
      log.write(chunk);
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        recent.push(line);
        if (recent.length > 20) recent.shift();
        if (worthShowing(line)) process.stdout.write(`[${name}] ${line}\n`);
      }
    });
  }
  child.once('exit', (code, signal) => {
    log.end();
    if (stopping) return;
    for (const line of recent) if (!worthShowing(line)) process.stdout.write(`[${name}] ${line}\n`);
    die(`${name} exited (${signal ?? code}); stopping everything (its log: ${logFile})`);
  });
  return child;
}

/** PostgreSQL: DATABASE_URL, else 127.0.0.1:5432, else a local cluster in .terpadu/postgres. */
async function postgresServer() {
  if (process.env.DATABASE_URL) {
    if (!(await pgAnswers(process.env.DATABASE_URL)))
      throw new Error('DATABASE_URL is set but PostgreSQL does not answer there');
    say('PostgreSQL: using DATABASE_URL');
    return process.env.DATABASE_URL;
  }
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await pgAnswers(local)) {
    say('PostgreSQL: using the server on 127.0.0.1:5432');
    return local;
  }
  const pgDirs = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];
  const initdb = which('initdb', pgDirs);
  if (!initdb) {
    throw new Error(
      'No PostgreSQL: set DATABASE_URL, start PostgreSQL on 127.0.0.1:5432, or install it (apt-get install postgresql) so that this launcher can start one',
    );
  }
  const binDir = dirname(initdb);
  // PostgreSQL refuses to run as root; as root the cluster belongs to the postgres user and lives
  // in its home, since the checkout may sit in a folder postgres cannot enter (e.g. /root).
  const dir =
    process.getuid?.() === 0
      ? join('/var/lib/postgresql', `terpadu-${createHash('sha256').update(root).digest('hex').slice(0, 8)}`)
      : join(stateDir, 'postgres');
  const dataDir = join(dir, 'data');
  const port = 5433;
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres', dir]);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    say(`PostgreSQL: creating a local cluster in ${dataDir}`);
    const [cmd, args] = asPostgresUser(initdb, [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
    ]);
    execFileSync(cmd, args, { stdio: 'ignore' });
  }
  const [cmd, args] = asPostgresUser(join(binDir, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
  ]);
  track('postgres', spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitUntil('local PostgreSQL', () => pgAnswers(url));
  say(`PostgreSQL: started locally on 127.0.0.1:${port}`);
  return url;
}

/** NATS: NATS_URL, else 127.0.0.1:4222, else nats-server -js started here with its store in .terpadu/nats. */
async function natsServer() {
  if (process.env.NATS_URL) {
    const u = new URL(process.env.NATS_URL);
    if (!(await listening(Number(u.port || 4222), u.hostname)))
      throw new Error('NATS_URL is set but NATS does not answer there');
    say('NATS: using NATS_URL');
    return process.env.NATS_URL;
  }
  if (await listening(4222)) {
    say('NATS: using the server on 127.0.0.1:4222 (it must have JetStream enabled)');
    return 'nats://127.0.0.1:4222';
  }
  const bin = which('nats-server', ['/usr/sbin', '/usr/local/bin']);
  if (!bin) {
    throw new Error(
      'No NATS: set NATS_URL, start nats-server -js on 127.0.0.1:4222, or install it (apt-get install nats-server)',
    );
  }
  const store = join(stateDir, 'nats');
  mkdirSync(store, { recursive: true });
  track(
    'nats',
    spawn(bin, ['-js', '-a', '127.0.0.1', '-p', '4222', '-sd', store], { stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  await waitUntil('local NATS', () => listening(4222));
  say('NATS: started locally on 127.0.0.1:4222 with JetStream');
  return 'nats://127.0.0.1:4222';
}

/** A database per service on the server, created when missing. */
async function serviceDatabase(serverUrl, name) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The dev signing key pair: made on the first start, trusted only by this launcher's gateway. */
function devKeys() {
  const dir = join(stateDir, 'dev-keys');
  const privatePath = join(dir, 'private.pem');
  const publicPath = join(dir, 'public.pem');
  if (!existsSync(privatePath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(publicPath, publicKey.export({ type: 'spki', format: 'pem' }));
    say(`created the dev signing key in ${dir}`);
  }
  return publicPath;
}

/** Runs a step to its end with its output in .terpadu/logs/<log>.log; on failure the output is shown. */
function run(log, cmd, args, env = {}) {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${log}.log`);
  try {
    const output = execFileSync(cmd, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    writeFileSync(logFile, output);
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    writeFileSync(logFile, output);
    process.stdout.write(output);
    throw new Error(`${log} failed (its log: ${logFile})`);
  }
}

async function startApp(name, env, port) {
  track(
    name,
    spawn(node, ['--enable-source-maps', join(root, 'dist/apps', name, 'main.js')], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  await waitUntil(
    `${name} to be ready`,
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200;
      } catch {
        return false;
      }
    },
    60000,
  );
  say(`${name} ready (health on :${port})`);
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const { child } of [...children].reverse()) {
    if (child.exitCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main() {
  if (process.argv.includes('--plan')) {
    const plan = SERVICES.map((s) => ({ name: s.name, database: s.database, httpPort: s.httpPort }));
    process.stdout.write(`${JSON.stringify({ services: plan, gateway: { httpPort: 3000 } })}\n`);
    return;
  }
  const gatewayPort = Number(process.env.HTTP_PORT ?? 3000);
  if (await listening(gatewayPort))
    throw new Error(`port ${gatewayPort} is taken: stop what runs there or set HTTP_PORT`);
  const serverUrl = await postgresServer();
  const natsUrl = await natsServer();
  const publicKeyFile = devKeys();

  say('building the apps (cached after the first time)');
  run('build', join(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '--output-style=static']);

  const logLevel = process.env.LOG_LEVEL ?? 'info';
  for (const service of SERVICES) {
    const variable = `${service.name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
    const databaseUrl = process.env[variable] ?? (await serviceDatabase(serverUrl, service.database));
    say(`${service.name}: running migrations`);
    run(`${service.name}-migrate`, node, [join(root, 'dist/apps', service.name, 'migrate.js')], {
      DATABASE_URL: databaseUrl,
    });
    await startApp(
      service.name,
      {
        DATABASE_URL: databaseUrl,
        NATS_URL: natsUrl,
        HTTP_PORT: String(service.httpPort),
        LOG_LEVEL: logLevel,
      },
      service.httpPort,
    );
  }
  await startApp(
    'gateway',
    {
      NATS_URL: natsUrl,
      HTTP_PORT: String(gatewayPort),
      LOG_LEVEL: logLevel,
      AUTH_PUBLIC_KEY_FILE: publicKeyFile,
      AUTH_ISSUER: 'terpadu-dev',
      AUTH_AUDIENCE: 'terpadu',
    },
    gatewayPort,
  );
  say('');
  say(`Terpadu runs: API http://127.0.0.1:${gatewayPort}/v1, docs http://127.0.0.1:${gatewayPort}/docs`);
  say('a token for the local platform:  npm run token -- --role registrar --jurisdiction 3174');
  say(`each app's log (warnings and errors also show here): ${logDir}/<app>.log`);
  say('Ctrl-C stops everything this launcher started.');
}

main().catch((error) => die(error instanceof Error ? error.message : String(error)));
