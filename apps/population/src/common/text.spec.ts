import { cleanText, escapeLike, normalizeName } from './text';

describe('text helpers', () => {
  it(`${cleanText.name} trims and collapses whitespace`, () => {
    expect(cleanText('  Budi \t  Santoso ')).toBe('Budi Santoso');
  });

  it(`${normalizeName.name} ignores case, spacing and Unicode compatibility forms`, () => {
    expect(normalizeName(' Budi  SANTOSO ')).toBe('budisantoso');
    expect(normalizeName('Ｂｕｄｉ')).toBe('budi');
  });

  it(`${escapeLike.name} escapes the LIKE wildcards and the escape character`, () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
