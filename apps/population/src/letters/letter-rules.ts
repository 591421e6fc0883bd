import { LetterType, ResidentStatus } from '@terpadu/contracts';

/**
 * Whose letters make sense: a low-income, domicile, business or cover letter speaks for a living
 * resident of the village; a birth certificate also for someone who has since died (inheritance,
 * pensions); a death certificate only for a person recorded as deceased.
 */
export const HOLDER_STATUSES: Readonly<Record<LetterType, readonly ResidentStatus[]>> = {
  [LetterType.Sktm]: [ResidentStatus.Hidup],
  [LetterType.Domicile]: [ResidentStatus.Hidup],
  [LetterType.BusinessDomicile]: [ResidentStatus.Hidup],
  [LetterType.CoverLetter]: [ResidentStatus.Hidup],
  [LetterType.BirthCertificate]: [ResidentStatus.Hidup, ResidentStatus.Mati],
  [LetterType.DeathCertificate]: [ResidentStatus.Mati],
};
