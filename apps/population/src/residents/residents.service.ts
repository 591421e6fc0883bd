import { Injectable } from '@nestjs/common';
import {
  type Actor,
  ErrorCode,
  type ParsedNik,
  type PossibleDuplicateView,
  type RegisteredResidentView,
  type RegisterResidentDto,
  type ResidentFamilyCardView,
  type ResidentHistoryView,
  type ResidentPageView,
  type ResidentView,
  type SearchResidentsDto,
  type UpdateResidentDto,
  withinJurisdiction,
} from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AccessLogService,
  escapeLike,
  invalidField,
  isUniqueViolation,
  normalizeName,
} from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock } from '@terpadu/clock';
import { addressOutsideJurisdiction } from '../common/domain-errors';
import { DuplicatesService } from '../duplicates/duplicates.service';
import { newResident } from '../registry/new-resident';
import { type FieldChange, ResidentChange } from '../registry/resident-change.entity';
import { assertNotInFuture } from '../registry/resident-guards';
import { ResidentRecordsService } from '../registry/resident-records.service';
import { residentView } from '../registry/resident-view';
import { Resident } from '../registry/resident.entity';
import { reviewFlagsFor } from '../registry/review-flags';
import { optionalText, plainText, requiredText } from '../registry/text-fields';
import { RegionsService } from '../regions/regions.service';
import { decodeResidentCursor, encodeResidentCursor } from './resident-cursor';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** The resident fields held as text (enum values and ISO dates included): what a correction changes. */
type TextField = { [K in keyof Resident]-?: Resident[K] extends string | null ? K : never }[keyof Resident];

/**
 * The civil registry's persons: registration of a person who already has a NIK, lookups scoped to
 * the caller's jurisdiction, search, and corrections with their history. Every read and write of a
 * person's data is recorded in the access log in the same transaction; every change publishes its
 * event through the outbox in the same transaction.
 */
