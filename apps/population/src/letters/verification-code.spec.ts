import { newVerificationCode, normalizeVerificationCode } from './verification-code';

describe(newVerificationCode.name, () => {
  it('gives 32 base32 characters (160 bits), different every time', () => {
    const codes = Array.from({ length: 1000 }, () => newVerificationCode());
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{32}$/);
    expect(new Set(codes).size).toBe(1000);
  });

  it('uses every symbol of the alphabet (no bias towards a subset)', () => {
    const seen = new Set(Array.from({ length: 200 }, () => newVerificationCode()).join(''));
    expect(seen.size).toBe(32);
  });
});

describe(normalizeVerificationCode.name, () => {
  it('accepts a code typed in lower case or with spaces around it', () => {
    const code = newVerificationCode();
    expect(normalizeVerificationCode(` ${code.toLowerCase()} `)).toBe(code);
  });

  it.each(['', 'ABC', 'A'.repeat(31), 'A'.repeat(33), `${'A'.repeat(31)}1`, `${'A'.repeat(31)}!`])(
    'refuses %j',
    (raw) => {
      expect(normalizeVerificationCode(raw)).toBeUndefined();
    },
  );
});
