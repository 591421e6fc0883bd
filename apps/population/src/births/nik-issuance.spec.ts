import { parseNik, Sex } from '@terpadu/contracts';
import { issuedNik, nikPrefix } from './nik-issuance';

describe(nikPrefix.name, () => {
  it('encodes the district and the birth date as DDMMYY, with 40 added to a girl’s day', () => {
    expect(nikPrefix('317404', '2026-11-28', Sex.Male)).toBe('317404281126');
    expect(nikPrefix('317404', '2026-11-28', Sex.Female)).toBe('317404681126');
    expect(nikPrefix('110101', '2024-02-29', Sex.Female)).toBe('110101690224');
  });

  it('gives NIKs that parse back to the birth date and sex', () => {
    const nik = issuedNik(nikPrefix('317404', '2026-01-05', Sex.Female), 12);
    const parsed = parseNik(nik, '2026-11-30');
    expect(parsed).toEqual({
      ok: true,
      value: expect.objectContaining({
        birthDate: '2026-01-05',
        sex: Sex.Female,
        districtCode: '317404',
        serial: '0012',
      }),
    });
  });

  it('refuses what is not a district code or a date', () => {
    expect(() => nikPrefix('3174', '2026-11-28', Sex.Male)).toThrow('districtCode');
    expect(() => nikPrefix('317404', '28-11-2026', Sex.Male)).toThrow('birthDate');
  });
});

describe(issuedNik.name, () => {
  it('appends the serial as 4 digits', () => {
    expect(issuedNik('317404281126', 1)).toBe('3174042811260001');
    expect(issuedNik('317404281126', 9999)).toBe('3174042811269999');
  });

  it.each([0, 10000, 2.5])('refuses serial %s', (serial) => {
    expect(() => issuedNik('317404281126', serial)).toThrow(RangeError);
  });
});
