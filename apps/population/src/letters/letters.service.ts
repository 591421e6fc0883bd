import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  type DraftLetterDto,
  ErrorCode,
  LETTER_ISSUED_V1,
  LETTER_REVOKED_V1,
  type LetterPageView,
  type LetterPdfView,
  LetterStatus,
  LetterType,
  LetterValidity,
  type LetterVerificationView,
  type LetterView,
  parseNik,
  ResidentStatus,
  type RevokeLetterDto,
  type SearchLettersDto,
  type SignLetterDto,
  withinJurisdiction,
} from '@terpadu/contracts';
import { DomainException, OutboxService } from '@terpadu/messaging';
import { DataSource, type EntityManager, LessThanOrEqual } from 'typeorm';
import {
  AccessLogService,
  cleanText,
  hasControlCharacters,
  invalidField,
  isUniqueViolation,
} from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock, calendarDate } from '@terpadu/clock';
import { residentNotFound } from '../common/domain-errors';
import { RegionsService } from '../regions/regions.service';
import { assertActive } from '../registry/resident-guards';
import { Resident } from '../registry/resident.entity';
import { decodeResidentCursor, encodeResidentCursor } from '../residents/resident-cursor';
import { lastValidDay } from './letter-dates';
import { letterNumber } from './letter-number';
import { renderLetterPdf } from './letter-pdf';
import { HOLDER_STATUSES } from './letter-rules';
import { LetterTypeRule } from './letter-type-rule.entity';
import { Letter, type LetterDetails, type PrintedLetter } from './letter.entity';
import { maskName } from './mask-name';
import { newVerificationCode, normalizeVerificationCode } from './verification-code';

/** Where the verification URLs printed on letters point: `${publicBaseUrl}/v1/letters/verify/{code}`. */
export const LETTERS_OPTIONS = Symbol('LETTERS_OPTIONS');