@Injectable()
export class ResidentsService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly duplicates: DuplicatesService,
    private readonly records: ResidentRecordsService,
    private readonly regions: RegionsService,
  ) {}

  async register(actor: Actor, dto: RegisterResidentDto): Promise<RegisteredResidentView> {
    const { resident, nik } = this.buildRegistration(actor, dto);

    let warnings = nik.warnings;
    let possibleDuplicates: PossibleDuplicateView[] = [];
    try {
      await this.dataSource.transaction(async (m) => {
        await this.regions.assertCurrentVillage(m, resident.villageCode);
        warnings = await this.regions.nikWarnings(m, nik);
        await this.records.register(m, actor, 'REGISTERED', [
          { resident, familyCardNumber: null, reason: null },
        ]);
        // Surfaced for review, never a refusal: the answer names them and the queue keeps the pairs.
        possibleDuplicates = await this.duplicates.detect(m, actor, resident);
        await this.accessLog.record(m, {
          actor,
          action: DataAccessAction.ResidentRegister,
          residentIds: [resident.id, ...possibleDuplicates.map((d) => d.residentId)],
        });
      });
    } catch (error) {
      // Also the loser of two registrations racing with one NIK: the unique constraint decides.
      if (isUniqueViolation(error, 'residents_nik_uq')) {
        throw new DomainException(
          ErrorCode.NIK_ALREADY_REGISTERED,
          'A resident with this NIK is already registered',
          [{ field: 'nik', code: 'unique', message: 'nik is already registered' }],
        );
      }
      throw error;
    }
    return { ...residentView(resident, null), warnings, possibleDuplicates };
  }

  /**
   * The rules every registration follows, the API's and the bulk import's: a valid NIK, an address
   * inside the actor's jurisdiction, no birth date after today, clean free text; and the record they
   * give. Throws DomainException naming the field at fault. The village is checked against the region
   * tables by the caller, inside its transaction.
   */
  buildRegistration(
    actor: Actor,
    dto: RegisterResidentDto,
    now: Date = this.clock.now(),
  ): { resident: Resident; nik: ParsedNik } {
    const nik = this.records.parseNik(dto.nik, 'nik');
    if (!withinJurisdiction(dto.address.villageCode, actor.jurisdiction)) throw addressOutsideJurisdiction();
    assertNotInFuture(dto.birthDate, this.clock.today(), 'birthDate');
    const resident = newResident(
      nik,
      {
        fullName: requiredText(dto.fullName, 'fullName'),
        birthPlace: requiredText(dto.birthPlace, 'birthPlace'),
        birthDate: dto.birthDate,
        sex: dto.sex,
        religion: dto.religion,
        maritalStatus: dto.maritalStatus,
        occupation: requiredText(dto.occupation, 'occupation'),
        educationLevel: dto.educationLevel,
      },
      {
        villageCode: dto.address.villageCode,
        rt: dto.address.rt,
        rw: dto.address.rw,
        hamlet: optionalText(dto.address.hamlet, 'address.hamlet'),
        street: requiredText(dto.address.street, 'address.street'),
      },
      now,
    );
    return { resident, nik };
  }

  async get(actor: Actor, nik: string): Promise<ResidentView> {
    return this.dataSource.transaction(async (m) => {
      const resident = await this.records.findByNik(m, actor, nik, { lock: false });
      const cards = await this.activeFamilyCards(m, [resident.id]);
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.ResidentRead,
        residentIds: [resident.id],
      });
      return residentView(resident, cards.get(resident.id) ?? null);
    });
  }

  /**
   * Residents in the caller's jurisdiction matching every given filter, in registration order
   * (created_at, id), one page at a time. The cursor names the last resident of the previous page.
   */
  async search(actor: Actor, query: SearchResidentsDto): Promise<ResidentPageView> {
    const limit = Math.min(query.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const afterId = query.cursor === undefined ? undefined : decodeResidentCursor(query.cursor);
    if (query.cursor !== undefined && afterId === undefined) throw this.badCursor();

    return this.dataSource.transaction(async (m) => {
      const qb = m
        .createQueryBuilder(Resident, 'r')
        .where('r.village_code LIKE ANY(CAST(:prefixes AS text[]))', {
          prefixes: actor.jurisdiction.map((p) => `${escapeLike(p)}%`),
        })
        .orderBy('r.created_at', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .limit(limit + 1);
      if (query.villageCode !== undefined)
        qb.andWhere('r.village_code = :villageCode', { villageCode: query.villageCode });
      // A record deactivated as a duplicate stays readable by NIK but leaves every list.
      qb.andWhere('r.deactivated_at IS NULL');
      if (query.status !== undefined) qb.andWhere('r.status = :status', { status: query.status });
      if (query.name !== undefined) {
        const name = normalizeName(plainText(query.name, 'name'));
        if (name.length < 2) throw invalidField('name', 'minLength', 'name must have at least 2 characters');
        qb.andWhere('r.full_name_normalized LIKE :name', { name: `%${escapeLike(name)}%` });
      }
      if (afterId !== undefined) {
        if (!(await m.exists(Resident, { where: { id: afterId } }))) throw this.badCursor();
        // Compare in SQL against the stored value, so no timestamp precision is lost in the cursor.
        qb.andWhere(
          '(r.created_at, r.id) > (SELECT c.created_at, c.id FROM residents c WHERE c.id = :afterId)',
          { afterId },
        );
      }

      const rows = actor.jurisdiction.length === 0 ? [] : await qb.getMany();
      const page = rows.slice(0, limit);
      const cards = await this.activeFamilyCards(
        m,
        page.map((r) => r.id),
      );
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.ResidentSearch,
        residentIds: page.map((r) => r.id),
      });
      return {
        items: page.map((r) => residentView(r, cards.get(r.id) ?? null)),
        nextCursor: rows.length > limit ? encodeResidentCursor(page[page.length - 1].id) : null,
      };
    });
  }

  /**
   * Corrects a record. Only fields whose value really changes are recorded; a correction that
   * changes nothing is refused. Deceased, moved-out and missing persons can be corrected too: a
   * correction fixes how the record describes a person (a misspelt name on the way to a death
   * certificate), it is not a life event, and status is not correctable here.
   */
  async update(actor: Actor, nik: string, dto: UpdateResidentDto): Promise<ResidentView> {
    const reason = requiredText(dto.reason, 'reason');
    const normalizedNik = this.records.parseNik(nik, 'nik').nik;
    return this.dataSource.transaction(async (m) => {
      const resident = await this.records.findByNik(m, actor, normalizedNik, { lock: true });
      const changes: FieldChange[] = [];
      const set = <K extends TextField>(field: string, key: K, value: Resident[K]) => {
        if (resident[key] === value) return;
        changes.push({ field, from: resident[key], to: value });
        resident[key] = value;
      };

      if (dto.fullName != null) set('fullName', 'fullName', requiredText(dto.fullName, 'fullName'));
      if (dto.birthPlace != null) set('birthPlace', 'birthPlace', requiredText(dto.birthPlace, 'birthPlace'));
      if (dto.birthDate != null) {
        assertNotInFuture(dto.birthDate, this.clock.today(), 'birthDate');
        set('birthDate', 'birthDate', dto.birthDate);
      }
      if (dto.sex != null) set('sex', 'sex', dto.sex);
      if (dto.religion != null) set('religion', 'religion', dto.religion);
      if (dto.maritalStatus != null) set('maritalStatus', 'maritalStatus', dto.maritalStatus);
      if (dto.occupation != null) set('occupation', 'occupation', requiredText(dto.occupation, 'occupation'));
      if (dto.educationLevel != null) set('educationLevel', 'educationLevel', dto.educationLevel);
      if (dto.address != null) {
        // An address is corrected as a whole: a missing hamlet means "no hamlet".
        if (!withinJurisdiction(dto.address.villageCode, actor.jurisdiction))
          throw addressOutsideJurisdiction();
        if (dto.address.villageCode !== resident.villageCode)
          await this.regions.assertCurrentVillage(m, dto.address.villageCode);
        set('address.villageCode', 'villageCode', dto.address.villageCode);
        set('address.rt', 'rt', dto.address.rt);
        set('address.rw', 'rw', dto.address.rw);
        set('address.hamlet', 'hamlet', optionalText(dto.address.hamlet, 'address.hamlet'));
        set('address.street', 'street', requiredText(dto.address.street, 'address.street'));
      }
      if (changes.length === 0) {
        throw new DomainException(ErrorCode.NOTHING_TO_CHANGE, 'The correction does not change any field');
      }

      const now = this.clock.now();
      resident.fullNameNormalized = normalizeName(resident.fullName);
      resident.reviewFlags = reviewFlagsFor(this.records.parseNik(resident.nik, 'nik'), resident);
      await this.records.recordChange(m, actor, resident.id, 'CORRECTED', reason, changes, now);
      await this.records.saveAndPublish(
        m,
        resident,
        changes.map((c) => c.field),
        { at: now },
      );
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.ResidentCorrect,
        residentIds: [resident.id],
      });
      const cards = await this.activeFamilyCards(m, [resident.id]);
      return residentView(resident, cards.get(resident.id) ?? null);
    });
  }

  /** The registration and every correction, newest first. */
  async history(actor: Actor, nik: string): Promise<ResidentHistoryView> {
    return this.dataSource.transaction(async (m) => {
      const resident = await this.records.findByNik(m, actor, nik, { lock: false });
      const entries = await m.find(ResidentChange, {
        where: { residentId: resident.id },
        order: { changedAt: 'DESC', position: 'DESC' },
      });
      await this.accessLog.record(m, {
        actor,
        action: DataAccessAction.ResidentHistoryRead,
        residentIds: [resident.id],
      });
      return {
        items: entries.map((e) => ({
          id: e.id,
          changedAt: e.changedAt.toISOString(),
          changedBy: e.changedBy,
          kind: e.kind,
          reason: e.reason,
          changes: e.changes,
        })),
      };
    });
  }

  /** The current family card of each resident that has one. */
  private async activeFamilyCards(
    m: EntityManager,
    residentIds: string[],
  ): Promise<Map<string, ResidentFamilyCardView>> {
    if (residentIds.length === 0) return new Map();
    const rows = await m.query<
      { resident_id: string; number: string; relationship: ResidentFamilyCardView['relationship'] }[]
    >(
      `SELECT fm.resident_id, fc.number, fm.relationship
         FROM family_card_members fm JOIN family_cards fc ON fc.id = fm.family_card_id
        WHERE fm.resident_id = ANY($1::uuid[]) AND fm.left_at IS NULL`,
      [residentIds],
    );
    return new Map(rows.map((r) => [r.resident_id, { number: r.number, relationship: r.relationship }]));
  }

  private badCursor(): DomainException {
    return invalidField(
      'cursor',
      'isCursor',
      'cursor is not a cursor of this search; start again without it',
    );
  }
}
