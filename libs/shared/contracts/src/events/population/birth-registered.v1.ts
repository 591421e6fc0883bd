import type { Sex } from '../../population/enums';

export const BIRTH_REGISTERED_V1 = 'evt.population.birth.registered.v1' as const;

/**
 * A birth was registered: the child has a NIK, a place on a family card and a birth certificate.
 * Health starts the child's immunization schedule from it; social welfare checks PKH components.
 * The child also gets RESIDENT_REGISTERED_V1 and the card FAMILY_CARD_CHANGED_V1 in the same
 * transaction; consumers keeping a projection of persons may rely on either.
 */
export interface BirthRegisteredV1 {
  birthId: string;
  certificateNumber: string;
  child: {
    residentId: string;
    nik: string;
    fullName: string;
    sex: Sex;
    birthDate: string;
    /** Local time of birth, `HH:mm`. */
    birthTime: string;
    birthPlace: string;
    weightGrams: number;
    lengthCm: number;
  };
  motherNik: string;
  fatherNik: string | null;
  familyCardNumber: string;
  villageCode: string;
  registeredAt: string;
}
