import {
  chooseNats,
  choosePostgres,
  containerRuntimeAnswers,
  containerRuntimeHints,
  type Env,
  infraMode,
  LOCAL_POSTGRES_URL,
  machineProbe,
  type RuntimeProbe,
} from './infra';

/** Facts as a machine would give them; `asked` records which probes the choice ran. */
function machine(o: { env?: Env; runtime?: boolean; server?: boolean; binDir?: string; serverBin?: string }) {
  const asked: string[] = [];
  const env = o.env ?? {};
  const containerRuntimeAnswers = async () => {
    asked.push('runtime');
    return o.runtime ?? false;
  };
  return {
    asked,
    postgres: {
      env,
      containerRuntimeAnswers,
      localServerAnswers: async () => {
        asked.push('server');
        return o.server ?? false;
      },
      binDir: o.binDir,
    },
    nats: { env, containerRuntimeAnswers, serverBin: o.serverBin },
  };
}

const PG_BIN = '/usr/lib/postgresql/15/bin';
const NATS_BIN = '/usr/sbin/nats-server';
const GIVEN = 'postgres://ci@db.internal:5432/postgres';

describe(choosePostgres.name, () => {
  // mode, machine, expected source
  const table: [string, Parameters<typeof machine>[0], string][] = [
    ['auto', { runtime: true, server: true, binDir: PG_BIN }, 'container'],
    ['auto', { runtime: false, server: true, binDir: PG_BIN }, 'server'],
    ['auto', { runtime: false, server: false, binDir: PG_BIN }, 'throwaway'],
    ['auto', { env: { TEST_DATABASE_URL: GIVEN }, runtime: true }, 'url'],
    ['auto', { env: { TEST_POSTGRES: 'throwaway' }, server: true, binDir: PG_BIN }, 'throwaway'],
    ['local', { runtime: true, server: true, binDir: PG_BIN }, 'server'],
    ['local', { runtime: true, server: false, binDir: PG_BIN }, 'throwaway'],
    ['local', { env: { TEST_DATABASE_URL: GIVEN }, runtime: true }, 'url'],
    ['containers', { env: { TEST_DATABASE_URL: GIVEN }, runtime: true, server: true }, 'container'],
  ];

  it.each(table)('%s on %j: %s', async (mode, facts, source) => {
    const m = machine({ ...facts, env: { TERPADU_TEST_INFRA: mode, ...facts.env } });
    await expect(choosePostgres(m.postgres)).resolves.toMatchObject({ source });
  });

  it('gives the URL to use: TEST_DATABASE_URL or the local server', async () => {
    await expect(choosePostgres(machine({ env: { TEST_DATABASE_URL: GIVEN } }).postgres)).resolves.toEqual({
      source: 'url',
      url: GIVEN,
    });
    await expect(choosePostgres(machine({ server: true }).postgres)).resolves.toEqual({
      source: 'server',
      url: LOCAL_POSTGRES_URL,
    });
  });

  it('in auto without a runtime falls back to local; local mode never asks for a runtime', async () => {
    const auto = machine({ server: true });
    await expect(choosePostgres(auto.postgres)).resolves.toMatchObject({ source: 'server' });
    expect(auto.asked).toEqual(['runtime', 'server']);
    const local = machine({ env: { TERPADU_TEST_INFRA: 'local' }, runtime: true, binDir: PG_BIN });
    await expect(choosePostgres(local.postgres)).resolves.toMatchObject({ source: 'throwaway' });
    expect(local.asked).toEqual(['server']);
  });

  it('says which is missing and how to get it', async () => {
    await expect(choosePostgres(machine({}).postgres)).rejects.toThrow(
      'No PostgreSQL for the tests (TERPADU_TEST_INFRA=auto): no container runtime answers, nothing lets the ' +
        'postgres user in on 127.0.0.1:5432 and no PostgreSQL binaries (initdb) are installed. Install ' +
        'PostgreSQL (apt-get install postgresql), run one on 127.0.0.1:5432 or set TEST_DATABASE_URL, or ' +
        'start a Docker (or Podman) engine',
    );
    await expect(
      choosePostgres(machine({ env: { TERPADU_TEST_INFRA: 'containers' }, server: true }).postgres),
    ).rejects.toThrow(/^TERPADU_TEST_INFRA=containers, but no container runtime answers/);
  });

  it('refuses a mode it does not know', async () => {
    await expect(choosePostgres(machine({ env: { TERPADU_TEST_INFRA: 'docker' } }).postgres)).rejects.toThrow(
      'TERPADU_TEST_INFRA must be auto, containers or local (got "docker")',
    );
  });
});

