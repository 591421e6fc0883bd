/**
 * GET /v1/residents/{nik}/overview (person + family card from population, health summary from the
 * health service, in parallel) against GET /v1/residents/{nik} in the same run, both through the
 * gateway at 50 connections (autocannon), as a health worker (the overview's largest answer).
 * Then, one request at a time, the p50 of both and of each section's call straight over NATS: the
 * overview's own cost next to its slowest path (person then family card, or health).
 *   npm run build && npm run bench:overview      (BENCH_SECONDS=20 BENCH_RESIDENTS=2000 to change)
 */
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import autocannon from 'autocannon';
import { firstValueFrom, timeout } from 'rxjs';
import {
  type Actor,
  HEALTH_SUMMARY_GET,
  HealthSummaryLevel,
  POPULATION_FAMILY_CARDS_GET,
  POPULATION_RESIDENTS_GET,
} from '@terpadu/contracts';
import { percentile, syntheticNik, startPlatform } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 1000);
const CONNECTIONS = 50;
const VILLAGE = '3174041003';
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A boy born in 2024 or 2025 (under 5: health keeps a schedule for him), NIK issued in 317404. */
function childNik(index: number): { nik: string; birthDate: string } {
  const day = 1 + (index % 28);
  const month = 1 + (Math.floor(index / 28) % 12);
  const year = 2024 + (Math.floor(index / 336) % 2);
  return {
    nik: `317404${pad(day)}${pad(month)}${pad(year % 100)}${pad(5000 + Math.floor(index / 672), 4)}`,
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
  };
}

