import { Sex } from '@terpadu/contracts';

let serial = 0;

/**
 * A NIK issued in `district` (six digits, Jakarta Timur's 317404 by default) for the birth
 * date and sex (women's day of birth +40), with a serial new in this test file.
 */
export function nikFor(birthDate: string, sex: Sex = Sex.Male, district = '317404'): string {
  serial += 1;
  const [year, month, day] = birthDate.split('-');
  const encodedDay = Number(day) + (sex === Sex.Female ? 40 : 0);
  return `${district}${String(encodedDay).padStart(2, '0')}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}
