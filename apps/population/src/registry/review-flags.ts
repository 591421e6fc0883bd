import { type ParsedNik, ReviewFlagCode, type ReviewFlagView, type Sex } from '@terpadu/contracts';

const MESSAGES: Record<ReviewFlagCode, string> = {
  [ReviewFlagCode.NikBirthDateMismatch]:
    'The birth date encoded in the NIK (digits 7-12) differs from the recorded birth date; check both against the documents',
  [ReviewFlagCode.NikSexMismatch]:
    'The sex encoded in the NIK (day + 40 for women) differs from the recorded sex; check both against the documents',
};

/**
 * Where a resident's NIK and recorded data disagree. Never a rejection: the NIK was issued by the
 * national registry and the documents decide. The NIK encodes only a two-digit year, so a recorded
 * 1920-08-17 agrees with an encoded 170820 even when the century rule would read it as 2020.
 */
export function reviewFlagsFor(nik: ParsedNik, recorded: { birthDate: string; sex: Sex }): ReviewFlagCode[] {
  const flags: ReviewFlagCode[] = [];
  const encoded = nik.birthDate; // YYYY-MM-DD
  const sameDayMonth = encoded.slice(5) === recorded.birthDate.slice(5);
  const sameTwoDigitYear = encoded.slice(2, 4) === recorded.birthDate.slice(2, 4);
  if (!sameDayMonth || !sameTwoDigitYear) flags.push(ReviewFlagCode.NikBirthDateMismatch);
  if (nik.sex !== recorded.sex) flags.push(ReviewFlagCode.NikSexMismatch);
  return flags;
}

export function reviewFlagViews(codes: readonly ReviewFlagCode[]): ReviewFlagView[] {
  return codes.map((code) => ({ code, message: MESSAGES[code] }));
}
