import { defineErrors } from './error-definition';

/** Messaging operations: the dead letters every consuming service keeps. */
export const DEAD_LETTER_ERRORS = defineErrors({
  DEAD_LETTER_NOT_FOUND: { status: 404, title: 'Dead letter not found' },
  DEAD_LETTER_ALREADY_REPLAYED: { status: 409, title: 'Dead letter already replayed' },
});
