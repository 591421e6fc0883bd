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
