import {
  ANC_VISIT_RECORDED_V1,
  BIRTH_REGISTERED_V1,
  DEATH_REGISTERED_V1,
  EVENT_PAYLOADS,
  type EventMap,
  type EventSubject,
  FAMILY_CARD_CHANGED_V1,
  FamilyRelationship,
  IMMUNIZATION_GIVEN_V1,
  IMMUNIZATION_OVERDUE_V1,
  INSURANCE_CHANGED_V1,
  LETTER_ISSUED_V1,
  LETTER_REVOKED_V1,
  LetterType,
  RESIDENT_MOVED_IN_V1,
  RESIDENT_MOVED_OUT_V1,
  RESIDENT_REGISTERED_V1,
  RESIDENT_UPDATED_V1,
  ResidentStatus,
  Sex,
  streamForSubject,
} from '@terpadu/contracts';
import { validateEventPayload } from './payload-validation';

// Made-up people, numbered the way the registry numbers them (district 317404 of Jakarta Timur).
const FATHER_NIK = '3174041403880001'; // born 1988-03-14, male
const MOTHER_NIK = '3174044207910002'; // born 1991-07-02, female (day + 40)
const CHILD_NIK = '3174046811260003'; // born 2026-11-28, female
const VILLAGE = '3174041003';
const CARD = '3174043011260001';
const AT = '2026-11-30T03:00:00.000Z';
const id = (n: number) => `0b7e4c52-5d1a-4c3e-9a41-${String(n).padStart(12, '0')}`;

/**
 * Realistic payloads per subject, as the producers build them (apps/population/src,
 * apps/health/src); the first of each is the one the invalid variants below start from. Typed by
 * EventMap: a subject without examples does not compile.
 */
