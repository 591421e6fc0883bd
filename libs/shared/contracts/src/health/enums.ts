/** Health vocabularies. Values are stored and sent as written here. */

/**
 * Where one dose of a child's schedule stands on a given day (the "as of" day: today, or the day the
 * schedule was closed or transferred). With B the birth date and the dose's ages from the schedule
 * data, and P the date the previous dose of the same vaccine was given (when it was):
 *   earliestOn  = max(B + earliestAgeDays, P + minIntervalDays)
 *   dueOn       = max(B + recommendedAgeDays, P + minIntervalDays)
 *   overdueFrom = dueOn + graceDays
 *   latestOn    = B + latestAgeDays (none when the data has no latest age)
 * GIVEN once recorded; otherwise SCHEDULED before earliestOn, DUE from earliestOn, OVERDUE from
 * overdueFrom, MISSED after latestOn (it may no longer be given).
 */
export enum DoseStatus {
  Scheduled = 'SCHEDULED',
  Due = 'DUE',
  Overdue = 'OVERDUE',
  Given = 'GIVEN',
  Missed = 'MISSED',
}

/** A child's schedule: followed here, closed by death, or transferred when the child moved out. */
export enum ScheduleStatus {
  Open = 'OPEN',
  Closed = 'CLOSED',
  Transferred = 'TRANSFERRED',
}

/** What started a child's schedule. */
export enum ScheduleOrigin {
  Birth = 'BIRTH',
  Registered = 'REGISTERED',
  MovedIn = 'MOVED_IN',
}

export enum PregnancyStatus {
  Active = 'ACTIVE',
  Delivered = 'DELIVERED',
  /** Closed without a recorded delivery: the mother died. */
  Closed = 'CLOSED',
}

export enum DeliveryOutcome {
  LiveBirth = 'LIVE_BIRTH',
  Stillbirth = 'STILLBIRTH',
  Miscarriage = 'MISCARRIAGE',
}

export enum CheckupKind {
  General = 'GENERAL',
  GrowthMonitoring = 'GROWTH_MONITORING',
  Postnatal = 'POSTNATAL',
  Elderly = 'ELDERLY',
  Dental = 'DENTAL',
  Other = 'OTHER',
}

/** JKN care class (kelas rawat). */
export enum InsuranceClass {
  First = 1,
  Second = 2,
  Third = 3,
}

/** JKN membership on a given day: active period covers it, a membership outside its period, or none. */
export enum InsuranceStatus {
  Active = 'ACTIVE',
  Inactive = 'INACTIVE',
  None = 'NONE',
}

/**
 * How much of a person's health a summary shows. SUMMARY: flags and counts a front desk or a social
 * worker needs (complete basic immunization, up to date, pregnant and ANC visits, insured and PBI);
 * DETAIL adds dates, the next dose, membership class and period (health workers only).
 */
export enum HealthSummaryLevel {
  Summary = 'SUMMARY',
  Detail = 'DETAIL',
}
