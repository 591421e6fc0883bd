import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  DuplicateReason,
  DuplicateResolution,
  type DuplicateReviewPageView,
  DuplicateReviewStatus,
  type DuplicateReviewView,
  ErrorCode,
  type ListDuplicateReviewsQueryDto,
  type PossibleDuplicateView,
  type ResolveDuplicateReviewDto,
  withinJurisdiction,
} from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessLogService, escapeLike, invalidField } from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock } from '@terpadu/clock';
import { FamilyCardsService } from '../family-cards/family-cards.service';
import { ResidentRecordsService } from '../registry/resident-records.service';
import { Resident } from '../registry/resident.entity';
import { requiredText } from '../registry/text-fields';
import { transactionWithRetry } from '../registry/transactions';
import { decodeReviewCursor, encodeReviewCursor } from './duplicate-review-cursor';
import { DuplicateReview } from './duplicate-review.entity';

const DEFAULT_PAGE_SIZE = 20;
/** At most this many candidates are answered (and queued) for one new record. */
const MAX_CANDIDATES = 20;
/** First key of the advisory locks that serialize duplicate searches for one name and date. */
const DUPLICATE_LOCK_SPACE = 7_436_002;

interface CandidateRow {
  id: string;
  nik: string;
  full_name: string;
  birth_date: string;
  same_name: boolean;
  same_mother: boolean;
}

function reviewNotFound(): DomainException {
  return new DomainException(
    ErrorCode.DUPLICATE_REVIEW_NOT_FOUND,
    'No duplicate review with this id in your jurisdiction',
  );
}

/** The jurisdiction as LIKE patterns for `village_code LIKE ANY(...)`. */
function prefixPatterns(actor: Actor): string[] {
  return actor.jurisdiction.map((p) => `${escapeLike(p)}%`);
}

/**
 * Probable duplicate persons: found when a record enters the registry (registration, birth, move
 * in), answered to the registrar at once, and queued for review. A registrar resolves a pair as two
 * people (DISTINCT) or one (DUPLICATE: the other record is deactivated, leaves its family card and
 * takes part in no further life event; it stays readable for the history).
 *
 * Searches look only among the records the registrar may see (their jurisdiction) and skip records
 * already deactivated. Two registrations of one name and birth date at the same moment take turns
 * (an advisory lock on the name and date), so the second one always finds the first.
 */
