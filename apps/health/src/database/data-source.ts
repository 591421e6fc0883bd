import { PERSON_PROJECTION_ENTITIES, PERSON_PROJECTION_MIGRATIONS } from '@terpadu/person-projection';
import { defineService, serviceDataSource } from '@terpadu/service-kit';
import { Checkup } from '../checkups/checkup.entity';
import { Env } from '../config/env';
import { ChildSchedule } from '../immunizations/child-schedule.entity';
import { Immunization } from '../immunizations/immunization.entity';
import { OverdueNotice } from '../immunizations/overdue-notice.entity';
import { ScheduleDoseRule } from '../immunizations/schedule-dose-rule.entity';
import { ScheduleVersion } from '../immunizations/schedule-version.entity';
import { ScheduledDose } from '../immunizations/scheduled-dose.entity';
import { InsuranceMembership } from '../insurance/insurance-membership.entity';
import { AncVisit } from '../pregnancies/anc-visit.entity';
import { Pregnancy } from '../pregnancies/pregnancy.entity';
import { CreateImmunizationSchedule1796010000001 } from './migrations/1796010000001-create-immunization-schedule';
import { CreateChildSchedules1796010000002 } from './migrations/1796010000002-create-child-schedules';
import { CreatePregnancies1796010000003 } from './migrations/1796010000003-create-pregnancies';
import { CreateCheckupsAndInsurance1796010000004 } from './migrations/1796010000004-create-checkups-and-insurance';
import { AdoptPersonProjectionConsumer1796010000007 } from './migrations/1796010000007-adopt-person-projection-consumer';

export const HEALTH_ENTITIES = [
  ...PERSON_PROJECTION_ENTITIES,
  AncVisit,
  Checkup,
  ChildSchedule,
  Immunization,
  InsuranceMembership,
  OverdueNotice,
  Pregnancy,
  ScheduleDoseRule,
  ScheduledDose,
  ScheduleVersion,
];

export const HEALTH_MIGRATIONS = [
  ...PERSON_PROJECTION_MIGRATIONS,
  CreateImmunizationSchedule1796010000001,
  CreateChildSchedules1796010000002,
  CreatePregnancies1796010000003,
  CreateCheckupsAndInsurance1796010000004,
  AdoptPersonProjectionConsumer1796010000007,
];

/** The health service as the kit knows it: main.ts, migrate.ts and the specs read it. */
export const HEALTH_SERVICE = defineService({
  name: 'health',
  Env,
  entities: HEALTH_ENTITIES,
  migrations: HEALTH_MIGRATIONS,
});

/** For TypeORM's CLI (`typeorm -d apps/health/src/database/data-source.ts migration:show`). */
export default serviceDataSource(HEALTH_SERVICE);
