import {
  createDataSourceOptions,
  MESSAGING_MIGRATIONS,
  type PostgresDataSourceOptions,
} from '@terpadu/database';
import { DataSource } from 'typeorm';
import { DataAccessLog } from '../access-log/data-access-log.entity';
import { Checkup } from '../checkups/checkup.entity';
import { ChildSchedule } from '../immunizations/child-schedule.entity';
import { Immunization } from '../immunizations/immunization.entity';
import { OverdueNotice } from '../immunizations/overdue-notice.entity';
import { ScheduleDoseRule } from '../immunizations/schedule-dose-rule.entity';
import { ScheduleVersion } from '../immunizations/schedule-version.entity';
import { ScheduledDose } from '../immunizations/scheduled-dose.entity';
import { InsuranceMembership } from '../insurance/insurance-membership.entity';
import { Person } from '../persons/person.entity';
import { AncVisit } from '../pregnancies/anc-visit.entity';
import { Pregnancy } from '../pregnancies/pregnancy.entity';
import { CreatePersons1796010000000 } from './migrations/1796010000000-create-persons';
import { CreateImmunizationSchedule1796010000001 } from './migrations/1796010000001-create-immunization-schedule';
import { CreateChildSchedules1796010000002 } from './migrations/1796010000002-create-child-schedules';
import { CreatePregnancies1796010000003 } from './migrations/1796010000003-create-pregnancies';
import { CreateCheckupsAndInsurance1796010000004 } from './migrations/1796010000004-create-checkups-and-insurance';
import { CreateDataAccessLog1796010000005 } from './migrations/1796010000005-create-data-access-log';
import { AddPersonDeactivation1796010000006 } from './migrations/1796010000006-add-person-deactivation';

export const HEALTH_ENTITIES = [
  AncVisit,
  Checkup,
  ChildSchedule,
  DataAccessLog,
  Immunization,
  InsuranceMembership,
  OverdueNotice,
  Person,
  Pregnancy,
  ScheduleDoseRule,
  ScheduledDose,
  ScheduleVersion,
];

export const HEALTH_MIGRATIONS = [
  ...MESSAGING_MIGRATIONS,
  CreatePersons1796010000000,
  CreateImmunizationSchedule1796010000001,
  CreateChildSchedules1796010000002,
  CreatePregnancies1796010000003,
  CreateCheckupsAndInsurance1796010000004,
  CreateDataAccessLog1796010000005,
  AddPersonDeactivation1796010000006,
];

/** The health database, as Nest (TypeOrmModule), the migration command and tests open it. */
export function createHealthDataSourceOptions(url: string): PostgresDataSourceOptions {
  return createDataSourceOptions({ url, entities: HEALTH_ENTITIES, migrations: HEALTH_MIGRATIONS });
}

/** For TypeORM's CLI (`typeorm -d apps/health/src/database/data-source.ts migration:show`). */
export default new DataSource(
  createHealthDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://localhost/health'),
);
