import { familyCardNumber, familyCardPrefix } from './family-card-number';

describe(familyCardPrefix.name, () => {
  it('takes the district of the village and the issue date as DDMMYY', () => {
    expect(familyCardPrefix('3174041003', '2026-11-30')).toBe('317404301126');
    expect(familyCardPrefix('1101012001', '2000-01-05')).toBe('110101050100');
  });

  it('refuses what is not a village code or an ISO date', () => {
    expect(() => familyCardPrefix('317404', '2026-11-30')).toThrow('villageCode');
    expect(() => familyCardPrefix('3174041003', '30-11-2026')).toThrow('issuedOn');
  });
});

describe(familyCardNumber.name, () => {
  it('appends the serial as 4 digits', () => {
    expect(familyCardNumber('317404301126', 1)).toBe('3174043011260001');
    expect(familyCardNumber('317404301126', 9999)).toBe('3174043011269999');
  });

  it.each([0, 10000, 1.5])('refuses serial %s', (serial) => {
    expect(() => familyCardNumber('317404301126', serial)).toThrow(RangeError);
  });
});
