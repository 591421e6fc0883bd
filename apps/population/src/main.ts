import { bootstrapService } from '@terpadu/service-kit';
import { AppModule } from './app.module';
import { POPULATION_SERVICE } from './database/data-source';

bootstrapService(POPULATION_SERVICE, (env) => AppModule.forRoot(env));
