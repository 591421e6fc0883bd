import type { JWTPayload } from 'jose';

/** The value at a dotted path of a token's claims: `realm_access.roles` reads `{ realm_access: { roles } }`. */
export function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A claim that is a list of strings, or one string of items separated by spaces or commas. */
function stringList(value: unknown): string[] {
  const items = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : [];
  return items
    .filter((item): item is string => typeof item === 'string')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** The caller's roles from the configured claim; anything that is not a string is ignored. */
export function readRoles(payload: JWTPayload, path: string): string[] {
  return [...new Set(stringList(claimAt(payload, path)))];
}

/**
 * The caller's jurisdiction: region-code prefixes (province `31`, regency `3174`, district `317404`,
 * village `3174041003`). Dots are dropped (`31.74` is `3174`); an entry that is not then all
 * digits is ignored, so a malformed claim narrows access instead of widening it.
 */
export function readJurisdiction(payload: JWTPayload, path: string): string[] {
  const prefixes = stringList(claimAt(payload, path))
    .map((item) => item.replace(/\./g, ''))
    .filter((item) => /^\d{2,10}$/.test(item));
  return [...new Set(prefixes)];
}
