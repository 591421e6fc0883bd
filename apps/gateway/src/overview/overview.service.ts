import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@terpadu/clock';
import { type Actor, ErrorCode, type ResidentView, serviceErrorBody } from '@terpadu/contracts';
import { RpcClient, ServiceCallError } from '@terpadu/messaging';
import { Env } from '../config/env';
import { levelFor, OVERVIEW_SECTIONS, type OverviewSection, REQUIRED_SECTION } from './overview-sections';
import type { OverviewView, SectionView, UnavailableReason } from './overview.view';

class DeadlineExceeded extends Error {
  constructor(readonly section: string) {
    super(`section ${section} passed its deadline`);
  }
}

/** Rejects with DeadlineExceeded if `work` has not settled within `ms` (a real timer). */
function withDeadline<T>(work: Promise<T>, ms: number, section: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(section)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function reasonOf(error: unknown): UnavailableReason {
  if (error instanceof DeadlineExceeded) return 'timeout';
  if (error instanceof ServiceCallError && error.body.code === ErrorCode.UPSTREAM_TIMEOUT) return 'timeout';
  return 'error';
}

/**
 * The resident overview: every section the caller may see, fetched in parallel, each within its own
 * deadline (OVERVIEW_SECTION_TIMEOUT_MS from the start of the request). A section that fails or
 * runs out of time is answered `{ status: 'unavailable', reason }` and the rest still arrives; only
 * the person section's failure fails the request, as its service answered (404, 503, ...) or as
 * UPSTREAM_TIMEOUT 504. The time left that each call is given is measured on the Clock; the deadline
 * itself is a timer.
 */
@Injectable()
export class OverviewService {
  private readonly logger = new Logger(OverviewService.name);

  constructor(
    private readonly clock: Clock,
    private readonly env: Env,
    private readonly rpc: RpcClient,
  ) {}

  async overview(actor: Actor, nik: string): Promise<OverviewView> {
    const deadlineMs = this.env.OVERVIEW_SECTION_TIMEOUT_MS;
    const startedAt = this.clock.now().getTime();
    const remainingMs = () => Math.max(1, deadlineMs - (this.clock.now().getTime() - startedAt));
    const visible = OVERVIEW_SECTIONS.map((section) => ({
      section,
      level: levelFor(section, actor.roles),
    })).filter(
      (s): s is { section: OverviewSection; level: NonNullable<typeof s.level> } => s.level !== undefined,
    );

    let resolvePerson: (value: Promise<ResidentView>) => void = () => undefined;
    const person = new Promise<ResidentView>((resolve) => (resolvePerson = resolve));
    const running = visible.map(({ section, level }) => {
      const fetched = withDeadline(
        section.fetch({ actor, nik, level, rpc: this.rpc, remainingMs, person }),
        deadlineMs,
        section.name,
      );
      if (section.name === REQUIRED_SECTION) resolvePerson(fetched as Promise<ResidentView>);
      return { name: section.name, fetched };
    });
    // Nobody waits on a failed section's promise after the person failed: keep them handled.
    for (const { fetched } of running) fetched.catch(() => undefined);

    const required = running.find((r) => r.name === REQUIRED_SECTION);
    if (!required) throw new Error(`The overview has no ${REQUIRED_SECTION} section for these roles`);
    try {
      await required.fetched;
    } catch (error) {
      if (error instanceof DeadlineExceeded) {
        throw new ServiceCallError(
          serviceErrorBody(
            ErrorCode.UPSTREAM_TIMEOUT,
            `The person section did not arrive within ${deadlineMs} ms`,
          ),
          REQUIRED_SECTION,
        );
      }
      throw error;
    }

    const sections: Record<string, SectionView> = {};
    const settled = await Promise.allSettled(running.map((r) => r.fetched));
    settled.forEach((outcome, index) => {
      const name = running[index].name;
      if (outcome.status === 'fulfilled') {
        sections[name] = { status: 'available', data: outcome.value };
      } else {
        const reason = reasonOf(outcome.reason);
        this.logger.warn(`Overview section ${name} unavailable (${reason})`);
        sections[name] = { status: 'unavailable', reason };
      }
    });
    return { nik, sections: sections as unknown as OverviewView['sections'] };
  }
}
