/** The parts of a letter number, in print order. */
export interface LetterNumberParts {
  /** Archive classification code of the type, e.g. `470`. */
  classificationCode: string;
  /** Position in the village's letters of this type this year, from 1, without gaps. */
  sequence: number;
  /** The type's short code, e.g. `SKTM`. */
  numberCode: string;
  villageCode: string;
  year: number;
}

/**
 * `classification/sequence/type/village/year`, the sequence zero-padded to 4 digits (it grows past
 * 9999 rather than wrapping): `470/0012/SKTM/3174091005/2026`.
 */
export function letterNumber(p: LetterNumberParts): string {
  return [
    p.classificationCode,
    String(p.sequence).padStart(4, '0'),
    p.numberCode,
    p.villageCode,
    p.year,
  ].join('/');
}
