/**
 * Loads the demo village into the locally running platform: Tanjung Barat (Jagakarsa, Jakarta
 * Selatan, 31.74.09.1005) with 300 households, about a thousand people, as a SIAK export imported
 * through the gateway (`POST /v1/imports/residents`), the same path a village's real file takes.
 *   npm start            (one terminal)
 *   npm run seed         (another; GATEWAY_URL to reach another gateway than http://127.0.0.1:3000)
 * Running it again changes nothing: the file is the same, so the gateway answers with its job.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { type ImportJobView, ImportStatus } from '@terpadu/contracts';
import { DEMO_VILLAGE_CODE, generateDemoVillage, toSiakCsv } from '@terpadu/testing';

const HOUSEHOLDS = 300;
const gateway = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const say = (message: string) => process.stdout.write(`[seed] ${message}\n`);

/** A registrar's token for the village, from the dev key `npm start` made (tools/token.mjs). */
function token(): string {
  return execFileSync(
    process.execPath,
    [
      join(__dirname, 'token.mjs'),
      '--role',
      'registrar',
      '--jurisdiction',
      DEMO_VILLAGE_CODE,
      '--sub',
      'seed',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  ).trim();
}

async function main(): Promise<void> {
  const csv = toSiakCsv(generateDemoVillage({ households: HOUSEHOLDS }));
  const authorization = `Bearer ${token()}`;
  let res: Response;
  try {
    res = await fetch(`${gateway}/v1/imports/residents`, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="demo-tanjung-barat.csv"',
      },
      body: csv,
    });
  } catch {
    throw new Error(`no gateway answers at ${gateway}: start the platform first (npm start)`);
  }
  if (res.status !== 202 && res.status !== 200) {
    throw new Error(`the gateway answered ${res.status}: ${await res.text()}`);
  }
  let job = (await res.json()) as ImportJobView;
  say(
    res.status === 202
      ? `importing ${job.total} residents of Tanjung Barat (${DEMO_VILLAGE_CODE}), job ${job.id}`
      : `the demo village was uploaded before (job ${job.id}); nothing changes`,
  );
  while (job.status === ImportStatus.Running || job.status === ImportStatus.Queued) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const poll = await fetch(`${gateway}/v1/imports/${job.id}`, { headers: { authorization } });
    if (poll.status !== 200) throw new Error(`GET /v1/imports/${job.id} answered ${poll.status}`);
    job = (await poll.json()) as ImportJobView;
  }
  say(
    `${job.status}: ${job.accepted} registered, ${job.unchanged} already there, ${job.rejected} rejected` +
      (job.failure ? ` (${job.failure})` : ''),
  );
  if (job.status !== ImportStatus.Done || job.rejected > 0) {
    say(`see the report: GET ${gateway}/v1/imports/${job.id}/rows?outcome=REJECTED`);
    process.exitCode = 1;
    return;
  }
  say(`look around: TOKEN=$(npm run -s token -- --role registrar --jurisdiction ${DEMO_VILLAGE_CODE})`);
  say(
    `             curl -H "Authorization: Bearer $TOKEN" "${gateway}/v1/residents?villageCode=${DEMO_VILLAGE_CODE}"`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`[seed] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
