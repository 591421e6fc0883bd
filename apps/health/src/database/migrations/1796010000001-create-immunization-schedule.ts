import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The national routine immunization schedule (Kemenkes) as versioned data: a schedule change is a
 * new version (a new migration inserting it), never an edit of a version children already follow.
 *
 * Ages are whole days from the birth date (the birth date is day 0). Conversions used:
 *   N months = round(N x 30.4375) days (the average Gregorian month, 365.25 / 12):
 *     1 month 30, 2 months 61, 3 months 91, 4 months 122, 6 months 183, 9 months 274,
 *     10 months 304, 12 months 365, 15 months 457, 18 months 548;
 *   N weeks = 7N days (6 weeks 42, 10 weeks 70, 14 weeks 98);
 *   "< 24 hours" (HB-0) = day 0 recommended, overdue from day 1 (grace 1 day), missed after day 7.
 * recommended: the age in the Kemenkes table. earliest: the youngest age at which the dose counts
 *   (WHO minimum ages: 6 weeks for the first DPT-HB-Hib, PCV and RV doses, 14 weeks for IPV-1,
 *   9 months for MR-1 and PCV-3 as in the national schedule, 12 months for the DPT-HB-Hib booster,
 *   15 months for MR-2). min interval: days since the previous dose of the same vaccine (4 weeks
 *   in the primary series; 8 weeks before PCV-3; about 4 months before IPV-2; 6 months before the
 *   18-month boosters). grace: days after the recommended day (or the interval) before a dose not
 *   given reads as overdue (4 weeks: one monthly Posyandu round). latest: the oldest age at which it
 *   may still be given: rotavirus "last dose by 6 months 29 days" = 183 + 29 = 212 days for RV-3,
 *   and RV-1/RV-2 leave room for the remaining doses at the minimum interval (156, 184); HB-0 by 7
 *   days. Other doses have no upper age (catch-up is allowed), so they read overdue, never missed.
 * Basic: every dose recommended before basic_before_age_days (12 months = 365 days) makes up
 *   complete basic immunization (imunisasi dasar lengkap). PCV-3 at 12 months is not "before".
 * JE: only where region_prefixes covers the child's village (endemic areas; seeded with Bali, 51,
 *   where JE is in the routine programme [verify the current list]).
 * Left out: school-age BIAS doses (grade 1 DT and MR, grades 2 and 5 Td, HPV for girls in grades
 *   5-6): they belong to school programmes by grade, not to the under-5 schedule by age.
 */
export class CreateImmunizationSchedule1796010000001 implements MigrationInterface {
  name = 'CreateImmunizationSchedule1796010000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE immunization_schedule_versions (
        version varchar(40) PRIMARY KEY,
        effective_from date NOT NULL CONSTRAINT immunization_schedule_versions_effective_uq UNIQUE,
        basic_before_age_days integer NOT NULL CHECK (basic_before_age_days > 0),
        source text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE immunization_schedule_doses (
        version varchar(40) NOT NULL REFERENCES immunization_schedule_versions (version),
        vaccine varchar(20) NOT NULL CHECK (vaccine ~ '^[A-Z][A-Z0-9_]{1,19}$'),
        dose smallint NOT NULL CHECK (dose BETWEEN 1 AND 9),
        label varchar(40) NOT NULL,
        earliest_age_days integer NOT NULL CHECK (earliest_age_days >= 0),
        recommended_age_days integer NOT NULL,
        grace_days integer NOT NULL CHECK (grace_days >= 0),
        latest_age_days integer NULL,
        min_interval_days integer NULL CHECK (min_interval_days > 0),
        region_prefixes text[] NULL,
        PRIMARY KEY (version, vaccine, dose),
        CONSTRAINT immunization_schedule_doses_ages_ck CHECK (
          earliest_age_days <= recommended_age_days
          AND (latest_age_days IS NULL OR latest_age_days >= recommended_age_days)),
        CONSTRAINT immunization_schedule_doses_interval_ck CHECK ((dose = 1) = (min_interval_days IS NULL))
      )`);
    await q.query(
      `INSERT INTO immunization_schedule_versions (version, effective_from, basic_before_age_days, source)
       VALUES ('KEMENKES-2024', '2024-01-01', 365,
               'Jadwal imunisasi rutin anak, Kemenkes RI (with PCV, rotavirus and IPV-2 nationwide)')`,
    );
    // vaccine, dose, label, earliest, recommended, grace, latest, min interval, regions
    const doses: [
      string,
      number,
      string,
      number,
      number,
      number,
      number | null,
      number | null,
      string[] | null,
    ][] = [
      ['HB0', 1, 'HB-0', 0, 0, 1, 7, null, null],
      ['BCG', 1, 'BCG', 0, 30, 28, null, null, null],
      ['OPV', 1, 'OPV-1', 0, 30, 28, null, null, null],
      ['OPV', 2, 'OPV-2', 42, 61, 28, null, 28, null],
      ['OPV', 3, 'OPV-3', 70, 91, 28, null, 28, null],
      ['OPV', 4, 'OPV-4', 98, 122, 28, null, 28, null],
      ['DPT_HB_HIB', 1, 'DPT-HB-Hib 1', 42, 61, 28, null, null, null],
      ['DPT_HB_HIB', 2, 'DPT-HB-Hib 2', 70, 91, 28, null, 28, null],
      ['DPT_HB_HIB', 3, 'DPT-HB-Hib 3', 98, 122, 28, null, 28, null],
      ['DPT_HB_HIB', 4, 'DPT-HB-Hib 4', 365, 548, 28, null, 180, null],
      ['PCV', 1, 'PCV-1', 42, 61, 28, null, null, null],
      ['PCV', 2, 'PCV-2', 70, 91, 28, null, 28, null],
      ['PCV', 3, 'PCV-3', 274, 365, 28, null, 56, null],
      ['RV', 1, 'RV-1', 42, 61, 28, 156, null, null],
      ['RV', 2, 'RV-2', 70, 91, 28, 184, 28, null],
      ['RV', 3, 'RV-3', 98, 122, 28, 212, 28, null],
      ['IPV', 1, 'IPV-1', 98, 122, 28, null, null, null],
      ['IPV', 2, 'IPV-2', 183, 274, 28, null, 120, null],
      ['MR', 1, 'MR-1', 274, 274, 28, null, null, null],
      ['MR', 2, 'MR-2', 457, 548, 28, null, 180, null],
      ['JE', 1, 'JE', 274, 304, 28, null, null, ['51']],
    ];
    for (const d of doses) {
      await q.query(
        `INSERT INTO immunization_schedule_doses
           (version, vaccine, dose, label, earliest_age_days, recommended_age_days, grace_days,
            latest_age_days, min_interval_days, region_prefixes)
         VALUES ('KEMENKES-2024', $1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        d,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE immunization_schedule_doses`);
    await q.query(`DROP TABLE immunization_schedule_versions`);
  }
}
