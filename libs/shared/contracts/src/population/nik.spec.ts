import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { NikWarningCode, Sex } from './enums';
import { CreateFamilyCardDto } from './family-card.dto';
import { IsNik, normalizeNik, NikErrorReason, type NikParseResult, parseNik, todayIsoDate } from './nik';

/** "Today" for every case below, unless a case says otherwise: the registry's clock, never the wall clock. */
const TODAY = '2026-11-16';

function expectValid(result: NikParseResult) {
  if (!result.ok) throw new Error(`expected a valid NIK, got ${result.reason}`);
  return result.value;
}

function expectInvalid(result: NikParseResult): NikErrorReason {
  if (result.ok) throw new Error(`expected an invalid NIK, got ${result.value.birthDate}`);
  return result.reason;
}

describe(parseNik.name, () => {
  describe('the examples of domain.md', () => {
    it('reads 3171011708450001 as a man born 1945-08-17', () => {
      const nik = expectValid(parseNik('3171011708450001', TODAY));
      expect(nik).toEqual({
        nik: '3171011708450001',
        provinceCode: '31',
        regencyCode: '3171',
        districtCode: '317101',
        birthDate: '1945-08-17',
        sex: Sex.Male,
        serial: '0001',
        warnings: [],
      });
    });

    it('reads 3171015708450001 as a woman born on the same date (day + 40)', () => {
      const nik = expectValid(parseNik('3171015708450001', TODAY));
      expect(nik.birthDate).toBe('1945-08-17');
      expect(nik.sex).toBe(Sex.Female);
    });
  });

  describe('the encoded birth date', () => {
    it('rejects 31 February', () => {
      expect(expectInvalid(parseNik('3171013102900001', TODAY))).toBe(NikErrorReason.InvalidDate);
    });

    it('rejects 31 April and 31 June, accepts 30 April', () => {
      expect(expectInvalid(parseNik('3171013104900001', TODAY))).toBe(NikErrorReason.InvalidDate);
      expect(expectInvalid(parseNik('3171013106900001', TODAY))).toBe(NikErrorReason.InvalidDate);
      expect(expectValid(parseNik('3171013004900001', TODAY)).birthDate).toBe('1990-04-30');
    });

    it('rejects day 72, beyond the female range 41-71', () => {
      expect(expectInvalid(parseNik('3171017201900001', TODAY))).toBe(NikErrorReason.InvalidDate);
    });

    it.each(['32', '33', '35', '38', '39', '40'])(
      'rejects day %s, between the male and female ranges',
      (day) => {
        expect(expectInvalid(parseNik(`317101${day}01900001`, TODAY))).toBe(NikErrorReason.InvalidDate);
      },
    );

    it('rejects day 00 and month 00 and month 13', () => {
      expect(expectInvalid(parseNik('3171010001900001', TODAY))).toBe(NikErrorReason.InvalidDate);
      expect(expectInvalid(parseNik('3171011500900001', TODAY))).toBe(NikErrorReason.InvalidDate);
      expect(expectInvalid(parseNik('3171011513900001', TODAY))).toBe(NikErrorReason.InvalidDate);
    });

    it('accepts the edges of both ranges: day 01, 31, 41 and 71', () => {
      expect(expectValid(parseNik('3171010101900001', TODAY))).toMatchObject({
        birthDate: '1990-01-01',
        sex: Sex.Male,
      });
      expect(expectValid(parseNik('3171013101900001', TODAY))).toMatchObject({
        birthDate: '1990-01-31',
        sex: Sex.Male,
      });
      expect(expectValid(parseNik('3171014101900001', TODAY))).toMatchObject({
        birthDate: '1990-01-01',
        sex: Sex.Female,
      });
      expect(expectValid(parseNik('3171017101900001', TODAY))).toMatchObject({
        birthDate: '1990-01-31',
        sex: Sex.Female,
      });
    });

    it('accepts 29 February in a leap year (2004, 2000) and for a woman (day 69)', () => {
      expect(expectValid(parseNik('3171012902040001', TODAY)).birthDate).toBe('2004-02-29');
      expect(expectValid(parseNik('3171012902000001', TODAY)).birthDate).toBe('2000-02-29');
      expect(expectValid(parseNik('3171016902880001', TODAY))).toMatchObject({
        birthDate: '1988-02-29',
        sex: Sex.Female,
      });
    });

    it('rejects 29 February in a non-leap year (2001, 1990) and for a woman (day 69)', () => {
      expect(expectInvalid(parseNik('3171012902010001', TODAY))).toBe(NikErrorReason.InvalidDate);
      expect(expectInvalid(parseNik('3171012902900001', TODAY))).toBe(NikErrorReason.InvalidDate);
      expect(expectInvalid(parseNik('3171016902900001', TODAY))).toBe(NikErrorReason.InvalidDate);
    });

    it('rejects 29 February 1900 (not a leap year) when the century resolves to 1900', () => {
      // Before 2000-02-29 had happened, yy=00 meant 1900, and 1900 had no 29 February.
      expect(expectInvalid(parseNik('3171012902000001', '1999-12-31'))).toBe(NikErrorReason.InvalidDate);
    });
  });

  describe('the century of the two-digit year', () => {
    it('reads yy=20 as 2020, not 1920, when today is in 2026', () => {
      expect(expectValid(parseNik('3171011708200001', TODAY)).birthDate).toBe('2020-08-17');
    });

    it('reads yy=45 as 1945', () => {
      expect(expectValid(parseNik('3171011708450001', TODAY)).birthDate).toBe('1945-08-17');
    });

    it('reads yy=00 as 2000 and yy=99 as 1999', () => {
      expect(expectValid(parseNik('3171010101000001', TODAY)).birthDate).toBe('2000-01-01');
      expect(expectValid(parseNik('3171010101990001', TODAY)).birthDate).toBe('1999-01-01');
    });

    it('reads a date later this year than today as the previous century', () => {
      expect(expectValid(parseNik('3171011712260001', TODAY)).birthDate).toBe('1926-12-17');
      expect(expectValid(parseNik('3171011711260001', TODAY)).birthDate).toBe('1926-11-17');
    });

    it('reads a date earlier this year, and today itself, as this century', () => {
      expect(expectValid(parseNik('3171011501260001', TODAY)).birthDate).toBe('2026-01-15');
      expect(expectValid(parseNik('3171011611260001', TODAY)).birthDate).toBe('2026-11-16');
    });

    it('follows the given today, not the wall clock', () => {
      expect(expectValid(parseNik('3171011708200001', '2020-08-16')).birthDate).toBe('1920-08-17');
      expect(expectValid(parseNik('3171011708200001', '2020-08-17')).birthDate).toBe('2020-08-17');
    });
  });

  describe('the serial and the region codes', () => {
    it('rejects serial 0000 and accepts 0001 and 9999', () => {
      expect(expectInvalid(parseNik('3171011708450000', TODAY))).toBe(NikErrorReason.InvalidSerial);
      expect(expectValid(parseNik('3171011708459999', TODAY)).serial).toBe('9999');
    });

    it.each(['00', '10', '20', '37', '99'])('rejects the unknown province %s', (province) => {
      expect(expectInvalid(parseNik(`${province}71011708450001`, TODAY))).toBe(
        NikErrorReason.UnknownProvince,
      );
    });

    it('accepts every one of the newest provinces (Papua Selatan 93 .. Papua Barat Daya 96)', () => {
      for (const province of ['93', '94', '95', '96']) {
        expect(expectValid(parseNik(`${province}01011708450001`, TODAY)).provinceCode).toBe(province);
      }
    });

    it('warns, without rejecting, about regency 00 or 70 (neither kabupaten 01-69 nor kota 71-99) and district 00', () => {
      expect(expectValid(parseNik('3100011708450001', TODAY)).warnings).toEqual([
        NikWarningCode.UnknownRegency,
      ]);
      expect(expectValid(parseNik('3170011708450001', TODAY)).warnings).toEqual([
        NikWarningCode.UnknownRegency,
      ]);
      expect(expectValid(parseNik('3169011708450001', TODAY)).warnings).toEqual([]);
      expect(expectValid(parseNik('3171001708450001', TODAY)).warnings).toEqual([
        NikWarningCode.UnknownDistrict,
      ]);
      expect(expectValid(parseNik('3100001708450001', TODAY)).warnings).toEqual([
        NikWarningCode.UnknownRegency,
        NikWarningCode.UnknownDistrict,
      ]);
    });
  });

  describe('the format', () => {
    it('strips spaces and dots before reading', () => {
      expect(expectValid(parseNik('3171 0117 0845 0001', TODAY)).nik).toBe('3171011708450001');
      expect(expectValid(parseNik('31.71.01.170845.0001', TODAY)).nik).toBe('3171011708450001');
      expect(expectValid(parseNik(' 3171011708450001\t', TODAY)).nik).toBe('3171011708450001');
    });

    it.each([
      ['a letter', '317101170845000A'],
      ['a dash', '3171-01170845-0001'],
      ['15 digits', '317101170845001'],
      ['17 digits', '31710117084500011'],
      ['an empty string', ''],
      ['full-width digits', '３１７１０１１７０８４５０００１'],
    ])('rejects %s', (_label, raw) => {
      expect(expectInvalid(parseNik(raw, TODAY))).toBe(NikErrorReason.Format);
    });

    it('gives a message a registrar can act on', () => {
      const result = parseNik('3171013102900001', TODAY);
      expect(result).toEqual({
        ok: false,
        reason: NikErrorReason.InvalidDate,
        message: expect.stringContaining('birth date'),
      });
    });
  });
});