@Injectable()
export class DuplicatesService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly familyCards: FamilyCardsService,
    private readonly records: ResidentRecordsService,
  ) {}

  /**
   * Records like `resident` (inserted in the caller's transaction): same normalized name and birth
   * date, or — for a newborn, with `motherResidentId` — born the same day to the same mother. Opens a
   * review per pair in the same transaction.
   */
  async detect(
    m: EntityManager,
    actor: Actor,
    resident: Resident,
    o: { motherResidentId?: string } = {},
  ): Promise<PossibleDuplicateView[]> {
    const keys = [`name|${resident.fullNameNormalized}|${resident.birthDate}`];
    if (o.motherResidentId) keys.push(`mother|${o.motherResidentId}|${resident.birthDate}`);
    for (const key of keys.sort()) {
      await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DUPLICATE_LOCK_SPACE, key]);
    }
    if (actor.jurisdiction.length === 0) return [];
    const rows = await m.query<CandidateRow[]>(
      `SELECT r.id, r.nik, r.full_name, r.birth_date,
              r.full_name_normalized = $2 AS same_name,
              COALESCE(b.mother_resident_id = $4::uuid, false) AS same_mother
         FROM residents r LEFT JOIN births b ON b.child_resident_id = r.id
        WHERE r.id <> $1 AND r.birth_date = $3 AND r.deactivated_at IS NULL
          AND (r.full_name_normalized = $2 OR b.mother_resident_id = $4::uuid)
          AND r.village_code LIKE ANY(CAST($5 AS text[]))
        ORDER BY r.created_at, r.id
        LIMIT ${MAX_CANDIDATES}`,
      [
        resident.id,
        resident.fullNameNormalized,
        resident.birthDate,
        o.motherResidentId ?? null,
        prefixPatterns(actor),
      ],
    );
    const now = this.clock.now();
    const found: PossibleDuplicateView[] = [];
    for (const row of rows) {
      const reasons = [
        ...(row.same_name ? [DuplicateReason.SameNameAndBirthDate] : []),
        ...(row.same_mother ? [DuplicateReason.SameMotherAndBirthDate] : []),
      ];
      const review: DuplicateReview = {
        id: randomUUID(),
        residentId: resident.id,
        candidateResidentId: row.id,
        reasons,
        status: DuplicateReviewStatus.Open,
        createdBy: actor.sub,
        createdAt: now,
        resolvedBy: null,
        resolvedAt: null,
        resolutionReason: null,
        keptResidentId: null,
        deactivatedResidentId: null,
      };
      await m.insert(DuplicateReview, review);
      found.push({
        reviewId: review.id,
        residentId: row.id,
        nik: row.nik,
        fullName: row.full_name,
        birthDate: row.birth_date,
        reasons,
      });
    }
    return found;
  }

  /** The queue, oldest first, a page at a time: pairs whose two records both lie in the jurisdiction. */
  async list(actor: Actor, query: ListDuplicateReviewsQueryDto): Promise<DuplicateReviewPageView> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const afterId = query.cursor === undefined ? undefined : decodeReviewCursor(query.cursor);
    if (query.cursor !== undefined && afterId === undefined) throw this.badCursor();
    return this.dataSource.transaction(async (m) => {
      if (afterId !== undefined && !(await m.exists(DuplicateReview, { where: { id: afterId } })))
        throw this.badCursor();
      const params: unknown[] = [prefixPatterns(actor)];
      const conditions = [
        'r.village_code LIKE ANY(CAST($1 AS text[]))',
        'c.village_code LIKE ANY(CAST($1 AS text[]))',
      ];
      if (query.status !== undefined) {
        params.push(query.status);
        conditions.push(`d.status = $${params.length}`);
      }
      if (afterId !== undefined) {
        params.push(afterId);
        conditions.push(
          `(d.created_at, d.id) > (SELECT p.created_at, p.id FROM duplicate_reviews p WHERE p.id = $${params.length})`,
        );
      }
      const ids =
        actor.jurisdiction.length === 0
          ? []
          : await m.query<{ id: string }[]>(
              `SELECT d.id
                 FROM duplicate_reviews d
                 JOIN residents r ON r.id = d.resident_id
                 JOIN residents c ON c.id = d.candidate_resident_id
                WHERE ${conditions.join(' AND ')}
                ORDER BY d.created_at, d.id
                LIMIT ${limit + 1}`,
              params,
            );
      const page = ids.slice(0, limit).map((r) => r.id);
      const reviews = await m.find(DuplicateReview, { where: { id: In(page) } });
      const order = new Map(page.map((id, i) => [id, i]));
      reviews.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      const items = await this.views(m, reviews);
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.DuplicateReviewList,
        residentIds: reviews.flatMap((r) => [r.residentId, r.candidateResidentId]),
      });
      return {
        items,
        nextCursor: ids.length > limit ? encodeReviewCursor(page[page.length - 1]) : null,
      };
    });
  }

  /**
   * DISTINCT closes the review. DUPLICATE keeps `keepResidentId` and deactivates the other record:
   * it leaves its family card (a head's card then needs a new head), its history and
   * RESIDENT_UPDATED_V1 say so, and no life event applies to it any more.
   */
  async resolve(actor: Actor, id: string, dto: ResolveDuplicateReviewDto): Promise<DuplicateReviewView> {
    const reason = requiredText(dto.reason, 'reason');
    return transactionWithRetry(this.dataSource, async (m) => {
      const review = await m.findOne(DuplicateReview, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!review) throw reviewNotFound();
      const pair = await m.find(Resident, {
        where: { id: In([review.residentId, review.candidateResidentId]) },
      });
      if (pair.length !== 2 || pair.some((r) => !withinJurisdiction(r.villageCode, actor.jurisdiction)))
        throw reviewNotFound();
      if (review.status !== DuplicateReviewStatus.Open) {
        throw new DomainException(
          ErrorCode.DUPLICATE_REVIEW_ALREADY_RESOLVED,
          `The review was already resolved as ${review.status}`,
        );
      }
      const now = this.clock.now();
      review.status =
        dto.resolution === DuplicateResolution.Duplicate
          ? DuplicateReviewStatus.Duplicate
          : DuplicateReviewStatus.Distinct;
      review.resolvedAt = now;
      review.resolvedBy = actor.sub;
      review.resolutionReason = reason;

      if (dto.resolution === DuplicateResolution.Duplicate) {
        const kept = pair.find((r) => r.id === dto.keepResidentId);
        const dropped = pair.find((r) => r.id !== dto.keepResidentId);
        if (!kept || !dropped) {
          throw invalidField(
            'keepResidentId',
            'isPairMember',
            'keepResidentId must be the id of one of the two records of the review',
          );
        }
        if (kept.deactivatedAt) {
          throw new DomainException(
            ErrorCode.RESIDENT_DEACTIVATED,
            'The record to keep was itself deactivated as a duplicate',
            [
              {
                field: 'keepResidentId',
                code: 'active',
                message: 'keepResidentId names a deactivated record',
              },
            ],
          );
        }
        await this.deactivate(m, actor, dropped.nik, kept.id, reason, now);
        review.keptResidentId = kept.id;
        review.deactivatedResidentId = dropped.id;
      }
      await m.save(DuplicateReview, review);
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.DuplicateReviewResolve,
        residentIds: [review.residentId, review.candidateResidentId],
      });
      const [view] = await this.views(m, [review]);
      return view;
    });
  }

  private async deactivate(
    m: EntityManager,
    actor: Actor,
    nik: string,
    keptId: string,
    reason: string,
    now: Date,
  ): Promise<void> {
    const { resident, membership } = await this.familyCards.lockWithCard(m, actor, nik);
    if (resident.deactivatedAt) {
      throw new DomainException(
        ErrorCode.RESIDENT_DEACTIVATED,
        'The other record was already deactivated as a duplicate',
      );
    }
    resident.deactivatedAt = now;
    resident.deactivationReason = reason;
    resident.duplicateOfResidentId = keptId;
    if (membership) {
      const end = await this.familyCards.endMembership(
        m,
        membership.card,
        membership,
        `Data ganda (duplikat): ${reason}`,
        now,
      );
      await this.familyCards.publishChange(
        m,
        membership.card,
        end.closed ? 'CLOSED' : 'MEMBER_DEACTIVATED',
        resident.nik,
        now,
      );
    }
    await this.records.recordChange(m, actor, resident.id, 'DEACTIVATED', reason, [
      { field: 'deactivatedAt', from: null, to: now.toISOString() },
      { field: 'duplicateOfResidentId', from: null, to: keptId },
    ]);
    await this.records.saveAndPublish(m, resident, ['deactivated'], {
      deactivation: { deactivatedAt: now.toISOString(), duplicateOfResidentId: keptId },
    });
  }

  private async views(m: EntityManager, reviews: DuplicateReview[]): Promise<DuplicateReviewView[]> {
    const ids = [...new Set(reviews.flatMap((r) => [r.residentId, r.candidateResidentId]))];
    const residents = new Map(
      (ids.length === 0 ? [] : await m.find(Resident, { where: { id: In(ids) } })).map((r) => [r.id, r]),
    );
    const person = (id: string) => {
      const r = residents.get(id);
      if (!r) throw new Error(`resident ${id} of a duplicate review is missing`);
      return {
        residentId: r.id,
        nik: r.nik,
        fullName: r.fullName,
        birthDate: r.birthDate,
        sex: r.sex,
        villageCode: r.villageCode,
        status: r.status,
        deactivatedAt: r.deactivatedAt?.toISOString() ?? null,
      };
    };
    return reviews.map((r) => ({
      id: r.id,
      status: r.status,
      reasons: r.reasons,
      resident: person(r.residentId),
      candidate: person(r.candidateResidentId),
      createdAt: r.createdAt.toISOString(),
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      resolvedBy: r.resolvedBy,
      resolutionReason: r.resolutionReason,
      keptResidentId: r.keptResidentId,
      deactivatedResidentId: r.deactivatedResidentId,
    }));
  }

  private badCursor(): DomainException {
    return invalidField('cursor', 'isCursor', 'cursor is not a cursor of this list; start again without it');
  }
}
