import { Client } from 'pg';
import { startNats } from './nats';
import { isListening } from './ports';
import { startPostgres } from './postgres';

describe('test harness', () => {
  it('gives each suite a fresh, empty PostgreSQL database and drops it', async () => {
    const pg = await startPostgres();
    const url = await pg.createDatabase('harness');
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    await client.end();
    expect(rows[0].n).toBe('0');
    await pg.dropDatabase(url);
    const admin = new Client({ connectionString: pg.serverUrl });
    await admin.connect();
    const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      new URL(url).pathname.slice(1),
    ]);
    await admin.end();
    expect(left.rowCount).toBe(0);
    await pg.stop();
  });

  it('stops and restarts a throwaway NATS on the same port', async () => {
    const nats = await startNats();
    await expect(isListening(nats.port)).resolves.toBe(true);
    await nats.stop();
    await expect(isListening(nats.port)).resolves.toBe(false);
    await nats.start();
    await expect(isListening(nats.port)).resolves.toBe(true);
    await nats.destroy();
  });
});