export interface LettersOptions {
  /** The gateway's public base URL, without a trailing slash. */
  publicBaseUrl: string;
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
/** The public verification has no caller: its access records name this pseudo-actor. */
const PUBLIC_ACTOR = 'public:letter-verification';

interface HolderRow {
  id: string;
  nik: string;
  full_name: string;
}

function text(value: string, field: string): string {
  if (hasControlCharacters(value))
    throw invalidField(field, 'noControlCharacters', `${field} must not contain control characters`);
  const cleaned = cleanText(value);
  if (cleaned.length === 0) throw invalidField(field, 'isNotEmpty', `${field} should not be empty`);
  return cleaned;
}

function letterNotFound(): DomainException {
  return new DomainException(ErrorCode.LETTER_NOT_FOUND, 'No letter with this id in your jurisdiction');
}

/**
 * Letters a village issues to its residents. A front-desk officer or registrar drafts one; the
 * village head signs it, which numbers it (per village, type and year, without gaps: a counter row
 * locked in the signing transaction, so a rolled-back signature gives its number back), gives it an
 * unguessable verification code and publishes LETTER_ISSUED_V1; a signed letter can be revoked
 * (LETTER_REVOKED_V1). Anyone holding a letter can verify it by its code without logging in.
 * Lock order: the letter row, then the counter row.
 */
@Injectable()
export class LettersService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    @Inject(LETTERS_OPTIONS) private readonly options: LettersOptions,
    private readonly outbox: OutboxService,
    private readonly regions: RegionsService,
  ) {}

  async draft(actor: Actor, dto: DraftLetterDto): Promise<LetterView> {
    const parsed = parseNik(dto.residentNik, this.clock.today());
    if (!parsed.ok) throw invalidField('residentNik', 'isNik', `residentNik is invalid: ${parsed.message}`);
    const purpose = text(dto.purpose, 'purpose');
    const details = this.details(dto);
    this.checkRequestedValidity(dto);

    return this.dataSource.transaction(async (m) => {
      const resident = await m.findOne(Resident, { where: { nik: parsed.value.nik } });
      if (!resident || !withinJurisdiction(resident.villageCode, actor.jurisdiction))
        throw residentNotFound();
      this.assertHolderStatus(dto.type, resident, 'residentNik');
      const now = this.clock.now();
      const letter: Letter = {
        id: randomUUID(),
        type: dto.type,
        status: LetterStatus.Draft,
        residentId: resident.id,
        villageCode: resident.villageCode,
        purpose,
        details,
        validFrom: dto.validFrom ?? null,
        validUntil: dto.validUntil ?? null,
        draftedBy: actor.sub,
        number: null,
        numberYear: null,
        sequence: null,
        verificationCode: null,
        issuedOn: null,
        signedAt: null,
        signedBy: null,
        signerName: null,
        printed: null,
        revokedAt: null,
        revokedBy: null,
        revocationReason: null,
        createdAt: now,
        updatedAt: now,
      };
      await m.insert(Letter, letter);
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.LetterDraft,
        residentIds: [resident.id],
      });
      return this.toView(letter, { id: resident.id, nik: resident.nik, full_name: resident.fullName });
    });
  }

  async get(actor: Actor, id: string): Promise<LetterView> {
    return this.dataSource.transaction(async (m) => {
      const letter = await this.findInJurisdiction(m, actor, id, false);
      const holder = await this.holder(m, letter.residentId);
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.LetterRead,
        residentIds: [holder.id],
      });
      return this.toView(letter, holder);
    });
  }

  /** Letters in the caller's jurisdiction matching every filter, oldest first, a page at a time. */
  async search(actor: Actor, query: SearchLettersDto): Promise<LetterPageView> {
    const limit = Math.min(query.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const afterId = query.cursor === undefined ? undefined : decodeResidentCursor(query.cursor);
    if (query.cursor !== undefined && afterId === undefined)
      throw invalidField(
        'cursor',
        'isCursor',
        'cursor is not a cursor of this search; start again without it',
      );

    return this.dataSource.transaction(async (m) => {
      const qb = m
        .createQueryBuilder(Letter, 'l')
        .where(`l.village_code LIKE ANY(CAST(:prefixes AS text[]))`, {
          prefixes: actor.jurisdiction.map((p) => `${p}%`),
        })
        .orderBy('l.created_at', 'ASC')
        .addOrderBy('l.id', 'ASC')
        .limit(limit + 1);
      if (query.villageCode !== undefined)
        qb.andWhere('l.village_code = :villageCode', { villageCode: query.villageCode });
      if (query.status !== undefined) qb.andWhere('l.status = :status', { status: query.status });
      if (query.type !== undefined) qb.andWhere('l.type = :type', { type: query.type });
      if (query.residentNik !== undefined) {
        const parsed = parseNik(query.residentNik, this.clock.today());
        if (!parsed.ok)
          throw invalidField('residentNik', 'isNik', `residentNik is invalid: ${parsed.message}`);
        qb.andWhere('l.resident_id = (SELECT r.id FROM residents r WHERE r.nik = :nik)', {
          nik: parsed.value.nik,
        });
      }
      if (afterId !== undefined) {
        if (!(await m.exists(Letter, { where: { id: afterId } })))
          throw invalidField(
            'cursor',
            'isCursor',
            'cursor is not a cursor of this search; start again without it',
          );
        qb.andWhere(
          '(l.created_at, l.id) > (SELECT c.created_at, c.id FROM letters c WHERE c.id = :afterId)',
          {
            afterId,
          },
        );
      }
      const rows = actor.jurisdiction.length === 0 ? [] : await qb.getMany();
      const page = rows.slice(0, limit);
      const holders = await this.holders(
        m,
        page.map((l) => l.residentId),
      );
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.LetterSearch,
        residentIds: page.map((l) => l.residentId),
      });
      return {
        items: page.map((l) => this.toView(l, holders.get(l.residentId) as HolderRow)),
        nextCursor: rows.length > limit ? encodeResidentCursor(page[page.length - 1].id) : null,
      };
    });
  }

  /**
   * Signs a draft: decides its validity (the draft's, or the type's rule in force today), freezes
   * what it prints, takes the next number of its village, type and year, gives it a verification
   * code, and publishes LETTER_ISSUED_V1, all in one transaction.
   */
  async sign(actor: Actor, id: string, dto: SignLetterDto): Promise<LetterView> {
    const signerName = text(dto.signerName, 'signerName');
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((m) => this.signInTransaction(m, actor, id, signerName));
      } catch (error) {
        // 160 random bits do not collide in practice; if they ever do, the unique index says so: retry.
        if (attempt < 3 && isUniqueViolation(error, 'letters_verification_code_uq')) continue;
        throw error;
      }
    }
  }

  async revoke(actor: Actor, id: string, dto: RevokeLetterDto): Promise<LetterView> {
    const reason = text(dto.reason, 'reason');
    return this.dataSource.transaction(async (m) => {
      const letter = await this.findInJurisdiction(m, actor, id, true);
      if (letter.status !== LetterStatus.Signed) {
        throw new DomainException(
          ErrorCode.LETTER_NOT_SIGNED,
          `Only a signed letter can be revoked; this one is ${letter.status}`,
        );
      }
      const now = this.clock.now();
      letter.status = LetterStatus.Revoked;
      letter.revokedAt = now;
      letter.revokedBy = actor.sub;
      letter.revocationReason = reason;
      letter.updatedAt = now;
      await m.save(Letter, letter);
      const holder = await this.holder(m, letter.residentId);
      await this.outbox.add(
        m,
        LETTER_REVOKED_V1,
        {
          letterId: letter.id,
          type: letter.type,
          number: letter.number as string,
          holderNik: holder.nik,
          holderResidentId: holder.id,
          villageCode: letter.villageCode,
          revokedAt: now.toISOString(),
        },
        { entityId: letter.id },
      );
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.LetterRevoke,
        residentIds: [holder.id],
      });
      return this.toView(letter, holder);
    });
  }

  /** The printable PDF of a signed or revoked letter, as base64 for the trip over NATS. */
  async pdf(actor: Actor, id: string): Promise<LetterPdfView> {
    const letter = await this.dataSource.transaction(async (m) => {
      const found = await this.findInJurisdiction(m, actor, id, false);
      if (found.status === LetterStatus.Draft) {
        throw new DomainException(
          ErrorCode.LETTER_NOT_ISSUED,
          'A draft has no PDF: the letter is printed once the village head has signed it',
        );
      }
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.LetterPrint,
        residentIds: [found.residentId],
      });
      return found;
    });
    const bytes = await renderLetterPdf({
      type: letter.type,
      status: letter.status,
      number: letter.number as string,
      purpose: letter.purpose,
      details: letter.details,
      validFrom: letter.validFrom as string,
      validUntil: letter.validUntil,
      issuedOn: letter.issuedOn as string,
      signerName: letter.signerName as string,
      printed: letter.printed as PrintedLetter,
      verificationUrl: this.verificationUrl(letter.verificationCode as string),
      revokedOn: letter.revokedAt ? calendarDate(letter.revokedAt, this.clock.timeZone) : null,
    });
    return {
      fileName: `${(letter.number as string).replace(/[^A-Za-z0-9.-]+/g, '-')}.pdf`,
      contentBase64: Buffer.from(bytes).toString('base64'),
    };
  }

  /**
   * What the public may learn from a verification code: valid, revoked or expired (by the
   * registry's calendar), type, number, dates and the masked name. Unknown codes: LETTER_NOT_FOUND.
   */
  async verify(code: string, requestId?: string): Promise<LetterVerificationView> {
    const normalized = normalizeVerificationCode(code);
    const notFound = () =>
      new DomainException(ErrorCode.LETTER_NOT_FOUND, 'No letter has this verification code');
    if (normalized === undefined) throw notFound();
    return this.dataSource.transaction(async (m) => {
      const letter = await m.findOne(Letter, { where: { verificationCode: normalized } });
      if (!letter || letter.status === LetterStatus.Draft || !letter.printed) throw notFound();
      await this.accessLog.record(m, {
        actor: { sub: PUBLIC_ACTOR, roles: [], jurisdiction: [], requestId },
        action: DataAccessAction.LetterVerify,
        residentIds: [letter.residentId],
      });
      const today = this.clock.today();
      const status =
        letter.status === LetterStatus.Revoked
          ? LetterValidity.Revoked
          : letter.validUntil !== null && letter.validUntil < today
            ? LetterValidity.Expired
            : LetterValidity.Valid;
      return {
        status,
        type: letter.type,
        number: letter.number as string,
        issuedOn: letter.issuedOn as string,
        validUntil: letter.validUntil,
        holderName: maskName(letter.printed.holder.fullName),
      };
    });
  }

  private async signInTransaction(
    m: EntityManager,
    actor: Actor,
    id: string,
    signerName: string,
  ): Promise<LetterView> {
    const letter = await this.findInJurisdiction(m, actor, id, true);
    if (letter.status !== LetterStatus.Draft) {
      throw new DomainException(
        ErrorCode.LETTER_NOT_DRAFT,
        `Only a draft can be signed; this letter is ${letter.status}`,
      );
    }
    // FOR SHARE: a death or move registered meanwhile waits for this signature, or this one sees it.
    const resident = await m.findOne(Resident, {
      where: { id: letter.residentId },
      lock: { mode: 'pessimistic_read' },
    });
    if (!resident) throw residentNotFound();
    this.assertHolderStatus(letter.type, resident);

    const now = this.clock.now();
    const today = this.clock.today();
    const rule = await this.ruleInForce(m, letter.type, today);
    const validFrom = letter.validFrom ?? today;
    const validUntil =
      rule.validityMonths === null
        ? null
        : (letter.validUntil ?? lastValidDay(validFrom, rule.validityMonths));
    if (validUntil !== null && validUntil < today) {
      throw new DomainException(
        ErrorCode.LETTER_VALIDITY_ENDED,
        `The letter would be valid only until ${validUntil}, before today; draft it again with a later validity`,
      );
    }
    const village = await this.regions.findVillage(letter.villageCode, m);
    if (!village)
      throw new Error(`letter ${letter.id}: village ${letter.villageCode} is not in the region tables`);

    const year = Number(today.slice(0, 4));
    const counter = await m.query<{ last_number: number }[]>(
      `INSERT INTO letter_counters (village_code, type, year, last_number) VALUES ($1, $2, $3, 1)
       ON CONFLICT (village_code, type, year) DO UPDATE SET last_number = letter_counters.last_number + 1
       RETURNING last_number`,
      [letter.villageCode, letter.type, year],
    );
    const sequence = counter[0].last_number;

    Object.assign(letter, {
      status: LetterStatus.Signed,
      number: letterNumber({
        classificationCode: rule.classificationCode,
        sequence,
        numberCode: rule.numberCode,
        villageCode: letter.villageCode,
        year,
      }),
      numberYear: year,
      sequence,
      verificationCode: newVerificationCode(),
      validFrom,
      validUntil,
      issuedOn: today,
      signedAt: now,
      signedBy: actor.sub,
      signerName,
      printed: {
        title: rule.title,
        holder: {
          nik: resident.nik,
          fullName: resident.fullName,
          birthPlace: resident.birthPlace,
          birthDate: resident.birthDate,
          sex: resident.sex,
          religion: resident.religion,
          maritalStatus: resident.maritalStatus,
          occupation: resident.occupation,
          rt: resident.rt,
          rw: resident.rw,
          hamlet: resident.hamlet,
          street: resident.street,
        },
        village: { code: village.code, name: village.name, kind: village.kind },
        district: village.district.name,
        regency: village.regency.name,
        province: village.province.name,
      },
      updatedAt: now,
    } satisfies Partial<Letter>);
    await m.save(Letter, letter);
    await this.outbox.add(
      m,
      LETTER_ISSUED_V1,
      {
        letterId: letter.id,
        type: letter.type,
        number: letter.number as string,
        purpose: letter.purpose,
        holderNik: resident.nik,
        holderResidentId: resident.id,
        villageCode: letter.villageCode,
        issuedOn: today,
        validFrom,
        validUntil,
      },
      { entityId: letter.id },
    );
    await this.accessLog.record(m, {
      actor,
      action: DataAccessAction.LetterSign,
      residentIds: [resident.id],
    });
    return this.toView(letter, { id: resident.id, nik: resident.nik, full_name: resident.fullName });
  }

  private async ruleInForce(m: EntityManager, type: LetterType, on: string): Promise<LetterTypeRule> {
    const rule = await m.findOne(LetterTypeRule, {
      where: { type, effectiveFrom: LessThanOrEqual(on) },
      order: { effectiveFrom: 'DESC' },
    });
    if (!rule) throw new Error(`no letter type rule for ${type} in force on ${on}`);
    return rule;
  }

  private details(dto: DraftLetterDto): LetterDetails {
    const details: LetterDetails = {};
    if (dto.business !== undefined) {
      if (dto.type !== LetterType.BusinessDomicile)
        throw invalidField(
          'business',
          'notAllowedForType',
          `business is only for ${LetterType.BusinessDomicile}`,
        );
      details.business = {
        name: text(dto.business.name, 'business.name'),
        kind: text(dto.business.kind, 'business.kind'),
        address: text(dto.business.address, 'business.address'),
      };
    }
    if (dto.death !== undefined) {
      if (dto.type !== LetterType.DeathCertificate)
        throw invalidField('death', 'notAllowedForType', `death is only for ${LetterType.DeathCertificate}`);
      if (dto.death.date > this.clock.today())
        throw invalidField('death.date', 'notInFuture', 'death.date cannot be after today');
      details.death = { date: dto.death.date, place: text(dto.death.place, 'death.place') };
    }
    return details;
  }

  private checkRequestedValidity(dto: DraftLetterDto): void {
    const expires = dto.type !== LetterType.BirthCertificate && dto.type !== LetterType.DeathCertificate;
    if (!expires && dto.validUntil !== undefined)
      throw invalidField('validUntil', 'notAllowedForType', `a ${dto.type} letter does not expire`);
    if (dto.validFrom !== undefined && dto.validUntil !== undefined && dto.validUntil < dto.validFrom)
      throw invalidField('validUntil', 'notBeforeValidFrom', 'validUntil cannot be before validFrom');
    if (dto.validUntil !== undefined && dto.validUntil < this.clock.today())
      throw invalidField('validUntil', 'notInPast', 'validUntil cannot be before today');
  }

  /**
   * The holder's record must be one a letter of this type makes sense for (HOLDER_STATUSES), with
   * the life events' codes: RESIDENT_DEACTIVATED, RESIDENT_DECEASED, RESIDENT_MOVED_OUT,
   * RESIDENT_NOT_ACTIVE; a death certificate for someone not recorded as deceased: RESIDENT_NOT_DECEASED.
   */
  private assertHolderStatus(type: LetterType, holder: Resident, field?: string): void {
    const allowed = HOLDER_STATUSES[type];
    if (
      !allowed.includes(ResidentStatus.Hidup) &&
      !holder.deactivatedAt &&
      holder.status === ResidentStatus.Hidup
    ) {
      throw new DomainException(
        ErrorCode.RESIDENT_NOT_DECEASED,
        `A ${type} letter is for a resident recorded as deceased; register the death first`,
      );
    }
    assertActive(holder, { allow: allowed, role: 'The holder', ...(field ? { field } : {}) });
  }

  private async findInJurisdiction(
    m: EntityManager,
    actor: Actor,
    id: string,
    lock: boolean,
  ): Promise<Letter> {
    const letter = await m.findOne(Letter, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!letter || !withinJurisdiction(letter.villageCode, actor.jurisdiction)) throw letterNotFound();
    return letter;
  }

  private async holder(m: EntityManager, residentId: string): Promise<HolderRow> {
    const found = (await this.holders(m, [residentId])).get(residentId);
    if (!found) throw new Error(`letter holder ${residentId} is missing`);
    return found;
  }

  private async holders(m: EntityManager, residentIds: string[]): Promise<Map<string, HolderRow>> {
    if (residentIds.length === 0) return new Map();
    const rows = await m.query<HolderRow[]>(
      `SELECT id, nik, full_name FROM residents WHERE id = ANY($1::uuid[])`,
      [[...new Set(residentIds)]],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  private verificationUrl(code: string): string {
    return `${this.options.publicBaseUrl}/v1/letters/verify/${code}`;
  }

  private toView(l: Letter, holder: HolderRow): LetterView {
    return {
      id: l.id,
      type: l.type,
      status: l.status,
      number: l.number,
      verificationCode: l.verificationCode,
      holder: { residentId: holder.id, nik: holder.nik, fullName: holder.full_name },
      villageCode: l.villageCode,
      purpose: l.purpose,
      ...(l.details.business ? { business: l.details.business } : {}),
      ...(l.details.death ? { death: l.details.death } : {}),
      validFrom: l.validFrom,
      validUntil: l.validUntil,
      issuedOn: l.issuedOn,
      signedBy: l.signedBy,
      signerName: l.signerName,
      signedAt: l.signedAt?.toISOString() ?? null,
      revokedAt: l.revokedAt?.toISOString() ?? null,
      revokedBy: l.revokedBy,
      revocationReason: l.revocationReason,
      draftedBy: l.draftedBy,
      createdAt: l.createdAt.toISOString(),
      updatedAt: l.updatedAt.toISOString(),
    };
  }
}
