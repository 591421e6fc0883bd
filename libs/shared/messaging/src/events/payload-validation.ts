import { EVENT_PAYLOADS, type EventSubject, type FieldError, toFieldErrors } from '@terpadu/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** True when `subject` has a payload class (an own key: never `constructor` or `__proto__`). */
function isKnownSubject(subject: string): subject is EventSubject {
  return Object.hasOwn(EVENT_PAYLOADS, subject);
}

/**
 * Checks an event's `data` against its subject's contract class (EVENT_PAYLOADS), the way RPC
 * payloads are checked at both ends: [] when it is valid, otherwise one field error per broken rule
 * with its dotted path (`child.nik`, `members.1.relationship`), never the rejected value.
 * Fields the class does not know are accepted: a newer producer may add some. A subject without
 * a class gives [] (the consumer decides what to do with it).
 */
export function validateEventPayload(subject: string, data: unknown): FieldError[] {
  if (!isKnownSubject(subject)) return [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return [{ field: 'data', code: 'isObject', message: 'data must be an object' }];
  }
  const payloadClass: new () => object = EVENT_PAYLOADS[subject];
  const payload = plainToInstance(payloadClass, data);
  return toFieldErrors(
    validateSync(payload, { forbidUnknownValues: true, validationError: { target: false, value: false } }),
  );
}
