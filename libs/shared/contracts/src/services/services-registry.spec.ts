import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { serviceEntry, SERVICES } from './services-registry';

const root = join(__dirname, '../../../../..');

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
}

const compose = (
  load(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
  }
).services;

describe('the services registry', () => {
  it('names each service, port and database once, each an app folder of the workspace', () => {
    for (const key of ['name', 'httpPort', 'database'] as const) {
      const values = SERVICES.map((s) => s[key]);
      expect(new Set(values).size).toBe(values.length);
    }
    for (const s of SERVICES) {
      expect(s.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(s.database).toMatch(/^terpadu_[a-z0-9_]+$/);
      expect(existsSync(join(root, 'apps', s.name, 'project.json'))).toBe(true);
    }
  });

  it('lists every domain app of the workspace (only the gateway is not a domain service)', () => {
    const apps = readdirSync(join(root, 'apps')).filter((a) =>
      existsSync(join(root, 'apps', a, 'project.json')),
    );
    expect(apps.filter((a) => a !== 'gateway').sort()).toEqual(SERVICES.map((s) => s.name).sort());
  });

  it('starts a service after the services whose events it consumes', () => {
    SERVICES.forEach((s, index) => {
      for (const producer of s.consumes) {
        const at = SERVICES.findIndex((p) => p.name === producer);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(at).toBeLessThan(index);
      }
    });
  });

  it('refuses a name it does not hold', () => {
    expect(() => serviceEntry('no-such-service')).toThrow(/not in the services registry/);
  });

  it('is what the launcher starts (tools/start.mjs --plan)', () => {
    const plan = JSON.parse(
      execFileSync(join(root, 'node_modules/.bin/node'), [join(root, 'tools/start.mjs'), '--plan'], {
        encoding: 'utf8',
      }),
    ) as { services: Array<{ name: string; database: string; httpPort: number }> };
    expect(plan.services).toEqual(
      SERVICES.map((s) => ({ name: s.name, database: s.database, httpPort: s.httpPort })),
    );
  });
});

describe('docker-compose.yml and deploy/postgres-init against the registry', () => {
  const initSql = readdirSync(join(root, 'deploy/postgres-init'))
    .map((f) => readFileSync(join(root, 'deploy/postgres-init', f), 'utf8'))
    .join('\n');
  const firstDatabase = compose.postgres?.environment?.POSTGRES_DB;

  it.each(SERVICES.map((s) => [s.name, s] as const))(
    'runs %s with its migrations, database and port',
    (name, s) => {
      const app = compose[name];
      const migrate = compose[`${name}-migrate`];
      expect(app?.environment).toMatchObject({ APP: name, HTTP_PORT: String(s.httpPort) });
      expect(app?.environment?.DATABASE_URL).toMatch(new RegExp(`@postgres:5432/${s.database}$`));
      expect(migrate?.command).toEqual(['migrate']);
      expect(migrate?.environment).toMatchObject({ APP: name });
      expect(migrate?.environment?.DATABASE_URL).toBe(app?.environment?.DATABASE_URL);
      expect(Object.keys(app?.depends_on ?? {})).toContain(`${name}-migrate`);
      expect(Object.keys(compose.gateway?.depends_on ?? {})).toContain(name);
    },
  );

  it.each(SERVICES.map((s) => [s.database] as const))('creates the database %s', (database) => {
    if (database === firstDatabase) return;
    expect(initSql).toMatch(new RegExp(`CREATE DATABASE ${database}\\b`));
  });

  it('runs no app that the registry does not list', () => {
    const apps = Object.values(compose)
      .map((c) => c.environment?.APP)
      .filter((a): a is string => typeof a === 'string');
    expect([...new Set(apps)].filter((a) => a !== 'gateway').sort()).toEqual(
      SERVICES.map((s) => s.name).sort(),
    );
  });
});
