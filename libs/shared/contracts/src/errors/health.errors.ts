import { defineErrors } from './error-definition';

/** The health service: immunizations, pregnancies, insurance. */
export const HEALTH_ERRORS = defineErrors({
  IMMUNIZATION_TOO_EARLY: { status: 422, title: 'Too early for this dose' },
  IMMUNIZATION_INTERVAL_TOO_SHORT: { status: 422, title: 'Too soon after the previous dose' },
  IMMUNIZATION_ALREADY_GIVEN: { status: 409, title: 'Dose already given' },
  IMMUNIZATION_NOT_IN_SCHEDULE: { status: 422, title: 'Dose not in the immunization schedule' },
  PREGNANCY_NOT_FOUND: { status: 404, title: 'Pregnancy not found' },
  PREGNANCY_ALREADY_ACTIVE: { status: 409, title: 'A pregnancy is already active' },
  PREGNANCY_NOT_ACTIVE: { status: 409, title: 'The pregnancy is not active' },
  PREGNANCY_NOT_ELIGIBLE: { status: 422, title: 'Not eligible for a pregnancy record' },
  INSURANCE_NUMBER_TAKEN: { status: 409, title: 'Insurance number belongs to another person' },
});