describe(normalizeNik.name, () => {
  it('removes spaces and dots and keeps everything else', () => {
    expect(normalizeNik(' 31.71 01-17 ')).toBe('317101-17');
  });
});

describe(todayIsoDate.name, () => {
  it('takes the UTC calendar date', () => {
    expect(todayIsoDate(new Date('2026-11-16T23:59:59.999Z'))).toBe('2026-11-16');
    expect(todayIsoDate(new Date('2026-11-17T00:00:00.000+07:00'))).toBe('2026-11-16');
  });
});

describe(IsNik.name, () => {
  it('passes a valid NIK and fails an invalid one on the named property with a message', async () => {
    await expect(
      validate(plainToInstance(CreateFamilyCardDto, { headNik: '3171011708450001' })),
    ).resolves.toEqual([]);

    const errors = await validate(plainToInstance(CreateFamilyCardDto, { headNik: '3171013102900001' }));
    expect(errors).toHaveLength(1);
    expect(errors[0].property).toBe('headNik');
    expect(errors[0].constraints).toEqual({ isNik: expect.stringContaining('headNik is invalid') });
  });

  it('fails a value that is not a string', async () => {
    const errors = await validate(plainToInstance(CreateFamilyCardDto, { headNik: 3171011708450001 }));
    expect(errors[0].constraints).toEqual({ isNik: 'headNik must be a string of 16 digits' });
  });
});
