import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  FAMILY_CARD_CHANGED_V1,
  FamilyRelationship,
  ImportColumn,
  ImportRejectReason,
  ImportRowDefect,
  ImportRowOutcome,
  RegisterResidentDto,
  toFieldErrors,
} from '@terpadu/contracts';
import { DomainException, type OutboxEvent, OutboxService } from '@terpadu/messaging';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { AccessLogService } from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { FamilyCardMember } from '../family-cards/family-card-member.entity';
import { FamilyCard } from '../family-cards/family-card.entity';
import { RegionsService } from '../regions/regions.service';
import { ResidentRecordsService } from '../registry/resident-records.service';
import type { Resident } from '../registry/resident.entity';
import { ResidentsService } from '../residents/residents.service';
import type { ImportJob } from './import-job.entity';
import type { ImportRow } from './import-row.entity';
import { readSiakRow, rejectionForFieldError, type RowRejection, type SiakRow } from './siak-row';

/** What became of a row: written into import_rows by the processor. */
export interface RowResult {
  row: number;
  outcome: ImportRowOutcome;
  rejection: RowRejection | null;
  residentId: string | null;
  familyCardNumber: string | null;
}

/** A row still in the running: read, checked, and either new or the same as a registered person. */
interface Candidate {
  line: ImportRow;
  siak: SiakRow;
  resident: Resident;
  /** Set when the registry already has this person with exactly these data and this card. */
  existingId: string | null;
}

interface RegisteredRow {
  id: string;
  nik: string;
  full_name: string;
  birth_place: string;
  birth_date: string;
  sex: Resident['sex'];
  religion: Resident['religion'];
  marital_status: Resident['maritalStatus'];
  occupation: string;
  education_level: Resident['educationLevel'];
  village_code: string;
  rt: string;
  rw: string;
  hamlet: string | null;
  street: string;
  card_number: string | null;
  relationship: FamilyRelationship | null;
}

interface CardRow {
  id: string;
  number: string;
  village_code: string;
  head_nik: string | null;
}

/** The same person with the same data: what an import of an already imported file finds. */
function sameAsRegistered(c: Candidate, r: RegisteredRow): boolean {
  const p = c.resident;
  return (
    p.fullName === r.full_name &&
    p.birthPlace === r.birth_place &&
    p.birthDate === r.birth_date &&
    p.sex === r.sex &&
    p.religion === r.religion &&
    p.maritalStatus === r.marital_status &&
    p.occupation === r.occupation &&
    p.educationLevel === r.education_level &&
    p.villageCode === r.village_code &&
    p.rt === r.rt &&
    p.rw === r.rw &&
    p.hamlet === r.hamlet &&
    p.street === r.street &&
    r.card_number === c.siak.familyCardNumber &&
    r.relationship === c.siak.relationship
  );
}

/**
 * Registers a batch of import rows inside the caller's transaction: every row is read and checked
 * with the registry's own rules (the registration's, the region tables'), then the accepted ones
 * are written together (residents, history, family cards and memberships, events through the
 * outbox, one access-log entry). The rules for family cards (docs/imports.md):
 * - a KK is headed by the first line of the file whose STAT_HBKEL is KEPALA KELUARGA; a later head
 *   line is DUPLICATE_FAMILY_HEAD, and members of a KK whose head line is missing or rejected are
 *   FAMILY_HEAD_MISSING;
 * - a KK number new to the registry is issued as given, with its head's address;
 * - a KK number the registry has is joined only when the file's head is that card's current head
 *   (a re-export of the same family), else the head line is FAMILY_CARD_NUMBER_TAKEN.
 * Callers hand in every pending row of the KKs in the batch; heads found earlier are looked up.
 */
