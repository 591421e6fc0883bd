import {
  DEAD_LETTER_OPERATORS,
  HEALTH_RECORD_READERS,
  HEALTH_RECORD_WRITERS,
  Role,
} from '@terpadu/contracts';

/**
 * Who may do what, in one table. Every operation names one of these rows in its `@Roles(...)`;
 * the jurisdiction claim further limits which persons a caller can see (the service answers a
 * person outside it as not found). The reviewed role x operation matrix is written out in
 * `apps/gateway/test/access-matrix.ts`; `access-policy.spec.ts` fails when this table differs.
 * The role sets a service checks again itself come from contracts (HEALTH_RECORD_READERS, ...).
 *
 * - Reading the registry: officers who serve residents (village office, agencies, integrating
 *   agency systems) and auditors.
 * - `admin` runs the platform and sees no personal data: dead letters (ids, types and errors, no
 *   payload) and region names, nothing about residents, family cards, letters, imports or health.
 * - Writing the registry (registration, corrections, family cards): civil-registry officers
 *   (`registrar`). The front desk opens one-stop cases; the registry changes they lead to are
 *   made by registrars, so a front-desk officer reads but does not write here.
 * - Correction history names who changed what: registrars, village heads and auditors.
 * - Dead letters (operations): `admin` only.
 */
const REGISTRY_READERS = [
  Role.Registrar,
  Role.FrontDesk,
  Role.VillageHead,
  Role.Auditor,
  Role.AgencySystem,
  Role.HealthWorker,
  Role.SocialWorker,
  Role.SchoolOperator,
  Role.EconomyOfficer,
] as const;

export const ACCESS = {
  readResidents: REGISTRY_READERS,
  registerResidents: [Role.Registrar],
  correctResidents: [Role.Registrar],
  readResidentHistory: [Role.Registrar, Role.VillageHead, Role.Auditor],
  readFamilyCards: REGISTRY_READERS,
  changeFamilyCards: [Role.Registrar],
  operateDeadLetters: DEAD_LETTER_OPERATORS,
  /**
   * Letters: the front desk and registrars draft them for residents, the village head signs and
   * revokes; those and auditors read them. Anyone verifies a letter by its code, without a login.
   */
  draftLetters: [Role.Registrar, Role.FrontDesk],
  signLetters: [Role.VillageHead],
  readLetters: [Role.Registrar, Role.FrontDesk, Role.VillageHead, Role.Auditor],
  /**
   * Health records are specific personal data (UU PDP): health workers write them and read the
   * details, admins included in neither. Everyone else sees at most the health summary of the
   * overview. The health service checks the same sets again.
   */
  writeHealthRecords: HEALTH_RECORD_WRITERS,
  readHealthRecords: HEALTH_RECORD_READERS,
  /** The resident overview: whoever reads the registry; its sections are filtered per role (OVERVIEW_SECTIONS). */
  readOverview: REGISTRY_READERS,
  /**
   * Life events (births, deaths, moves) change the registry: registrars, like registration. The
   * front desk opens the citizen's case and a registrar records the event; a village head reads.
   * Splitting a card and naming its head are family card changes (`changeFamilyCards`).
   */
  registerLifeEvents: [Role.Registrar],
  /** The duplicate review queue shows pairs of personal records and deactivates one: registrars. */
  reviewDuplicates: [Role.Registrar],
  /**
   * Bulk import writes the registry like registration does: registrars. An agency system feeds the
   * registry through a registrar's office, not around it. The report lists NIKs: the importing
   * registrars and auditors read it.
   */
  importResidents: [Role.Registrar],
  readImports: [Role.Registrar, Role.Auditor],
  /** Region names are reference data, no personal data: every role. */
  readRegions: [...REGISTRY_READERS, Role.Admin, Role.Resident],
} as const satisfies Record<string, readonly Role[]>;
