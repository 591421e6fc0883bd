import { defineErrors } from './error-definition';

/** The population registry: residents, family cards, life events, duplicates, regions, letters, imports. */
export const POPULATION_ERRORS = defineErrors({
  // Residents and family cards
  NIK_ALREADY_REGISTERED: { status: 409, title: 'NIK already registered' },
  RESIDENT_NOT_FOUND: { status: 404, title: 'Resident not found' },
  RESIDENT_NOT_ACTIVE: { status: 422, title: 'Resident is not active' },
  NOTHING_TO_CHANGE: { status: 422, title: 'Nothing to change' },
  FAMILY_CARD_NOT_FOUND: { status: 404, title: 'Family card not found' },
  ALREADY_IN_FAMILY_CARD: { status: 409, title: 'Already a member of a family card' },
  NOT_A_FAMILY_MEMBER: { status: 404, title: 'Not a member of this family card' },
  HEAD_CANNOT_LEAVE: { status: 422, title: 'The head cannot leave the family card' },
  INVALID_RELATIONSHIP: { status: 422, title: 'Invalid family relationship' },
  // Life events and duplicates
  RESIDENT_DECEASED: { status: 422, title: 'The resident is deceased' },
  RESIDENT_MOVED_OUT: { status: 422, title: 'The resident has moved out' },
  RESIDENT_DEACTIVATED: { status: 422, title: 'The record was deactivated as a duplicate' },
  DEATH_ALREADY_REGISTERED: { status: 409, title: 'Death already registered' },
  DEATH_BEFORE_BIRTH: { status: 422, title: 'Date of death before the birth date' },
  DATE_BEFORE_BIRTH: { status: 422, title: 'Date before the birth date' },
  INVALID_PARENT: { status: 422, title: 'Invalid parent' },
  PARENT_NOT_IN_FAMILY_CARD: { status: 422, title: 'No parent is a member of this family card' },
  FAMILY_CARD_CLOSED: { status: 422, title: 'The family card is closed' },
  INVALID_SPLIT: { status: 422, title: 'Invalid family card split' },
  DUPLICATE_REVIEW_NOT_FOUND: { status: 404, title: 'Duplicate review not found' },
  DUPLICATE_REVIEW_ALREADY_RESOLVED: { status: 409, title: 'Duplicate review already resolved' },
  // Region reference data
  REGION_NOT_FOUND: { status: 404, title: 'Region not found' },
  // Letters
  LETTER_NOT_FOUND: { status: 404, title: 'Letter not found' },
  LETTER_NOT_DRAFT: { status: 409, title: 'The letter is not a draft' },
  LETTER_NOT_SIGNED: { status: 409, title: 'The letter is not signed' },
  LETTER_NOT_ISSUED: { status: 409, title: 'The letter has not been issued' },
  LETTER_VALIDITY_ENDED: { status: 422, title: 'The letter validity has ended' },
  RESIDENT_NOT_DECEASED: { status: 422, title: 'Resident is not deceased' },
  // Bulk import
  IMPORT_NOT_FOUND: { status: 404, title: 'Import not found' },
  IMPORT_UPLOAD_CLOSED: { status: 409, title: 'The import no longer takes rows' },
  IMPORT_INCOMPLETE: { status: 409, title: 'The import did not receive every row' },
  IMPORT_FILE_ALREADY_IMPORTED: { status: 409, title: 'This file was already imported by another office' },
});
