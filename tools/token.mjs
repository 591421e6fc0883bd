#!/usr/bin/env node
// Prints a bearer token that the locally started platform (`npm start`) accepts:
//   npm run -s token -- --role registrar --jurisdiction 3174 [--role auditor] [--sub budi] [--ttl 3600]
// It is signed with the dev key that `npm start` creates in .terpadu/dev-keys/ and that only the
// launcher's gateway trusts (issuer `terpadu-dev`, audience `terpadu`). Never use it elsewhere.
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const keyFile = join(root, '.terpadu', 'dev-keys', 'private.pem');
const ISSUER = 'terpadu-dev';
const AUDIENCE = 'terpadu';
const ROLES = [
  'registrar',
  'front_desk',
  'village_head',
  'health_worker',
  'school_operator',
  'social_worker',
  'economy_officer',
  'auditor',
  'admin',
  'agency_system',
  'resident',
];

const USAGE = `usage: npm run -s token -- --role <role> [--role <role>...] [--jurisdiction <region code>...] [--sub <name>] [--ttl <seconds>]

  --role          a role of the platform (repeatable): ${ROLES.join(', ')}
  --jurisdiction  a region-code prefix the caller serves (repeatable), e.g. 31 (province), 3174 (regency),
                  317404 (district), 3174041003 (village); without it the caller sees no residents
  --sub           the subject (user id) recorded as who acted; default dev-<first role>
  --ttl           lifetime in seconds, default 3600`;

function fail(message) {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      role: { type: 'string', multiple: true, default: [] },
      jurisdiction: { type: 'string', multiple: true, default: [] },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  fail(error.message);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const roles = args.role
  .flatMap((r) => r.split(','))
  .map((r) => r.trim())
  .filter(Boolean);
if (roles.length === 0) fail('give at least one --role');
const unknown = roles.filter((r) => !ROLES.includes(r));
if (unknown.length > 0) fail(`unknown role: ${unknown.join(', ')}`);
const jurisdiction = args.jurisdiction
  .flatMap((j) => j.split(','))
  .map((j) => j.trim().replace(/\./g, ''))
  .filter(Boolean);
const badCode = jurisdiction.filter((j) => !/^\d{2,10}$/.test(j));
if (badCode.length > 0) fail(`not a region code: ${badCode.join(', ')}`);
const ttl = Number(args.ttl);
if (!Number.isInteger(ttl) || ttl < 1 || ttl > 7 * 24 * 3600)
  fail('--ttl must be a whole number of seconds (at most a week)');

if (!existsSync(keyFile)) {
  process.stderr.write(
    `The dev signing key ${relative(process.cwd(), keyFile) || keyFile} does not exist yet.\n` +
      'Start the platform first (`npm start` creates it on its first run), then ask for a token again.\n',
  );
  process.exit(1);
}

const key = createPrivateKey(readFileSync(keyFile));
const alg =
  key.asymmetricKeyType === 'ec'
    ? { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' }[key.asymmetricKeyDetails?.namedCurve]
    : key.asymmetricKeyType === 'rsa'
      ? 'RS256'
      : key.asymmetricKeyType === 'ed25519'
        ? 'EdDSA'
        : undefined;
if (!alg) fail(`${keyFile} holds a key type this tool cannot sign with`);

const token = await new SignJWT({ roles, jurisdiction })
  .setProtectedHeader({ alg, typ: 'JWT' })
  .setIssuer(ISSUER)
  .setAudience(AUDIENCE)
  .setSubject(args.sub ?? `dev-${roles[0]}`)
  .setIssuedAt()
  .setExpirationTime(`${ttl}s`)
  .sign(key);
process.stdout.write(`${token}\n`);
