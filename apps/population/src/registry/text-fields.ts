import { cleanText, hasControlCharacters, invalidField } from '@terpadu/service-kit';

/** Free text as stored: no control characters, whitespace trimmed and collapsed. */
export function plainText(value: string, field: string): string {
  if (hasControlCharacters(value))
    throw invalidField(field, 'noControlCharacters', `${field} must not contain control characters`);
  return cleanText(value);
}

/** A required free-text field after trimming; "   " is as empty as "". */
export function requiredText(value: string, field: string): string {
  const cleaned = plainText(value, field);
  if (cleaned.length === 0) throw invalidField(field, 'isNotEmpty', `${field} should not be empty`);
  return cleaned;
}

export function optionalText(value: string | null | undefined, field: string): string | null {
  const cleaned = value == null ? '' : plainText(value, field);
  return cleaned.length > 0 ? cleaned : null;
}