const VALID: { [S in EventSubject]: [EventMap[S], ...EventMap[S][]] } = {
  [RESIDENT_REGISTERED_V1]: [
    {
      residentId: id(1),
      nik: FATHER_NIK,
      fullName: 'Bapak Santoso',
      birthDate: '1988-03-14',
      sex: Sex.Male,
      villageCode: VILLAGE,
      status: ResidentStatus.Hidup,
      familyCardNumber: null,
      registeredAt: AT,
    },
    {
      residentId: id(3),
      nik: CHILD_NIK,
      fullName: 'Putri Anak',
      birthDate: '2026-11-28',
      sex: Sex.Female,
      villageCode: VILLAGE,
      status: ResidentStatus.Hidup,
      familyCardNumber: CARD,
      registeredAt: '2026-11-30T10:00:00+07:00',
    },
  ],
  [RESIDENT_UPDATED_V1]: [
    {
      residentId: id(1),
      nik: FATHER_NIK,
      changedFields: ['fullName', 'address.villageCode'],
      fullName: 'Bapak Santosa',
      birthDate: '1988-03-14',
      sex: Sex.Male,
      villageCode: '3174041004',
      status: ResidentStatus.Hidup,
      updatedAt: AT,
    },
    {
      residentId: id(2),
      nik: MOTHER_NIK,
      changedFields: ['deactivated'],
      fullName: 'Ibu Santoso',
      birthDate: '1991-07-02',
      sex: Sex.Female,
      villageCode: VILLAGE,
      status: ResidentStatus.Hidup,
      updatedAt: AT,
      deactivation: { deactivatedAt: AT, duplicateOfResidentId: id(9) },
    },
  ],
  [BIRTH_REGISTERED_V1]: [
    {
      birthId: id(10),
      certificateNumber: '317404-LU-30112026-0001',
      child: {
        residentId: id(3),
        nik: CHILD_NIK,
        fullName: 'Putri Anak',
        sex: Sex.Female,
        birthDate: '2026-11-28',
        birthTime: '06:45',
        birthPlace: 'RSUD Pasar Minggu',
        weightGrams: 3200,
        lengthCm: 49.5,
      },
      motherNik: MOTHER_NIK,
      fatherNik: FATHER_NIK,
      familyCardNumber: CARD,
      villageCode: VILLAGE,
      registeredAt: AT,
    },
    {
      birthId: id(11),
      certificateNumber: '317404-LU-30112026-0002',
      child: {
        residentId: id(4),
        nik: '3174042811260004',
        fullName: 'Putra Anak',
        sex: Sex.Male,
        birthDate: '2026-11-28',
        birthTime: '23:59',
        birthPlace: 'Rumah',
        weightGrams: 2900,
        lengthCm: 48,
      },
      motherNik: MOTHER_NIK,
      fatherNik: null,
      familyCardNumber: CARD,
      villageCode: VILLAGE,
      registeredAt: AT,
    },
  ],
  [DEATH_REGISTERED_V1]: [
    {
      deathId: id(20),
      certificateNumber: '317404-KM-30112026-0001',
      residentId: id(1),
      nik: FATHER_NIK,
      dateOfDeath: '2026-11-29',
      villageCode: VILLAGE,
      familyCardNumber: CARD,
      familyNeedsNewHead: true,
      registeredAt: AT,
    },
    {
      deathId: id(21),
      certificateNumber: '317404-KM-30112026-0002',
      residentId: id(2),
      nik: MOTHER_NIK,
      dateOfDeath: '2026-11-29',
      villageCode: VILLAGE,
      familyCardNumber: null,
      familyNeedsNewHead: false,
      registeredAt: AT,
    },
  ],
  [FAMILY_CARD_CHANGED_V1]: [
    {
      familyCardNumber: CARD,
      villageCode: VILLAGE,
      change: 'MEMBER_BORN',
      affectedNik: CHILD_NIK,
      headNik: FATHER_NIK,
      members: [
        { nik: FATHER_NIK, relationship: FamilyRelationship.KepalaKeluarga },
        { nik: MOTHER_NIK, relationship: FamilyRelationship.Istri },
        { nik: CHILD_NIK, relationship: FamilyRelationship.Anak },
      ],
      changedAt: AT,
    },
    {
      familyCardNumber: CARD,
      villageCode: VILLAGE,
      change: 'CLOSED',
      affectedNik: FATHER_NIK,
      headNik: null,
      members: [],
      changedAt: AT,
    },
  ],
  [LETTER_ISSUED_V1]: [
    {
      letterId: id(30),
      type: LetterType.Sktm,
      number: '470/0012/SKTM/3174091005/2026',
      purpose: 'Keringanan biaya sekolah',
      holderNik: MOTHER_NIK,
      holderResidentId: id(2),
      villageCode: '3174091005',
      issuedOn: '2026-11-30',
      validFrom: '2026-11-30',
      validUntil: '2027-05-29',
    },
    {
      letterId: id(31),
      type: LetterType.BirthCertificate,
      number: '474.1/0003/BIRTH_CERTIFICATE/3174091005/2026',
      purpose: 'Akta kelahiran',
      holderNik: CHILD_NIK,
      holderResidentId: id(3),
      villageCode: '3174091005',
      issuedOn: '2026-11-30',
      validFrom: '2026-11-30',
      validUntil: null,
    },
  ],
  [LETTER_REVOKED_V1]: [
    {
      letterId: id(30),
      type: LetterType.Sktm,
      number: '470/0012/SKTM/3174091005/2026',
      holderNik: MOTHER_NIK,
      holderResidentId: id(2),
      villageCode: '3174091005',
      revokedAt: AT,
    },
  ],
  [RESIDENT_MOVED_IN_V1]: [
    {
      moveId: id(40),
      residentId: id(5),
      nik: '3273011010800001',
      fullName: 'Agus Pendatang',
      birthDate: '1980-10-10',
      sex: Sex.Male,
      villageCode: '3174041004',
      familyCardNumber: '3174043011260002',
      relationship: FamilyRelationship.KepalaKeluarga,
      originRegionCode: '3273',
      movedOn: '2026-11-25',
      registeredAt: AT,
    },
    {
      moveId: id(41),
      residentId: id(6),
      nik: '3174044303010005',
      fullName: 'Anak Pulang',
      birthDate: '2001-03-03',
      sex: Sex.Female,
      villageCode: VILLAGE,
      familyCardNumber: CARD,
      relationship: FamilyRelationship.Anak,
      originRegionCode: null,
      movedOn: '2026-11-28',
      registeredAt: AT,
    },
  ],
  [RESIDENT_MOVED_OUT_V1]: [
    {
      moveId: id(50),
      residentId: id(2),
      nik: MOTHER_NIK,
      fromVillageCode: VILLAGE,
      destinationRegionCode: '3273011001',
      movedOn: '2026-11-15',
      familyCardNumber: CARD,
      registeredAt: AT,
    },
    {
      moveId: id(51),
      residentId: id(6),
      nik: '3174044303010005',
      fromVillageCode: VILLAGE,
      destinationRegionCode: '51',
      movedOn: '2026-01-10',
      familyCardNumber: null,
      registeredAt: AT,
    },
  ],
  [ANC_VISIT_RECORDED_V1]: [
    {
      visitId: id(60),
      pregnancyId: id(61),
      residentId: id(2),
      nik: MOTHER_NIK,
      visitedOn: '2026-09-01',
      visitCount: 1,
      villageCode: VILLAGE,
      familyCardNumber: CARD,
      recordedAt: AT,
    },
  ],
  [IMMUNIZATION_GIVEN_V1]: [
    {
      immunizationId: id(70),
      residentId: id(3),
      nik: CHILD_NIK,
      vaccine: 'DPT_HB_HIB',
      dose: 1,
      givenOn: '2027-01-10',
      completeBasicImmunization: false,
      villageCode: VILLAGE,
      familyCardNumber: CARD,
      recordedAt: '2027-01-10T02:15:00.000Z',
    },
  ],
  [IMMUNIZATION_OVERDUE_V1]: [
    {
      noticeId: id(80),
      residentId: id(3),
      nik: CHILD_NIK,
      vaccine: 'BCG',
      dose: 1,
      dueOn: '2026-12-28',
      overdueFrom: '2027-01-25',
      villageCode: VILLAGE,
      familyCardNumber: null,
      detectedAt: '2027-01-25T00:00:00.000Z',
    },
  ],
  [INSURANCE_CHANGED_V1]: [
    {
      residentId: id(2),
      nik: MOTHER_NIK,
      class: 3,
      pbi: true,
      activeFrom: '2026-01-01',
      activeUntil: null,
      villageCode: VILLAGE,
      familyCardNumber: CARD,
      changedAt: AT,
    },
    {
      residentId: id(2),
      nik: MOTHER_NIK,
      class: 2,
      pbi: false,
      activeFrom: '2026-01-01',
      activeUntil: '2026-10-31',
      villageCode: VILLAGE,
      familyCardNumber: null,
      changedAt: AT,
    },
  ],
};

