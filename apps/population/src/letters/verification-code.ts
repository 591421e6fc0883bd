import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BYTES = 20;

/** RFC 4648 base32 without padding. */
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/**
 * A letter's public verification code: 160 random bits from the OS CSPRNG as 32 base32 characters
 * (A-Z, 2-7: no look-alike lower case, safe in a URL, readable over the phone). Unguessable, so
 * the public verification route reveals nothing to someone who does not hold the letter.
 */
export function newVerificationCode(): string {
  return base32(randomBytes(BYTES));
}

/** A code as typed or scanned, upper-cased; undefined when it cannot be a code this service issues. */
export function normalizeVerificationCode(raw: string): string | undefined {
  const code = raw.trim().toUpperCase();
  return /^[A-Z2-7]{32}$/.test(code) ? code : undefined;
}
