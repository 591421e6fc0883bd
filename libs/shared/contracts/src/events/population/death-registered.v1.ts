import { IsBoolean, IsNotEmpty, IsString } from 'class-validator';
import { IsCalendarDate } from '../../health/calendar-date';
import {
  IsEventId,
  IsFamilyCardNumber,
  IsInstant,
  IsStoredNik,
  IsVillageCode,
  Nullable,
} from '../payload-validators';

export const DEATH_REGISTERED_V1 = 'evt.population.death.registered.v1' as const;

/** A death was registered: the person's status is MATI from `dateOfDeath`; aid and schedules stop. */
export class DeathRegisteredV1 {
  @IsEventId()
  deathId: string;

  @IsString()
  @IsNotEmpty()
  certificateNumber: string;

  @IsEventId()
  residentId: string;

  @IsStoredNik()
  nik: string;

  @IsCalendarDate()
  dateOfDeath: string;

  @IsVillageCode()
  villageCode: string;

  /** The card the person left, or null if they had none. */
  @Nullable()
  @IsFamilyCardNumber()
  familyCardNumber: string | null;

  /** True when the person was the head: the card needs a new head. */
  @IsBoolean()
  familyNeedsNewHead: boolean;

  @IsInstant()
  registeredAt: string;
}
