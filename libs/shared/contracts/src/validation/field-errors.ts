import type { FieldError } from '../common/errors';
import type { ValidationError } from 'class-validator';

/**
 * Flattens class-validator errors into field errors with dotted paths: `address.villageCode` for a
 * nested object, `members.0.nik` for an array element. The rejected value is never copied.
 */
export function toFieldErrors(errors: readonly ValidationError[], parentPath = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    for (const [code, message] of Object.entries(error.constraints ?? {})) {
      result.push({ field, code, message: withPath(message, error.property, field) });
    }
    if (error.children && error.children.length > 0) {
      result.push(...toFieldErrors(error.children, field));
    }
  }
  return result;
}

/** class-validator names only the property in its message; name the whole path instead. */
function withPath(message: string, property: string, field: string): string {
  return property !== field && message.startsWith(`${property} `)
    ? `${field}${message.slice(property.length)}`
    : message;
}
