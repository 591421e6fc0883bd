import { defineService, serviceDataSource } from '@terpadu/service-kit';
import { Birth } from '../births/birth.entity';
import { Env } from '../config/env';
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
import { CreateRegions1796007600000 } from './migrations/1796007600000-create-regions';
import { CreateImports1796007700000 } from './migrations/1796007700000-create-imports';
import { CreateLetters1796007800000 } from './migrations/1796007800000-create-letters';
import { CreateLifeEvents1796007900000 } from './migrations/1796007900000-create-life-events';
import { CreateDuplicateReviews1796007900001 } from './migrations/1796007900001-create-duplicate-reviews';

export const POPULATION_ENTITIES = [
  Birth,
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
  CreateResidents1796007508624,
  CreateFamilyCards1796007508625,
  CreateRegions1796007600000,
  CreateImports1796007700000,
  CreateLetters1796007800000,
  CreateLifeEvents1796007900000,
  CreateDuplicateReviews1796007900001,
];

/** The population service as the kit knows it: main.ts, migrate.ts and the specs read it. */
export const POPULATION_SERVICE = defineService({
  name: 'population',
  Env,
  entities: POPULATION_ENTITIES,
  migrations: POPULATION_MIGRATIONS,
});

/** For TypeORM's CLI (`typeorm -d apps/population/src/database/data-source.ts migration:show`). */
export default serviceDataSource(POPULATION_SERVICE);
