import {
  createDataSourceOptions,
  MESSAGING_MIGRATIONS,
  type PostgresDataSourceOptions,
} from '@terpadu/database';
import { DataSource } from 'typeorm';
import { DataAccessLog } from '../access-log/data-access-log.entity';
import { Birth } from '../births/birth.entity';
import { Death } from '../deaths/death.entity';
import { DuplicateReview } from '../duplicates/duplicate-review.entity';
import { FamilyCard } from '../family-cards/family-card.entity';
import { FamilyCardMember } from '../family-cards/family-card-member.entity';
import { FamilyCardSerial } from '../family-cards/family-card-serial.entity';
import { ImportJob } from '../imports/import-job.entity';
import { ImportRow } from '../imports/import-row.entity';
import { LetterTypeRule } from '../letters/letter-type-rule.entity';
import { Letter } from '../letters/letter.entity';
import { MoveMember } from '../moves/move-member.entity';
import { Move } from '../moves/move.entity';
import { ResidentChange } from '../registry/resident-change.entity';
import { Resident } from '../registry/resident.entity';
import { CreateResidents1796007508624 } from './migrations/1796007508624-create-residents';
import { CreateFamilyCards1796007508625 } from './migrations/1796007508625-create-family-cards';
import { CreateDataAccessLog1796007508626 } from './migrations/1796007508626-create-data-access-log';
import { CreateRegions1796007600000 } from './migrations/1796007600000-create-regions';
import { CreateImports1796007700000 } from './migrations/1796007700000-create-imports';
import { CreateLetters1796007800000 } from './migrations/1796007800000-create-letters';
import { CreateLifeEvents1796007900000 } from './migrations/1796007900000-create-life-events';
import { CreateDuplicateReviews1796007900001 } from './migrations/1796007900001-create-duplicate-reviews';

export const POPULATION_ENTITIES = [
  Birth,
  DataAccessLog,
  Death,
  DuplicateReview,
  FamilyCard,
  FamilyCardMember,
  FamilyCardSerial,
  ImportJob,
  ImportRow,
  Letter,
  LetterTypeRule,
  Move,
  MoveMember,
  Resident,
  ResidentChange,
];

export const POPULATION_MIGRATIONS = [
  ...MESSAGING_MIGRATIONS,
  CreateResidents1796007508624,
  CreateFamilyCards1796007508625,
  CreateDataAccessLog1796007508626,
  CreateRegions1796007600000,
  CreateImports1796007700000,
  CreateLetters1796007800000,
  CreateLifeEvents1796007900000,
  CreateDuplicateReviews1796007900001,
];

/** The population database, as Nest (TypeOrmModule), the migration command and tests open it. */
export function createPopulationDataSourceOptions(url: string): PostgresDataSourceOptions {
  return createDataSourceOptions({ url, entities: POPULATION_ENTITIES, migrations: POPULATION_MIGRATIONS });
}

/** For TypeORM's CLI (`typeorm -d apps/population/src/database/data-source.ts migration:show`). */
export default new DataSource(
  createPopulationDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://localhost/population'),
);