@Injectable()
export class ImportBatchService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly outbox: OutboxService,
    private readonly records: ResidentRecordsService,
    private readonly regions: RegionsService,
    private readonly residents: ResidentsService,
  ) {}

  async process(
    m: EntityManager,
    job: ImportJob,
    rows: readonly ImportRow[],
    today: string,
    now: Date,
  ): Promise<RowResult[]> {
    const results = new Map<number, RowResult>();
    const rejectRow = (line: number, rejection: RowRejection) =>
      results.set(line, {
        row: line,
        outcome: ImportRowOutcome.Rejected,
        rejection,
        residentId: null,
        familyCardNumber: null,
      });
    const villageColumn =
      job.columns[ImportColumn.KodeDesa] !== undefined ? ImportColumn.KodeDesa : ImportColumn.NoKel;

    // 1. Each row on its own: the file's spellings, the DTO's rules, the registration's rules.
    let candidates: Candidate[] = [];
    for (const line of rows) {
      const rejection = this.check(job.actor, line, today, villageColumn, now);
      if ('reason' in rejection) rejectRow(line.row, rejection);
      else candidates.push({ line, ...rejection, existingId: null });
    }

    // 2. Villages: the region tables decide, once per village code in the batch.
    const villageFaults = new Map<string, RowRejection | null>();
    for (const code of new Set(candidates.map((c) => c.resident.villageCode))) {
      villageFaults.set(code, await this.villageFault(m, code, villageColumn));
    }
    candidates = candidates.filter((c) => {
      const fault = villageFaults.get(c.resident.villageCode);
      if (fault) rejectRow(c.line.row, fault);
      return !fault;
    });

    // 3. NIKs: the first line of the file with a NIK is the one imported; registered persons are
    //    UNCHANGED when the row says exactly what the registry says, otherwise the row is refused.
    const niks = candidates.map((c) => c.siak.nik);
    const firstLines = await this.firstLinesByNik(m, job.id, niks);
    const registered = await this.registeredByNik(m, niks);
    candidates = candidates.filter((c) => {
      const first = firstLines.get(c.siak.nik);
      if (first !== undefined && first !== c.line.row) {
        rejectRow(c.line.row, {
          reason: ImportRejectReason.DuplicateNikInFile,
          column: ImportColumn.Nik,
          message: `line ${first} of the file has the same NIK`,
        });
        return false;
      }
      const existing = registered.get(c.siak.nik);
      if (!existing) return true;
      if (sameAsRegistered(c, existing)) {
        c.existingId = existing.id;
        return true;
      }
      rejectRow(c.line.row, {
        reason: ImportRejectReason.NikAlreadyRegistered,
        column: ImportColumn.Nik,
        message: 'a resident with this NIK is registered with other data or on another family card',
      });
      return false;
    });

    // 4. Family cards, one KK at a time: its head line first.
    const byCard = new Map<string, Candidate[]>();
    for (const c of candidates)
      byCard.set(c.siak.familyCardNumber, [...(byCard.get(c.siak.familyCardNumber) ?? []), c]);
    const headLines = await this.headLines(m, job.id, [...byCard.keys()]);
    const cards = await this.cardsByNumber(m, [...byCard.keys()]);
    const earlierHeads = await this.earlierHeadOutcomes(
      m,
      job.id,
      [...headLines.values()].filter((line) => !rows.some((r) => r.row === line)),
    );

    const newResidents: Candidate[] = [];
    const newCards: { card: FamilyCard; members: Candidate[] }[] = [];
    const joined: { card: CardRow; members: Candidate[] }[] = [];
    for (const [number, members] of byCard) {
      const headLine = headLines.get(number);
      const head = members.find((c) => c.line.row === headLine);
      const others = members.filter((c) => c !== head);
      const card = cards.get(number);
      let target: { created: FamilyCard } | { existing: CardRow } | null = null;

      if (head) {
        if (!card) {
          target = { created: this.newCard(head, now) };
        } else if (head.existingId !== null) {
          target = { existing: card };
        } else {
          rejectRow(head.line.row, {
            reason: ImportRejectReason.FamilyCardNumberTaken,
            column: ImportColumn.NoKk,
            message: 'the registry has a family card with this number and another head',
          });
        }
      } else if (headLine !== undefined && earlierHeads.get(headLine) === true) {
        target = card ? { existing: card } : null;
      }

      const accepted: Candidate[] = [];
      if (target && head && head.existingId === null) accepted.push(head);
      for (const c of others) {
        if (c.existingId !== null) continue;
        if (c.siak.relationship === FamilyRelationship.KepalaKeluarga) {
          rejectRow(c.line.row, {
            reason: ImportRejectReason.DuplicateFamilyHead,
            column: ImportColumn.StatHbkel,
            message: `line ${headLine} of the file already heads this family card`,
          });
        } else if (!target) {
          rejectRow(c.line.row, {
            reason: ImportRejectReason.FamilyHeadMissing,
            column: ImportColumn.NoKk,
            message:
              headLine === undefined
                ? 'no line of the file heads this family card (STAT_HBKEL KEPALA KELUARGA)'
                : `the head of this family card (line ${headLine}) was not imported`,
          });
        } else {
          accepted.push(c);
        }
      }
      newResidents.push(...accepted);
      if (target && 'created' in target) newCards.push({ card: target.created, members: accepted });
      else if (target && accepted.length > 0) joined.push({ card: target.existing, members: accepted });
      for (const c of members) {
        if (c.existingId !== null)
          results.set(c.line.row, {
            row: c.line.row,
            outcome: ImportRowOutcome.Unchanged,
            rejection: null,
            residentId: c.existingId,
            familyCardNumber: number,
          });
      }
    }

    // 5. Write what was accepted.
    await this.write(m, job, newResidents, newCards, joined, now);
    for (const c of newResidents) {
      results.set(c.line.row, {
        row: c.line.row,
        outcome: ImportRowOutcome.Accepted,
        rejection: null,
        residentId: c.resident.id,
        familyCardNumber: c.siak.familyCardNumber,
      });
    }
    const seen = [...results.values()].map((r) => r.residentId).filter((id): id is string => id !== null);
    if (seen.length > 0 || registered.size > 0) {
      await this.accessLog.record(m, {
        actor: job.actor,
        action: DataAccessAction.ResidentImport,
        residentIds: [...seen, ...[...registered.values()].map((r) => r.id)],
      });
    }
    return rows.map((r) => results.get(r.row) as RowResult);
  }

  /** A row read and checked on its own; the rejection, or the record it would register. */
  private check(
    actor: Actor,
    line: ImportRow,
    today: string,
    villageColumn: ImportColumn,
    now: Date,
  ): RowRejection | { siak: SiakRow; resident: Resident } {
    if (line.defect === ImportRowDefect.ColumnCount || line.values === null) {
      return {
        reason: ImportRejectReason.ColumnCount,
        column: null,
        message: 'the line has another number of fields than the header',
      };
    }
    const read = readSiakRow(line.values, today, villageColumn);
    if (!read.ok) return read.rejection;
    const dto = plainToInstance(RegisterResidentDto, read.row.resident);
    const errors = toFieldErrors(validateSync(dto, { validationError: { target: false, value: false } }));
    if (errors.length > 0) return rejectionForFieldError(errors[0], villageColumn);
    try {
      const { resident } = this.residents.buildRegistration(actor, dto, now);
      return { siak: read.row, resident };
    } catch (error) {
      if (error instanceof DomainException && error.errors && error.errors.length > 0)
        return rejectionForFieldError(error.errors[0], villageColumn);
      throw error;
    }
  }

  private async villageFault(
    m: EntityManager,
    code: string,
    column: ImportColumn,
  ): Promise<RowRejection | null> {
    try {
      await this.regions.assertCurrentVillage(m, code);
      return null;
    } catch (error) {
      if (error instanceof DomainException && error.errors && error.errors.length > 0)
        return rejectionForFieldError(error.errors[0], column);
      throw error;
    }
  }

  /** The first line of the whole file (pending or processed) with each NIK. */
  private async firstLinesByNik(
    m: EntityManager,
    jobId: string,
    niks: string[],
  ): Promise<Map<string, number>> {
    if (niks.length === 0) return new Map();
    const rows = await m.query<{ nik: string; line: number }[]>(
      `SELECT nik, min(line) AS line FROM import_rows WHERE job_id = $1 AND nik = ANY($2::varchar[]) GROUP BY nik`,
      [jobId, niks],
    );
    return new Map(rows.map((r) => [r.nik, r.line]));
  }

  private async registeredByNik(m: EntityManager, niks: string[]): Promise<Map<string, RegisteredRow>> {
    if (niks.length === 0) return new Map();
    const rows = await m.query<RegisteredRow[]>(
      `SELECT r.id, r.nik, r.full_name, r.birth_place, r.birth_date, r.sex, r.religion, r.marital_status,
              r.occupation, r.education_level, r.village_code, r.rt, r.rw, r.hamlet, r.street,
              fc.number AS card_number, fm.relationship
         FROM residents r
         LEFT JOIN family_card_members fm ON fm.resident_id = r.id AND fm.left_at IS NULL
         LEFT JOIN family_cards fc ON fc.id = fm.family_card_id
        WHERE r.nik = ANY($1::varchar[])`,
      [niks],
    );
    return new Map(rows.map((r) => [r.nik, r]));
  }

  /** The head line of each KK: the first line of the file whose STAT_HBKEL reads KEPALA KELUARGA. */
  private async headLines(m: EntityManager, jobId: string, numbers: string[]): Promise<Map<string, number>> {
    if (numbers.length === 0) return new Map();
    const rows = await m.query<{ family_card_key: string; line: number }[]>(
      `SELECT family_card_key, min(line) AS line FROM import_rows
        WHERE job_id = $1 AND is_head AND family_card_key = ANY($2::varchar[]) GROUP BY family_card_key`,
      [jobId, numbers],
    );
    return new Map(rows.map((r) => [r.family_card_key, r.line]));
  }

  /** Head lines processed in an earlier batch (or earlier in this one, row by row): accepted or unchanged? */
  private async earlierHeadOutcomes(
    m: EntityManager,
    jobId: string,
    lines: number[],
  ): Promise<Map<number, boolean>> {
    if (lines.length === 0) return new Map();
    const rows = await m.query<{ line: number; outcome: ImportRowOutcome | null }[]>(
      `SELECT line, outcome FROM import_rows WHERE job_id = $1 AND line = ANY($2::int[])`,
      [jobId, lines],
    );
    return new Map(
      rows.map((r) => [
        r.line,
        r.outcome === ImportRowOutcome.Accepted || r.outcome === ImportRowOutcome.Unchanged,
      ]),
    );
  }

  private async cardsByNumber(m: EntityManager, numbers: string[]): Promise<Map<string, CardRow>> {
    if (numbers.length === 0) return new Map();
    const rows = await m.query<CardRow[]>(
      `SELECT fc.id, fc.number, fc.village_code, r.nik AS head_nik
         FROM family_cards fc
         LEFT JOIN family_card_members fm
           ON fm.family_card_id = fc.id AND fm.left_at IS NULL AND fm.relationship = 'KEPALA_KELUARGA'
         LEFT JOIN residents r ON r.id = fm.resident_id
        WHERE fc.number = ANY($1::varchar[])`,
      [numbers],
    );
    return new Map(rows.map((r) => [r.number, r]));
  }

  private newCard(head: Candidate, now: Date): FamilyCard {
    const r = head.resident;
    return {
      id: randomUUID(),
      number: head.siak.familyCardNumber,
      villageCode: r.villageCode,
      rt: r.rt,
      rw: r.rw,
      hamlet: r.hamlet,
      street: r.street,
      issuedOn: head.siak.familyCardIssuedOn,
      createdAt: now,
      updatedAt: now,
    };
  }

  private async write(
    m: EntityManager,
    job: ImportJob,
    residents: Candidate[],
    created: { card: FamilyCard; members: Candidate[] }[],
    joined: { card: CardRow; members: Candidate[] }[],
    now: Date,
  ): Promise<void> {
    if (residents.length === 0) return;
    await this.records.register(
      m,
      job.actor,
      'REGISTERED',
      residents.map((c) => ({
        resident: c.resident,
        familyCardNumber: c.siak.familyCardNumber,
        reason: `Imported from file (import ${job.id}, line ${c.line.row})`,
      })),
    );
    if (created.length > 0) {
      await m.insert(
        FamilyCard,
        created.map((c) => c.card),
      );
      // Issued numbers stay ahead of the numbers a file brought: the registry never issues one twice.
      await m.query(
        `INSERT INTO family_card_serials (prefix, last_serial)
         SELECT left(number, 12), max(right(number, 4)::int) FROM unnest($1::varchar[]) AS number GROUP BY 1
         ON CONFLICT (prefix) DO UPDATE SET last_serial = GREATEST(family_card_serials.last_serial, EXCLUDED.last_serial)`,
        [created.map((c) => c.card.number)],
      );
    }
    const memberships = [
      ...created.map((c) => ({ cardId: c.card.id, members: c.members })),
      ...joined.map((j) => ({ cardId: j.card.id, members: j.members })),
    ].flatMap(({ cardId, members }) =>
      members.map((c) => ({
        id: randomUUID(),
        familyCardId: cardId,
        residentId: c.resident.id,
        relationship: c.siak.relationship,
        joinedAt: now,
        leftAt: null,
        leaveReason: null,
      })),
    );
    await m.insert(FamilyCardMember, memberships);
    if (joined.length > 0) {
      await m.query(`UPDATE family_cards SET updated_at = $2 WHERE id = ANY($1::uuid[])`, [
        joined.map((j) => j.card.id),
        now,
      ]);
    }
    await this.publishCards(m, created, joined, now);
  }

  /** CREATED with the members the file gave a new card; MEMBER_ADDED for each member joining a card. */
  private async publishCards(
    m: EntityManager,
    created: { card: FamilyCard; members: Candidate[] }[],
    joined: { card: CardRow; members: Candidate[] }[],
    now: Date,
  ): Promise<void> {
    const entry = (c: Candidate) => ({ nik: c.resident.nik, relationship: c.siak.relationship });
    const events: OutboxEvent[] = created.map(({ card, members }) => ({
      subject: FAMILY_CARD_CHANGED_V1,
      data: {
        familyCardNumber: card.number,
        villageCode: card.villageCode,
        change: 'CREATED',
        affectedNik: members[0].resident.nik,
        headNik: members[0].resident.nik,
        members: members.map(entry),
        changedAt: now.toISOString(),
      },
      entityId: card.id,
    }));
    for (const { card, members } of joined) {
      const current = await m.query<{ nik: string; relationship: FamilyRelationship }[]>(
        `SELECT r.nik, fm.relationship FROM family_card_members fm JOIN residents r ON r.id = fm.resident_id
          WHERE fm.family_card_id = $1 AND fm.left_at IS NULL ORDER BY fm.position`,
        [card.id],
      );
      const before = current.filter((row) => !members.some((c) => c.resident.nik === row.nik));
      members.forEach((c, i) =>
        events.push({
          subject: FAMILY_CARD_CHANGED_V1,
          data: {
            familyCardNumber: card.number,
            villageCode: card.village_code,
            change: 'MEMBER_ADDED',
            affectedNik: c.resident.nik,
            headNik: card.head_nik ?? c.resident.nik,
            members: [...before, ...members.slice(0, i + 1).map(entry)],
            changedAt: now.toISOString(),
          },
          entityId: card.id,
        }),
      );
    }
    await this.outbox.addMany(m, events);
  }
}
