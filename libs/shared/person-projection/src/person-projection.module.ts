import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { PendingPersonEvents } from './pending-person-events';
import { PERSON_PROJECTION_HOOKS, type PersonProjectionHooks } from './person-projection.hooks';
import { PersonProjectionHandler } from './person-projection.handler';
import { PersonsModule } from './persons.module';

/**
 * The person projection of a service: the `person-projection` consumer of population's stream and
 * the service's hooks (a provider class of its own, with the modules it needs in `imports`).
 * Its tables come from PERSON_PROJECTION_MIGRATIONS and PERSON_PROJECTION_ENTITIES.
 */
@Module({})
export class PersonProjectionModule {
  static forRoot(o: {
    hooks: Type<PersonProjectionHooks>;
    imports?: ModuleMetadata['imports'];
  }): DynamicModule {
    return {
      module: PersonProjectionModule,
      imports: [PersonsModule, ...(o.imports ?? [])],
      providers: [
        o.hooks,
        { provide: PERSON_PROJECTION_HOOKS, useExisting: o.hooks },
        PendingPersonEvents,
        PersonProjectionHandler,
      ],
    };
  }
}
