import { parseNik, type ParsedNik, ReviewFlagCode, Sex } from '@terpadu/contracts';
import { reviewFlagsFor, reviewFlagViews } from './review-flags';

function nik(raw: string): ParsedNik {
  const result = parseNik(raw, '2026-11-30');
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe(reviewFlagsFor.name, () => {
  const man1945 = nik('3171011708450001');

  it('raises nothing when the NIK agrees with the record', () => {
    expect(reviewFlagsFor(man1945, { birthDate: '1945-08-17', sex: Sex.Male })).toEqual([]);
    expect(reviewFlagsFor(nik('3171015708450001'), { birthDate: '1945-08-17', sex: Sex.Female })).toEqual([]);
  });

  it('flags a different day, month or two-digit year', () => {
    expect(reviewFlagsFor(man1945, { birthDate: '1945-08-18', sex: Sex.Male })).toEqual([
      ReviewFlagCode.NikBirthDateMismatch,
    ]);
    expect(reviewFlagsFor(man1945, { birthDate: '1945-09-17', sex: Sex.Male })).toEqual([
      ReviewFlagCode.NikBirthDateMismatch,
    ]);
    expect(reviewFlagsFor(man1945, { birthDate: '1946-08-17', sex: Sex.Male })).toEqual([
      ReviewFlagCode.NikBirthDateMismatch,
    ]);
  });

  it('does not flag a century the NIK cannot encode (a centenarian born 1920 with yy=20)', () => {
    expect(reviewFlagsFor(nik('3171011708200001'), { birthDate: '1920-08-17', sex: Sex.Male })).toEqual([]);
  });

  it('flags a woman whose NIK encodes a man (day without +40), and the reverse', () => {
    expect(reviewFlagsFor(man1945, { birthDate: '1945-08-17', sex: Sex.Female })).toEqual([
      ReviewFlagCode.NikSexMismatch,
    ]);
    expect(reviewFlagsFor(nik('3171015708450001'), { birthDate: '1945-08-17', sex: Sex.Male })).toEqual([
      ReviewFlagCode.NikSexMismatch,
    ]);
  });

  it('flags both at once', () => {
    expect(reviewFlagsFor(man1945, { birthDate: '1990-01-01', sex: Sex.Female })).toEqual([
      ReviewFlagCode.NikBirthDateMismatch,
      ReviewFlagCode.NikSexMismatch,
    ]);
  });
});

describe(reviewFlagViews.name, () => {
  it('explains each flag', () => {
    const views = reviewFlagViews([ReviewFlagCode.NikSexMismatch]);
    expect(views).toEqual([{ code: ReviewFlagCode.NikSexMismatch, message: expect.stringContaining('sex') }]);
  });
});
