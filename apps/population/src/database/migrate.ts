/** The migration command (dist/apps/population/migrate.js): see runMigrationCommand. */
import { runMigrationCommand } from '@terpadu/service-kit';
import { POPULATION_SERVICE } from './data-source';

void runMigrationCommand(POPULATION_SERVICE);
