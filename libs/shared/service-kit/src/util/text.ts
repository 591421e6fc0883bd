/** Trims and collapses runs of whitespace: what a registrar typed, without accidental spacing. */
export function cleanText(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/**
 * The form of a name that search compares: Unicode-normalized, lower case, without any whitespace,
 * so `Budi  Santoso`, `budi santoso` and `BudiSantoso` all match `di san`.
 */
export function normalizeName(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Escapes `%`, `_` and `\` for a PostgreSQL LIKE pattern (default escape character). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Control characters (NUL among them, which PostgreSQL text cannot hold) never belong in a name or address. */
export function hasControlCharacters(value: string): boolean {
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value);
}
