/**
 * GET /v1/residents/{nik} through the gateway at 50 connections (autocannon), against the same
 * lookup sent straight to the population service over NATS with 50 requests in flight.
 *   npm run build && npm run bench:gateway      (BENCH_SECONDS=20 BENCH_RESIDENTS=2000 to change)
 */
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import autocannon from 'autocannon';
import { firstValueFrom, timeout } from 'rxjs';
import { POPULATION_RESIDENTS_GET, type Actor } from '@terpadu/contracts';
import { percentile, startPlatform, syntheticNik } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 1000);
const CONNECTIONS = 50;

async function main(): Promise<void> {
  const platform = await startPlatform();
  try {
    const token = await platform.token(['registrar'], ['3174']);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const niks: string[] = [];
    for (let i = 0; i < RESIDENTS; i++) {
      const { nik, birthDate } = syntheticNik(i);
      const res = await fetch(`${platform.gateway.url}/v1/residents`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          nik,
          fullName: `Warga Bench ${i}`,
          birthPlace: 'Jakarta',
          birthDate,
          sex: 'LAKI_LAKI',
          religion: 'ISLAM',
          maritalStatus: 'KAWIN',
          occupation: 'Petani',
          educationLevel: 'SMA',
          address: { villageCode: '3174041003', rt: '001', rw: '002', street: 'Jl. Bench' },
        }),
      });
      if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
      niks.push(nik);
    }

    // Warm-up, then the measured gateway run.
    let next = 0;
    const requests = [
      {
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          path: `/v1/residents/${niks[next++ % niks.length]}`,
        }),
      },
    ];
    await autocannon({ url: platform.gateway.url, connections: CONNECTIONS, duration: 3, headers, requests });
    const http = await autocannon({
      url: platform.gateway.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers,
      requests,
    });
    if (http.non2xx > 0 || http.errors > 0)
      throw new Error(`gateway run had ${http.non2xx} non-2xx and ${http.errors} errors`);

    // The same lookup straight over NATS, 50 in flight, through the client the gateway uses.
    const client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [platform.nats.url] },
    });
    await client.connect();
    const actor: Actor = { sub: 'bench', roles: ['registrar'], jurisdiction: ['3174'] };
    const latencies: number[] = [];
    const until = Date.now() + SECONDS * 1000;
    let i = 0;
    const worker = async () => {
      while (Date.now() < until) {
        const nik = niks[i++ % niks.length];
        const start = process.hrtime.bigint();
        await firstValueFrom(client.send(POPULATION_RESIDENTS_GET, { actor, nik }).pipe(timeout(5000)));
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    await client.close();

    const natsRps = latencies.length / SECONDS;
    const rows = [
      ['gateway (HTTP, autocannon)', http.requests.average, http.latency.p50, http.latency.p99],
      ['population over NATS (direct)', natsRps, percentile(latencies, 50), percentile(latencies, 99)],
    ] as const;
    console.log(
      `\nGET /v1/residents/{nik}, ${CONNECTIONS} connections, ${SECONDS} s, ${RESIDENTS} residents`,
    );
    console.log('| path | req/s | p50 ms | p99 ms |\n|---|---|---|---|');
    for (const [name, rps, p50, p99] of rows)
      console.log(`| ${name} | ${rps.toFixed(0)} | ${p50.toFixed(1)} | ${p99.toFixed(1)} |`);
    console.log(`gateway/direct throughput ratio: ${(http.requests.average / natsRps).toFixed(2)}`);
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
