import { letterNumber } from './letter-number';

describe(letterNumber.name, () => {
  it('prints classification/sequence/type/village/year with a 4-digit sequence', () => {
    expect(
      letterNumber({
        classificationCode: '470',
        sequence: 12,
        numberCode: 'SKTM',
        villageCode: '3174091005',
        year: 2026,
      }),
    ).toBe('470/0012/SKTM/3174091005/2026');
  });

  it('lets the sequence grow past 9999 instead of wrapping', () => {
    expect(
      letterNumber({
        classificationCode: '474.1',
        sequence: 10000,
        numberCode: 'SKL',
        villageCode: '3201012001',
        year: 2027,
      }),
    ).toBe('474.1/10000/SKL/3201012001/2027');
  });
});
