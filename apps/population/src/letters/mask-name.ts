/**
 * A holder's name as the public verification shows it: each word keeps its first 3 characters and
 * the rest becomes one `*`; a word of 3 characters or fewer keeps only its first (so a short word is
 * never shown whole). `Siti Nurhaliza` -> `Sit* Nur*`, `Ani` -> `A*`. Counts characters, not UTF-16 units.
 */
export function maskName(fullName: string): string {
  return fullName
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => {
      const chars = Array.from(word);
      return `${chars.slice(0, chars.length > 3 ? 3 : 1).join('')}*`;
    })
    .join(' ');
}
