import { CreatePersons1796010000000 } from './migrations/1796010000000-create-persons';
import { AddPersonDeactivation1796010000006 } from './migrations/1796010000006-add-person-deactivation';
import { CreatePersonPendingEvents1796010000008 } from './migrations/1796010000008-create-person-pending-events';
import { Person } from './person.entity';

export * from './pending-person-events';
export * from './person.entity';
export * from './person-projection.handler';
export * from './person-projection.hooks';
export * from './person-projection.module';
export * from './persons.module';
export * from './persons.service';

/** The projection's tables, for the service's definition (`entities`). */
export const PERSON_PROJECTION_ENTITIES = [Person];

/**
 * The projection's migrations, for the service's definition (`migrations`; TypeORM orders all of a
 * service's migrations by their timestamps). The names are those health first ran them under.
 */
export const PERSON_PROJECTION_MIGRATIONS = [
  CreatePersons1796010000000,
  AddPersonDeactivation1796010000006,
  CreatePersonPendingEvents1796010000008,
];
