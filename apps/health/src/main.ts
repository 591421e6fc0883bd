import { bootstrapService } from '@terpadu/service-kit';
import { AppModule } from './app.module';
import { HEALTH_SERVICE } from './database/data-source';

bootstrapService(HEALTH_SERVICE, (env) => AppModule.forRoot(env));