/** Fields typed `T | null` (required, null is a value); every other field refuses null. */
const NULLABLE: { [S in EventSubject]: (keyof EventMap[S])[] } = {
  [RESIDENT_REGISTERED_V1]: ['familyCardNumber'],
  [RESIDENT_UPDATED_V1]: [],
  [BIRTH_REGISTERED_V1]: ['fatherNik'],
  [DEATH_REGISTERED_V1]: ['familyCardNumber'],
  [FAMILY_CARD_CHANGED_V1]: ['headNik'],
  [LETTER_ISSUED_V1]: ['validUntil'],
  [LETTER_REVOKED_V1]: [],
  [RESIDENT_MOVED_IN_V1]: ['originRegionCode'],
  [RESIDENT_MOVED_OUT_V1]: ['familyCardNumber'],
  [ANC_VISIT_RECORDED_V1]: ['familyCardNumber'],
  [IMMUNIZATION_GIVEN_V1]: ['familyCardNumber'],
  [IMMUNIZATION_OVERDUE_V1]: ['familyCardNumber'],
  [INSURANCE_CHANGED_V1]: ['activeUntil', 'familyCardNumber'],
};

/** Fields typed `x?: T`: may be left out. Every other field is required. */
const OPTIONAL: { [S in EventSubject]?: (keyof EventMap[S])[] } = {
  [RESIDENT_UPDATED_V1]: ['deactivation'],
};

