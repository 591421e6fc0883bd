import { cleanText, escapeLike, hasControlCharacters, normalizeName } from './text';

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

  it(`${hasControlCharacters.name} finds NUL and other control characters but not tabs or newlines`, () => {
    expect(hasControlCharacters('Budi\u0000')).toBe(true);
    expect(hasControlCharacters('a\u001bb')).toBe(true);
    expect(hasControlCharacters('Budi\tSantoso\n')).toBe(false);
  });
});
