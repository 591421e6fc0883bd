/** The migration command (dist/apps/health/migrate.js): see runMigrationCommand. */
import { runMigrationCommand } from '@terpadu/service-kit';
import { HEALTH_SERVICE } from './data-source';

void runMigrationCommand(HEALTH_SERVICE);