/** An invalid variant of a subject's first example and the [field, rule] pairs it must break. */
interface InvalidCase {
  name: string;
  data: object;
  errors: [string, string][];
}

const base = <S extends EventSubject>(subject: S): EventMap[S] => VALID[subject][0];
const withFields = <S extends EventSubject>(subject: S, patch: Record<string, unknown>): object => ({
  ...base(subject),
  ...patch,
});
const without = <S extends EventSubject>(subject: S, field: keyof EventMap[S]): object => {
  const { [field]: _left, ...rest } = base(subject);
  return rest;
};
const BAD_NIK = '3174040000880001'; // 16 digits, but day 00 encodes no birth date
const badNik = (field: string): [string, string][] => [[field, 'isNik']];
const notANik = (field: string): [string, string][] => [
  [field, 'isNik'],
  [field, 'matches'],
];
const notAnInstant = (field: string): [string, string][] => [
  [field, 'isIso8601'],
  [field, 'matches'],
];
const notADate = (field: string): [string, string][] => [
  [field, 'isDateString'],
  [field, 'matches'],
];

const INVALID: { [S in EventSubject]: InvalidCase[] } = {
  [RESIDENT_REGISTERED_V1]: [
    { name: 'no NIK', data: without(RESIDENT_REGISTERED_V1, 'nik'), errors: notANik('nik') },
    {
      name: 'a NIK that encodes no birth date',
      data: withFields(RESIDENT_REGISTERED_V1, { nik: BAD_NIK }),
      errors: badNik('nik'),
    },
    {
      name: 'a NIK as typed, with spaces',
      data: withFields(RESIDENT_REGISTERED_V1, { nik: '3174 0414 0388 0001' }),
      errors: [['nik', 'matches']],
    },
    {
      name: 'an unknown sex',
      data: withFields(RESIDENT_REGISTERED_V1, { sex: 'L' }),
      errors: [['sex', 'isEnum']],
    },
    {
      name: 'an unknown status',
      data: withFields(RESIDENT_REGISTERED_V1, { status: 'ALIVE' }),
      errors: [['status', 'isEnum']],
    },
    {
      name: 'a date for an instant',
      data: withFields(RESIDENT_REGISTERED_V1, { registeredAt: '2026-11-30' }),
      errors: [['registeredAt', 'matches']],
    },
    {
      name: 'an instant that is no day',
      data: withFields(RESIDENT_REGISTERED_V1, { registeredAt: '2026-02-30T03:00:00.000Z' }),
      errors: [['registeredAt', 'isIso8601']],
    },
    {
      name: 'a timestamp for the birth date',
      data: withFields(RESIDENT_REGISTERED_V1, { birthDate: '1988-03-14T00:00:00.000Z' }),
      errors: [['birthDate', 'matches']],
    },
    {
      name: 'a village code of a district',
      data: withFields(RESIDENT_REGISTERED_V1, { villageCode: '317404' }),
      errors: [['villageCode', 'isRegionCode']],
    },
    {
      name: 'a family card number of 15 digits',
      data: withFields(RESIDENT_REGISTERED_V1, { familyCardNumber: '317404301126000' }),
      errors: [['familyCardNumber', 'matches']],
    },
    {
      name: 'an empty name',
      data: withFields(RESIDENT_REGISTERED_V1, { fullName: '' }),
      errors: [['fullName', 'isNotEmpty']],
    },
    {
      name: 'a number for the id',
      data: withFields(RESIDENT_REGISTERED_V1, { residentId: 42 }),
      errors: [['residentId', 'isUuid']],
    },
  ],
  [RESIDENT_UPDATED_V1]: [
    {
      name: 'changed fields that are not strings',
      data: withFields(RESIDENT_UPDATED_V1, { changedFields: ['fullName', 7] }),
      errors: [['changedFields', 'isString']],
    },
    {
      name: 'changed fields as one string',
      data: withFields(RESIDENT_UPDATED_V1, { changedFields: 'fullName' }),
      errors: [['changedFields', 'isArray']],
    },
    {
      name: 'a deactivation without the kept record',
      data: withFields(RESIDENT_UPDATED_V1, { deactivation: { deactivatedAt: AT } }),
      errors: [['deactivation.duplicateOfResidentId', 'isUuid']],
    },
    {
      name: 'a deactivation with a date for its instant',
      data: withFields(RESIDENT_UPDATED_V1, {
        deactivation: { deactivatedAt: '2026-11-30', duplicateOfResidentId: id(9) },
      }),
      errors: [['deactivation.deactivatedAt', 'matches']],
    },
    {
      name: 'a deactivation of null (the field is left out, never null)',
      data: withFields(RESIDENT_UPDATED_V1, { deactivation: null }),
      errors: [
        ['deactivation', 'isObject'],
        ['deactivation', 'nestedValidation'],
      ],
    },
  ],
  [BIRTH_REGISTERED_V1]: [
    {
      name: "a child's NIK that encodes no birth date",
      data: withFields(BIRTH_REGISTERED_V1, { child: { ...base(BIRTH_REGISTERED_V1).child, nik: BAD_NIK } }),
      errors: badNik('child.nik'),
    },
    {
      name: 'a birth time with seconds',
      data: withFields(BIRTH_REGISTERED_V1, {
        child: { ...base(BIRTH_REGISTERED_V1).child, birthTime: '06:45:00' },
      }),
      errors: [['child.birthTime', 'matches']],
    },
    {
      name: 'a weight in kilograms as a string',
      data: withFields(BIRTH_REGISTERED_V1, {
        child: { ...base(BIRTH_REGISTERED_V1).child, weightGrams: '3.2' },
      }),
      errors: [
        ['child.weightGrams', 'isInt'],
        ['child.weightGrams', 'isPositive'],
      ],
    },
    {
      name: 'a child without a sex',
      data: withFields(BIRTH_REGISTERED_V1, {
        child: { ...base(BIRTH_REGISTERED_V1).child, sex: undefined },
      }),
      errors: [['child.sex', 'isEnum']],
    },
    {
      name: 'the child as a NIK',
      data: withFields(BIRTH_REGISTERED_V1, { child: CHILD_NIK }),
      errors: [
        ['child', 'isObject'],
        ['child', 'nestedValidation'],
      ],
    },
    {
      name: "a father's NIK that is not one",
      data: withFields(BIRTH_REGISTERED_V1, { fatherNik: '' }),
      errors: notANik('fatherNik'),
    },
  ],
  [DEATH_REGISTERED_V1]: [
    {
      name: 'the head flag as a string',
      data: withFields(DEATH_REGISTERED_V1, { familyNeedsNewHead: 'true' }),
      errors: [['familyNeedsNewHead', 'isBoolean']],
    },
    {
      name: 'a date of death that does not exist',
      data: withFields(DEATH_REGISTERED_V1, { dateOfDeath: '2026-02-29' }),
      errors: [['dateOfDeath', 'isDateString']],
    },
    {
      name: 'no certificate number',
      data: without(DEATH_REGISTERED_V1, 'certificateNumber'),
      errors: [
        ['certificateNumber', 'isString'],
        ['certificateNumber', 'isNotEmpty'],
      ],
    },
  ],
  [FAMILY_CARD_CHANGED_V1]: [
    {
      name: 'a member with an unknown relationship',
      data: withFields(FAMILY_CARD_CHANGED_V1, {
        members: [
          { nik: FATHER_NIK, relationship: FamilyRelationship.KepalaKeluarga },
          { nik: MOTHER_NIK, relationship: 'WIFE' },
        ],
      }),
      errors: [['members.1.relationship', 'isEnum']],
    },
    {
      name: 'a member with a bad NIK',
      data: withFields(FAMILY_CARD_CHANGED_V1, {
        members: [{ nik: BAD_NIK, relationship: FamilyRelationship.Anak }],
      }),
      errors: badNik('members.0.nik'),
    },
    {
      name: 'a member that is not an object',
      data: withFields(FAMILY_CARD_CHANGED_V1, { members: [FATHER_NIK] }),
      errors: [['members.0', 'nestedValidation']],
    },
    {
      name: 'members that are not a list',
      data: withFields(FAMILY_CARD_CHANGED_V1, { members: FATHER_NIK }),
      errors: [
        ['members', 'isArray'],
        ['members', 'nestedValidation'],
      ],
    },
    {
      name: 'a change that is not a word of the vocabulary',
      data: withFields(FAMILY_CARD_CHANGED_V1, { change: 'member added' }),
      errors: [['change', 'matches']],
    },
    {
      name: 'a change as a number',
      data: withFields(FAMILY_CARD_CHANGED_V1, { change: 3 }),
      errors: [['change', 'matches']],
    },
  ],
  [LETTER_ISSUED_V1]: [
    {
      name: 'an unknown letter type',
      data: withFields(LETTER_ISSUED_V1, { type: 'SKCK' }),
      errors: [['type', 'isEnum']],
    },
    {
      name: 'a validity end as an instant',
      data: withFields(LETTER_ISSUED_V1, { validUntil: '2027-05-29T00:00:00.000Z' }),
      errors: [['validUntil', 'matches']],
    },
    {
      name: 'no purpose',
      data: without(LETTER_ISSUED_V1, 'purpose'),
      errors: [
        ['purpose', 'isString'],
        ['purpose', 'isNotEmpty'],
      ],
    },
    {
      name: "a holder's NIK with a letter",
      data: withFields(LETTER_ISSUED_V1, { holderNik: '317404420791000X' }),
      errors: notANik('holderNik'),
    },
  ],
  [LETTER_REVOKED_V1]: [
    {
      name: 'no revocation instant',
      data: without(LETTER_REVOKED_V1, 'revokedAt'),
      errors: notAnInstant('revokedAt'),
    },
    {
      name: 'a holder id that is no UUID',
      data: withFields(LETTER_REVOKED_V1, { holderResidentId: 'abc' }),
      errors: [['holderResidentId', 'isUuid']],
    },
  ],
  [RESIDENT_MOVED_IN_V1]: [
    {
      name: 'an origin that is no region code',
      data: withFields(RESIDENT_MOVED_IN_V1, { originRegionCode: '99' }),
      errors: [['originRegionCode', 'isRegionCode']],
    },
    {
      name: 'no family card (the mover always joins one)',
      data: withFields(RESIDENT_MOVED_IN_V1, { familyCardNumber: null }),
      errors: [['familyCardNumber', 'matches']],
    },
    {
      name: 'an unknown relationship',
      data: withFields(RESIDENT_MOVED_IN_V1, { relationship: 'HEAD' }),
      errors: [['relationship', 'isEnum']],
    },
  ],
  [RESIDENT_MOVED_OUT_V1]: [
    {
      name: 'a destination of 3 digits',
      data: withFields(RESIDENT_MOVED_OUT_V1, { destinationRegionCode: '327' }),
      errors: [['destinationRegionCode', 'isRegionCode']],
    },
    { name: 'no move date', data: without(RESIDENT_MOVED_OUT_V1, 'movedOn'), errors: notADate('movedOn') },
  ],
  [ANC_VISIT_RECORDED_V1]: [
    {
      name: 'visit number 0',
      data: withFields(ANC_VISIT_RECORDED_V1, { visitCount: 0 }),
      errors: [['visitCount', 'min']],
    },
    {
      name: 'a visit number as a string',
      data: withFields(ANC_VISIT_RECORDED_V1, { visitCount: '1' }),
      errors: [
        ['visitCount', 'isInt'],
        ['visitCount', 'min'],
      ],
    },
  ],
  [IMMUNIZATION_GIVEN_V1]: [
    {
      name: 'a vaccine as its label',
      data: withFields(IMMUNIZATION_GIVEN_V1, { vaccine: 'DPT-HB-Hib' }),
      errors: [['vaccine', 'matches']],
    },
    {
      name: 'a fractional dose',
      data: withFields(IMMUNIZATION_GIVEN_V1, { dose: 1.5 }),
      errors: [['dose', 'isInt']],
    },
    {
      name: 'the completeness flag left out',
      data: without(IMMUNIZATION_GIVEN_V1, 'completeBasicImmunization'),
      errors: [['completeBasicImmunization', 'isBoolean']],
    },
    { name: 'a bad NIK', data: withFields(IMMUNIZATION_GIVEN_V1, { nik: BAD_NIK }), errors: badNik('nik') },
  ],
  [IMMUNIZATION_OVERDUE_V1]: [
    { name: 'no due date', data: without(IMMUNIZATION_OVERDUE_V1, 'dueOn'), errors: notADate('dueOn') },
    { name: 'dose 0', data: withFields(IMMUNIZATION_OVERDUE_V1, { dose: 0 }), errors: [['dose', 'min']] },
  ],
  [INSURANCE_CHANGED_V1]: [
    { name: 'class 4', data: withFields(INSURANCE_CHANGED_V1, { class: 4 }), errors: [['class', 'isIn']] },
    {
      name: 'a class by its enum name',
      data: withFields(INSURANCE_CHANGED_V1, { class: 'Third' }),
      errors: [['class', 'isIn']],
    },
    {
      name: 'a class as a string',
      data: withFields(INSURANCE_CHANGED_V1, { class: '3' }),
      errors: [['class', 'isIn']],
    },
    {
      name: 'PBI as a number',
      data: withFields(INSURANCE_CHANGED_V1, { pbi: 1 }),
      errors: [['pbi', 'isBoolean']],
    },
  ],
};

