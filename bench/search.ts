/**
 * Resident search by name over 100,000 residents: `POST /v1/residents/search` through the gateway
 * at 20 connections (autocannon), each request with another full name taken from the data (about
 * 60 residents share a generated full name, so each answer is a full page of 20). The residents are
 * loaded first through the bulk import (`importCsv`).
 *   npm run build && npm run bench:search      (BENCH_ROWS=20000 BENCH_SECONDS=10 to change)
 */
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import autocannon from 'autocannon';
import { STREAMS } from '@terpadu/contracts';
import { DEMO_VILLAGE_CODE, generateDemoVillage, toSiakCsv } from '@terpadu/testing';
import { importCsv, startPlatform } from './lib';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 20;

async function main(): Promise<void> {
  const records = generateDemoVillage({ households: Math.ceil(ROWS / 3.3) }).slice(0, ROWS);
  const platform = await startPlatform();
  try {
    const token = await platform.token(['registrar'], [DEMO_VILLAGE_CODE]);
    const loaded = await importCsv(platform, toSiakCsv(records), token);
    process.stdout.write(
      `loaded ${loaded.job.accepted.toLocaleString('en')} residents through the import in ${(loaded.totalMs / 1000).toFixed(0)} s\n`,
    );
    // Measure the search alone: wait until the relay has published the import's events.
    const events = loaded.job.accepted + new Set(records.map((r) => r.NO_KK)).size;
    await waitForStream(platform.nats.url, events);

    // A shuffled sample of the residents' names, searched round-robin (a fixed seed: repeatable).
    let seed = 42;
    const nextRandom = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const names = Array.from(
      { length: 2000 },
      () => records[Math.floor(nextRandom() * records.length)].NAMA_LGKP,
    );
    let next = 0;
    const options: autocannon.Options = {
      url: platform.gateway.url,
      connections: CONNECTIONS,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          path: '/v1/residents/search',
          setupRequest: (req: autocannon.Request) => ({
            ...req,
            body: JSON.stringify({ name: names[next++ % names.length] }),
          }),
        },
      ],
    };
    await autocannon({ ...options, duration: 3 }); // warm-up
    const run = await autocannon({ ...options, duration: SECONDS });
    if (run.non2xx > 0 || run.errors > 0)
      throw new Error(`the search run had ${run.non2xx} non-2xx answers and ${run.errors} errors`);
    process.stdout.write(
      [
        `name search over ${ROWS.toLocaleString('en')} residents, ${CONNECTIONS} connections, ${SECONDS} s:`,
        `  ${run.requests.average.toFixed(0)} req/s, p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms (max ${run.latency.max} ms)`,
        '',
      ].join('\n'),
    );
  } finally {
    await platform.stop();
  }
}

/** Until the population stream holds `count` events (a resident and a family card event each). */
async function waitForStream(natsUrl: string, count: number): Promise<void> {
  // @nats-io/transport-node's re-exported types do not resolve under `moduleResolution: node`.
  const nc = (await connect({ servers: natsUrl })) as NatsConnection;
  try {
    const jsm = await jetstreamManager(nc);
    const deadline = Date.now() + 300_000;
    while ((await jsm.streams.info(STREAMS.population.name)).state.messages < count) {
      if (Date.now() > deadline) throw new Error(`the outbox did not publish ${count} events in 5 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await nc.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
