/**
 * Bulk import throughput: a SIAK export of 100,000 residents (the demo village generator, about
 * 28,000 family cards) uploaded through the gateway and registered by the population service.
 * Prints rows/s end to end (upload to DONE) and for the background registration alone, and the
 * peak resident memory (VmHWM) of the population service and of the gateway.
 *   npm run build && npm run bench:import      (BENCH_ROWS=20000 to change)
 */
import { DEMO_VILLAGE_CODE, generateDemoVillage, toSiakCsv } from '@terpadu/testing';
import { importCsv, processMemory, startPlatform } from './lib';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);

async function main(): Promise<void> {
  // About 3.5 people per household; the slice may cut the last family short (its head comes first).
  const records = generateDemoVillage({ households: Math.ceil(ROWS / 3.3) }).slice(0, ROWS);
  if (records.length < ROWS) throw new Error(`the generator gave ${records.length} rows, fewer than ${ROWS}`);
  const csv = toSiakCsv(records);
  const platform = await startPlatform();
  try {
    const token = await platform.token(['registrar'], [DEMO_VILLAGE_CODE]);
    const before = processMemory(platform.services.get('population').pid);
    const run = await importCsv(platform, csv, token);
    const population = processMemory(platform.services.get('population').pid);
    const gateway = processMemory(platform.gateway.pid);
    const { job } = run;
    if (job.accepted !== ROWS)
      throw new Error(`expected ${ROWS} accepted rows, the job says ${JSON.stringify(job)}`);
    const processingMs = run.totalMs - run.uploadMs;
    const mb = (n: number) => `${n.toFixed(0)} MB`;
    process.stdout.write(
      [
        `import of ${ROWS.toLocaleString('en')} residents (${(csv.length / 1024 / 1024).toFixed(1)} MB CSV, ${new Set(records.map((r) => r.NO_KK)).size.toLocaleString('en')} family cards)`,
        `  upload to 202:            ${(run.uploadMs / 1000).toFixed(1)} s`,
        `  upload to DONE:           ${(run.totalMs / 1000).toFixed(1)} s = ${(ROWS / (run.totalMs / 1000)).toFixed(0)} rows/s`,
        `  registration (202->DONE): ${(processingMs / 1000).toFixed(1)} s = ${(ROWS / (processingMs / 1000)).toFixed(0)} rows/s`,
        `  population service RSS:   ${mb(before.currentMb)} before, peak ${mb(population.peakMb)}`,
        `  gateway RSS:              peak ${mb(gateway.peakMb)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
