import {
  type Actor,
  type FamilyCardView,
  HEALTH_SUMMARY_GET,
  HealthSummaryLevel,
  type HealthSummaryView,
  POPULATION_FAMILY_CARDS_GET,
  POPULATION_RESIDENTS_GET,
  type ResidentView,
  Role,
} from '@terpadu/contracts';
import type { RpcClient } from '@terpadu/messaging';
import { ACCESS } from '../auth/access-policy';

/** How much of a section a role sees. FULL: the section as its service answers it. */
export type SectionLevel = 'FULL' | HealthSummaryLevel;

/** What a section's fetcher gets: the caller, the person, its level, and the time left. */
export interface SectionContext {
  actor: Actor;
  nik: string;
  level: SectionLevel;
  rpc: RpcClient;
  /** Milliseconds left before this section's deadline (pass it on as each call's timeout). */
  remainingMs(): number;
  /** The person section's answer (fetched first, shared by every section that needs it). */
  person: Promise<ResidentView>;
}

export interface OverviewSection {
  name: string;
  /**
   * Which roles see this section, and at which level; a role not listed does not see it. A caller
   * with several roles gets the highest level any of them has (levels listed in `levels`, lowest first).
   */
  visibleTo: Partial<Record<Role, SectionLevel>>;
  levels: readonly SectionLevel[];
  fetch(context: SectionContext): Promise<unknown>;
}

/** Everyone who may open the overview (ACCESS.readOverview: the registry's readers). */
const everyOverviewReader = (level: SectionLevel): Partial<Record<Role, SectionLevel>> =>
  Object.fromEntries(ACCESS.readOverview.map((role) => [role, level]));

/**
 * The sections of `GET /v1/residents/{nik}/overview`: the one table of who sees what. Each section
 * is fetched in parallel with the others, with its own deadline; only `person` is required (its
 * failure fails the request). To add a section (say, education), add an entry: its name, who sees
 * it at which level, and how to fetch it.
 *
 *   person    every overview reader (ACCESS.readOverview: who reads the registry): the resident record (population)
 *   family    every overview reader: the current family card with its members (population)
 *   health    health_worker: DETAIL (next dose, expected delivery date, insurance class and period);
 *             front_desk, village_head, social_worker: SUMMARY (complete basic immunization, up to
 *             date, pregnant and ANC visits, insured and PBI); other roles: not shown. Admins run
 *             the platform and read no personal data, so have no overview.
 */
export const OVERVIEW_SECTIONS: readonly OverviewSection[] = [
  {
    name: 'person',
    visibleTo: everyOverviewReader('FULL'),
    levels: ['FULL'],
    fetch: ({ actor, nik, rpc, remainingMs }) =>
      rpc.send(POPULATION_RESIDENTS_GET, { actor, nik }, { timeoutMs: remainingMs() }),
  },
  {
    name: 'family',
    visibleTo: everyOverviewReader('FULL'),
    levels: ['FULL'],
    fetch: async ({ actor, rpc, remainingMs, person }): Promise<FamilyCardView | null> => {
      const { familyCard } = await person;
      if (!familyCard) return null;
      return rpc.send(
        POPULATION_FAMILY_CARDS_GET,
        { actor, number: familyCard.number },
        { timeoutMs: remainingMs() },
      );
    },
  },
  {
    name: 'health',
    visibleTo: {
      [Role.HealthWorker]: HealthSummaryLevel.Detail,
      [Role.FrontDesk]: HealthSummaryLevel.Summary,
      [Role.VillageHead]: HealthSummaryLevel.Summary,
      [Role.SocialWorker]: HealthSummaryLevel.Summary,
    },
    levels: [HealthSummaryLevel.Summary, HealthSummaryLevel.Detail],
    fetch: ({ actor, nik, level, rpc, remainingMs }): Promise<HealthSummaryView> =>
      rpc.send(
        HEALTH_SUMMARY_GET,
        { actor, nik, level: level as HealthSummaryLevel },
        { timeoutMs: remainingMs() },
      ),
  },
];

/** The section every overview needs: without the person there is no overview. */
export const REQUIRED_SECTION = 'person';

/** The level of `section` for a caller with `roles`, or undefined when none of them sees it. */
export function levelFor(section: OverviewSection, roles: readonly string[]): SectionLevel | undefined {
  let best: SectionLevel | undefined;
  for (const role of roles) {
    const level = section.visibleTo[role as Role];
    if (
      level !== undefined &&
      (best === undefined || section.levels.indexOf(level) > section.levels.indexOf(best))
    )
      best = level;
  }
  return best;
}