describe(chooseNats.name, () => {
  const table: [string, Parameters<typeof machine>[0], string][] = [
    ['auto', { runtime: true, serverBin: NATS_BIN }, 'container'],
    ['auto', { runtime: false, serverBin: NATS_BIN }, 'binary'],
    ['local', { runtime: true, serverBin: NATS_BIN }, 'binary'],
    ['containers', { runtime: true }, 'container'],
  ];

  it.each(table)('%s on %j: %s', async (mode, facts, source) => {
    const m = machine({ ...facts, env: { TERPADU_TEST_INFRA: mode } });
    await expect(chooseNats(m.nats)).resolves.toMatchObject({ source });
  });

  it('says which is missing and how to get it', async () => {
    await expect(chooseNats(machine({}).nats)).rejects.toThrow(
      'No NATS for the tests (TERPADU_TEST_INFRA=auto): no container runtime answers and nats-server is not ' +
        'installed. Install it (apt-get install nats-server) or set NATS_SERVER_BIN, or start a Docker (or ' +
        'Podman) engine',
    );
    await expect(chooseNats(machine({ env: { TERPADU_TEST_INFRA: 'local' } }).nats)).rejects.toThrow(
      /^No NATS for the tests \(TERPADU_TEST_INFRA=local\): nats-server is not installed/,
    );
  });
});

describe(infraMode.name, () => {
  it('defaults to auto and reads the three names in any case', () => {
    expect(infraMode({})).toBe('auto');
    expect(infraMode({ TERPADU_TEST_INFRA: '' })).toBe('auto');
    expect(infraMode({ TERPADU_TEST_INFRA: ' Local ' })).toBe('local');
    expect(infraMode({ TERPADU_TEST_INFRA: 'CONTAINERS' })).toBe('containers');
  });
});

describe(containerRuntimeAnswers.name, () => {
  const bare: Omit<RuntimeProbe, 'ask'> = {
    env: {},
    exists: () => false,
    home: '/home/dev',
    uid: 1000,
    platform: 'linux',
  };

  it('without a Docker engine or any sign of one says no at once, without loading testcontainers', async () => {
    const ask = jest.fn(async () => true);
    const startedAt = performance.now();
    await expect(containerRuntimeAnswers({ ...bare, ask })).resolves.toBe(false);
    expect(performance.now() - startedAt).toBeLessThan(50);
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks testcontainers when there is a sign of a runtime, and takes its answer', async () => {
    const socket = (path: string) => path === '/var/run/docker.sock';
    await expect(containerRuntimeAnswers({ ...bare, exists: socket, ask: async () => true })).resolves.toBe(
      true,
    );
    await expect(containerRuntimeAnswers({ ...bare, exists: socket, ask: async () => false })).resolves.toBe(
      false,
    );
  });

  it('reads the places testcontainers looks', () => {
    const all = (path: string) => path !== '/var/run/docker.sock';
    expect(
      containerRuntimeHints({
        ...bare,
        env: { DOCKER_HOST: 'tcp://h:2375', XDG_RUNTIME_DIR: '/run/user/1000' },
        exists: all,
      }),
    ).toEqual([
      'DOCKER_HOST',
      '/home/dev/.testcontainers.properties',
      '/run/user/1000/docker.sock',
      '/home/dev/.docker/run/docker.sock',
      '/home/dev/.docker/desktop/docker.sock',
    ]);
    expect(containerRuntimeHints({ ...bare, platform: 'win32' })).toEqual(['//./pipe/docker_engine']);
  });

  // Only meaningful where nothing hints at a runtime (these machines: a docker client, no engine).
  const noEngineHere = containerRuntimeHints(machineProbe()).length === 0;
  (noEngineHere ? it : it.skip)(
    'with DOCKER_HOST pointing at no engine, the real testcontainers probe says no within a few seconds',
    async () => {
      const probe = machineProbe({ ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
      const startedAt = performance.now();
      await expect(containerRuntimeAnswers(probe)).resolves.toBe(false);
      expect(performance.now() - startedAt).toBeLessThan(5000);
    },
  );
});
