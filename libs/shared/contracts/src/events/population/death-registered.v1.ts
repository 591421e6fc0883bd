export const DEATH_REGISTERED_V1 = 'evt.population.death.registered.v1' as const;

/** A death was registered: the person's status is MATI from `dateOfDeath`; aid and schedules stop. */
export interface DeathRegisteredV1 {
  deathId: string;
  certificateNumber: string;
  residentId: string;
  nik: string;
  dateOfDeath: string;
  villageCode: string;
  /** The card the person left, or null if they had none. */
  familyCardNumber: string | null;
  /** True when the person was the head: the card needs a new head. */
  familyNeedsNewHead: boolean;
  registeredAt: string;
}
