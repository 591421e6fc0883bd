/** Highest serial of a KK number (4 digits). */
export const MAX_FAMILY_CARD_SERIAL = 9999;

/**
 * The first 12 digits of a KK number: the district code (first 6 digits of the head's village) and
 * the issue date as DDMMYY (no +40: a card has no sex).
 */
export function familyCardPrefix(villageCode: string, issuedOn: string): string {
  if (!/^\d{10}$/.test(villageCode)) throw new Error('villageCode must be 10 digits');
  const date = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(issuedOn);
  if (!date) throw new Error('issuedOn must be YYYY-MM-DD');
  const [, yy, mm, dd] = date;
  return `${villageCode.slice(0, 6)}${dd}${mm}${yy}`;
}

export function familyCardNumber(prefix: string, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_FAMILY_CARD_SERIAL) {
    throw new RangeError(`a family card serial is 1..${MAX_FAMILY_CARD_SERIAL}`);
  }
  return `${prefix}${String(serial).padStart(4, '0')}`;
}