const SUBJECTS = Object.keys(EVENT_PAYLOADS) as EventSubject[];
/** [field, rule] pairs in one order (a field's rules come in no promised order). */
const sorted = (pairs: [string, string][]) =>
  [...pairs].sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y));
const fieldsOf = (subject: string, data: unknown) =>
  sorted(validateEventPayload(subject, data).map((e): [string, string] => [e.field, e.code]));

describe(validateEventPayload.name, () => {
  it('has a payload class for every subject, each in a stream, and examples for each', () => {
    expect(SUBJECTS.length).toBeGreaterThan(0);
    expect(SUBJECTS.filter((s) => streamForSubject(s) === undefined)).toEqual([]);
    expect(Object.keys(VALID).sort()).toEqual([...SUBJECTS].sort());
    expect(Object.keys(INVALID).sort()).toEqual([...SUBJECTS].sort());
  });

  describe.each(SUBJECTS)('%s', (subject) => {
    const examples: object[] = VALID[subject];
    const first = examples[0] as Record<string, unknown>;
    const nullable = NULLABLE[subject] as string[];
    const optional = (OPTIONAL[subject] ?? []) as string[];

    it('accepts what its producer sends, also after the wire (JSON)', () => {
      for (const example of examples) {
        expect(fieldsOf(subject, example)).toEqual([]);
        expect(fieldsOf(subject, JSON.parse(JSON.stringify(example)))).toEqual([]);
      }
    });

    it('accepts fields it does not know (a newer producer may add some)', () => {
      expect(fieldsOf(subject, { ...first, addedInALaterRelease: { any: ['thing'] } })).toEqual([]);
    });

    it.each(Object.keys(first))('names %s when it is left out, unless it is optional', (field) => {
      const copy = { ...first };
      delete copy[field];
      const fields = fieldsOf(subject, copy).map(([f]) => f);
      if (optional.includes(field)) expect(fields).toEqual([]);
      else expect(fields.length > 0 && fields.every((f) => f === field)).toBe(true);
    });

    it.each(Object.keys(first))('takes null for %s only where the contract says T | null', (field) => {
      const fields = fieldsOf(subject, { ...first, [field]: null }).map(([f]) => f);
      if (nullable.includes(field)) expect(fields).toEqual([]);
      else expect(fields.length > 0 && fields.every((f) => f === field)).toBe(true);
    });

    it.each(INVALID[subject].map((c) => [c.name, c] as const))('refuses %s', (_name, c) => {
      expect(fieldsOf(subject, c.data)).toEqual(sorted(c.errors));
    });
  });

  it('declares only nullable fields its first example has, and optional fields an example has', () => {
    for (const subject of SUBJECTS) {
      const examples: object[] = VALID[subject];
      const first = Object.keys(examples[0]);
      const some = examples.flatMap((e) => Object.keys(e));
      expect({
        subject,
        nullable: (NULLABLE[subject] as string[]).filter((f) => !first.includes(f)),
        optional: ((OPTIONAL[subject] ?? []) as string[]).filter((f) => !some.includes(f)),
      }).toEqual({ subject, nullable: [], optional: [] });
    }
  });

  it('accepts a family card change added to the vocabulary later, as the contract promises', () => {
    expect(
      fieldsOf(FAMILY_CARD_CHANGED_V1, withFields(FAMILY_CARD_CHANGED_V1, { change: 'MEMBER_ADOPTED' })),
    ).toEqual([]);
  });

  it('refuses data that is not an object with one error on `data`', () => {
    for (const data of [null, undefined, 'payload', 42, true, [base(RESIDENT_REGISTERED_V1)]]) {
      expect(validateEventPayload(RESIDENT_REGISTERED_V1, data)).toEqual([
        { field: 'data', code: 'isObject', message: 'data must be an object' },
      ]);
    }
  });

  it('leaves a subject without a payload class to the consumer', () => {
    expect(validateEventPayload('evt.population.resident.adopted.v1', 'anything')).toEqual([]);
    expect(validateEventPayload('constructor', null)).toEqual([]);
    expect(validateEventPayload('__proto__', 42)).toEqual([]);
  });

  it('names the field and the rule, never the rejected value', () => {
    const errors = validateEventPayload(
      FAMILY_CARD_CHANGED_V1,
      withFields(FAMILY_CARD_CHANGED_V1, {
        affectedNik: BAD_NIK,
        members: [{ nik: BAD_NIK, relationship: 'X' }],
      }),
    );
    expect(errors.map((e) => e.field)).toEqual(['affectedNik', 'members.0.nik', 'members.0.relationship']);
    expect(errors[1].message).toMatch(/^members\.0\.nik is invalid/);
    expect(JSON.stringify(errors)).not.toContain(BAD_NIK);
  });

  it('does not change the data it checks', () => {
    const data = JSON.parse(JSON.stringify(base(BIRTH_REGISTERED_V1))) as object;
    const before = JSON.stringify(data);
    validateEventPayload(BIRTH_REGISTERED_V1, data);
    expect(JSON.stringify(data)).toBe(before);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });
});