/** Runs `work` over `items` with `parallel` at a time. */
async function each<T>(items: T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function main(): Promise<void> {
  const platform = await startPlatform({ services: ['population', 'health'] });
  try {
    const registrar = { authorization: `Bearer ${await platform.token(['registrar'], ['3174'])}` };
    const healthWorker = { authorization: `Bearer ${await platform.token(['health_worker'], ['3174'])}` };
    const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
      const res = await fetch(`${platform.gateway.url}${path}`, {
        method: 'POST',
        headers: { ...registrar, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`seeding ${path} failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const resident = (nik: string, birthDate: string, i: number, child: boolean) => ({
      nik,
      fullName: `Warga Bench ${i}`,
      birthPlace: 'Jakarta',
      birthDate,
      sex: 'LAKI_LAKI',
      religion: 'ISLAM',
      maritalStatus: child ? 'BELUM_KAWIN' : 'KAWIN',
      occupation: child ? 'Belum bekerja' : 'Petani',
      educationLevel: child ? 'TIDAK_SEKOLAH' : 'SMA',
      address: { villageCode: VILLAGE, rt: '001', rw: '002', street: 'Jl. Bench' },
    });

    // Families of a head and a child under 5: every overview makes three calls (person, then its
    // family card; health in parallel), and health has a schedule to evaluate for half the persons.
    const families = Array.from({ length: Math.ceil(RESIDENTS / 2) }, (_, i) => i);
    const niks: string[] = [];
    await each(families, 8, async (i) => {
      const head = syntheticNik(i);
      const child = childNik(i);
      await post('/v1/residents', resident(head.nik, head.birthDate, i, false));
      await post('/v1/residents', resident(child.nik, child.birthDate, i, true));
      const card = await post('/v1/family-cards', { headNik: head.nik });
      await post(`/v1/family-cards/${String(card.number)}/members`, { nik: child.nik, relationship: 'ANAK' });
      niks.push(head.nik, child.nik);
    });

    // Health learns the persons from population's events: wait until it knows every one.
    const last = [syntheticNik(families.length - 1).nik, childNik(families.length - 1).nik];
    for (;;) {
      const sections = await Promise.all(
        last.map(async (nik) => {
          const res = await fetch(`${platform.gateway.url}/v1/residents/${nik}/overview`, {
            headers: healthWorker,
          });
          return ((await res.json()) as { sections: { health: { status: string } } }).sections.health.status;
        }),
      );
      if (sections.every((s) => s === 'available')) break;
      await new Promise((r) => setTimeout(r, 500));
    }

    const run = async (path: (nik: string) => string, duration: number) => {
      let next = 0;
      let unavailable = 0;
      const result = await autocannon({
        url: platform.gateway.url,
        connections: CONNECTIONS,
        duration,
        headers: healthWorker,
        requests: [
          {
            setupRequest: (req: autocannon.Request) => ({ ...req, path: path(niks[next++ % niks.length]) }),
            onResponse: (_status: number, body: string) => {
              if (body.includes('"unavailable"')) unavailable += 1;
            },
          },
        ],
      });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${path('{nik}')}: ${result.non2xx} non-2xx and ${result.errors} errors`);
      return { result, unavailable };
    };
    const lookup = (nik: string) => `/v1/residents/${nik}`;
    const overview = (nik: string) => `/v1/residents/${nik}/overview`;
    await run(lookup, 3);
    await run(overview, 3);
    const single = await run(lookup, SECONDS);
    const composed = await run(overview, SECONDS);

    // One at a time: each section's call straight over NATS, and both endpoints through the gateway.
    const client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [platform.nats.url] },
    });
    await client.connect();
    const actor: Actor = { sub: 'bench', roles: ['health_worker'], jurisdiction: ['3174'] };
    const sequential = async (call: (i: number) => Promise<unknown>): Promise<number> => {
      const latencies: number[] = [];
      const until = Date.now() + 5000;
      for (let i = 0; Date.now() < until; i++) {
        const start = process.hrtime.bigint();
        await call(i);
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      return percentile(latencies, 50);
    };
    const nats = (subject: string, request: (nik: string) => object) => (i: number) =>
      firstValueFrom(client.send(subject, { actor, ...request(niks[i % niks.length]) }).pipe(timeout(5000)));
    const http =
      (path: (nik: string) => string, headers = healthWorker) =>
      async (i: number) => {
        const res = await fetch(`${platform.gateway.url}${path(niks[i % niks.length])}`, { headers });
        await res.arrayBuffer();
      };
    const cards = new Map<string, string>();
    for (const nik of niks.slice(0, 200)) {
      const person = await firstValueFrom(
        client.send<{ familyCard: { number: string } }>(POPULATION_RESIDENTS_GET, { actor, nik }),
      );
      cards.set(nik, person.familyCard.number);
    }
    const light = {
      'residents.get (NATS)': await sequential(nats(POPULATION_RESIDENTS_GET, (nik) => ({ nik }))),
      'family-cards.get (NATS)': await sequential((i) =>
        firstValueFrom(
          client
            .send(POPULATION_FAMILY_CARDS_GET, { actor, number: cards.get(niks[i % 200]) })
            .pipe(timeout(5000)),
        ),
      ),
      'health summary.get (NATS)': await sequential(
        nats(HEALTH_SUMMARY_GET, (nik) => ({ nik, level: HealthSummaryLevel.Detail })),
      ),
      'GET /v1/residents/{nik}': await sequential(http(lookup)),
      'GET /v1/residents/{nik}/overview': await sequential(http(overview)),
      'GET /v1/residents/{nik}/overview as a registrar (no health section)': await sequential(
        http(overview, registrar),
      ),
    };
    await client.close();

    const rows = [
      ['GET /v1/residents/{nik}', single.result],
      ['GET /v1/residents/{nik}/overview', composed.result],
    ] as const;
    console.log(
      `\n${CONNECTIONS} connections, ${SECONDS} s each, ${niks.length} residents, as a health worker`,
    );
    console.log('| endpoint | req/s | p50 ms | p99 ms |\n|---|---|---|---|');
    for (const [name, r] of rows)
      console.log(
        `| ${name} | ${r.requests.average.toFixed(0)} | ${r.latency.p50.toFixed(1)} | ${r.latency.p99.toFixed(1)} |`,
      );
    console.log(
      `overview/lookup: throughput ${(composed.result.requests.average / single.result.requests.average).toFixed(2)}, ` +
        `p50 ${(composed.result.latency.p50 / single.result.latency.p50).toFixed(2)}, ` +
        `p99 ${(composed.result.latency.p99 / single.result.latency.p99).toFixed(2)}; ` +
        `overview answers with a section unavailable: ${composed.unavailable} of ${composed.result.requests.total}`,
    );
    console.log('\none request at a time, p50 ms:');
    for (const [name, p50] of Object.entries(light)) console.log(`  ${name}: ${p50.toFixed(1)}`);
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
