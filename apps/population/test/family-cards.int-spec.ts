import {
  ErrorCode,
  FamilyRelationship,
  type FamilyCardView,
  POPULATION_FAMILY_CARDS_ADD_MEMBER,
  POPULATION_FAMILY_CARDS_CREATE,
  POPULATION_FAMILY_CARDS_GET,
  POPULATION_FAMILY_CARDS_REMOVE_MEMBER,
  POPULATION_RESIDENTS_GET,
  POPULATION_RESIDENTS_REGISTER,
  type RegisteredResidentView,
} from '@terpadu/contracts';
import { QueryFailedError } from 'typeorm';
import { FamilyCardsService } from '../src/family-cards/family-cards.service';
import { registrar, residentDto, VILLAGE_A, VILLAGE_OUTSIDE } from './builders';
import { type PopulationTestApp, startPopulationApp } from './population-app';

describe(`${FamilyCardsService.name} over NATS`, () => {
  let t: PopulationTestApp;
  const actor = registrar();

  beforeAll(async () => {
    t = await startPopulationApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const register = (overrides: Parameters<typeof residentDto>[0] = {}): Promise<RegisteredResidentView> =>
    t.send(POPULATION_RESIDENTS_REGISTER, { actor, resident: residentDto(overrides) });
  const create = (head: RegisteredResidentView) =>
    t.send(POPULATION_FAMILY_CARDS_CREATE, { actor, card: { headNik: head.nik } });
  const add = (
    card: FamilyCardView,
    member: RegisteredResidentView,
    relationship = FamilyRelationship.Anak,
  ) =>
    t.send(POPULATION_FAMILY_CARDS_ADD_MEMBER, {
      actor,
      number: card.number,
      member: { nik: member.nik, relationship },
    });

  it('issues a card numbered district + issue date DDMMYY (registry time zone) + serial, with its head', async () => {
    const head = await register({ fullName: 'Kepala Satu' });
    const card = await create(head);
    // The clock: 2026-11-30 10:00 in Jakarta. District of the head's village 3174041003: 317404.
    expect(card).toEqual({
      number: '3174043011260001',
      address: head.address,
      headNik: head.nik,
      needsNewHead: false,
      closedAt: null,
      issuedOn: '2026-11-30',
      members: [
        {
          nik: head.nik,
          fullName: 'Kepala Satu',
          relationship: FamilyRelationship.KepalaKeluarga,
          joinedAt: t.clock.now().toISOString(),
        },
      ],
      history: [
        {
          nik: head.nik,
          relationship: FamilyRelationship.KepalaKeluarga,
          joinedAt: t.clock.now().toISOString(),
          leftAt: null,
          leaveReason: null,
        },
      ],
    });
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: head.nik })).resolves.toMatchObject({
      familyCard: { number: card.number, relationship: FamilyRelationship.KepalaKeluarga },
    });
    const second = await create(await register());
    expect(second.number).toBe('3174043011260002');
  });

  it('starts the serial again for another issue date and another district', async () => {
    t.clock.set('2026-11-30T17:30:00.000Z'); // 2026-12-01 00:30 in Jakarta
    try {
      const card = await create(await register());
      expect(card.number).toBe('3174040112260001');
      expect(card.issuedOn).toBe('2026-12-01');
      const otherDistrict = await create(
        await register({ address: { villageCode: '3174051001', rt: '001', rw: '001', street: 'Jl. Lain' } }),
      );
      expect(otherDistrict.number).toBe('3174050112260001');
    } finally {
      t.clock.set('2026-11-30T03:00:00.000Z');
    }
  });

  it('gives concurrent issues of one district and day distinct consecutive numbers', async () => {
    t.clock.set('2026-11-29T03:00:00.000Z');
    try {
      const heads = await Promise.all(Array.from({ length: 8 }, () => register()));
      const cards = await Promise.all(heads.map((h) => create(h)));
      expect(cards.map((c) => c.number).sort()).toEqual(
        Array.from({ length: 8 }, (_, i) => `317404291126${String(i + 1).padStart(4, '0')}`),
      );
    } finally {
      t.clock.set('2026-11-30T03:00:00.000Z');
    }
  });

  it('adds members after the head and shows them with their relationship', async () => {
    const head = await register({ fullName: 'Ayah' });
    const wife = await register({ fullName: 'Ibu' });
    const child = await register({ fullName: 'Anak' });
    const card = await create(head);
    t.clock.advance(1000);
    await add(card, child, FamilyRelationship.Anak);
    t.clock.advance(1000);
    const updated = await add(card, wife, FamilyRelationship.Istri);
    expect(updated.members.map((m) => [m.fullName, m.relationship])).toEqual([
      ['Ayah', FamilyRelationship.KepalaKeluarga],
      ['Anak', FamilyRelationship.Anak],
      ['Ibu', FamilyRelationship.Istri],
    ]);
    await expect(t.send(POPULATION_FAMILY_CARDS_GET, { actor, number: card.number })).resolves.toEqual(
      updated,
    );
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: wife.nik })).resolves.toMatchObject({
      familyCard: { number: card.number, relationship: FamilyRelationship.Istri },
    });
  });

  it('keeps a person on at most one card: ALREADY_IN_FAMILY_CARD 409 for a head or member elsewhere', async () => {
    const head = await register();
    const card = await create(head);
    const member = await register();
    await add(card, member);
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_CREATE, { actor, card: { headNik: member.nik } }),
    ).resolves.toMatchObject({
      code: ErrorCode.ALREADY_IN_FAMILY_CARD,
      status: 409,
    });
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_CREATE, { actor, card: { headNik: head.nik } }),
    ).resolves.toMatchObject({
      code: ErrorCode.ALREADY_IN_FAMILY_CARD,
    });
    const other = await create(await register());
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_ADD_MEMBER, {
        actor,
        number: other.number,
        member: { nik: member.nik, relationship: FamilyRelationship.Anak },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.ALREADY_IN_FAMILY_CARD, status: 409 });
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_ADD_MEMBER, {
        actor,
        number: card.number,
        member: { nik: member.nik, relationship: FamilyRelationship.Anak },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.ALREADY_IN_FAMILY_CARD });
  });

  it('lets exactly one of two concurrent additions of one person to two cards win', async () => {
    const [cardA, cardB] = await Promise.all([create(await register()), create(await register())]);
    const person = await register();
    const outcomes = await Promise.allSettled([add(cardA, person), add(cardB, person)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [lost] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect((lost.reason as { body: { code: string } }).body.code).toBe(ErrorCode.ALREADY_IN_FAMILY_CARD);
  });

  it('enforces one current card per person in the database itself, not only in the service', async () => {
    const card = await create(await register());
    const person = await register();
    const [{ id: cardId }] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM family_cards WHERE number = $1`,
      [card.number],
    );
    const insert = (id: string) =>
      t.dataSource.query(
        `INSERT INTO family_card_members (id, family_card_id, resident_id, relationship, joined_at) VALUES ($1, $2, $3, 'ANAK', now())`,
        [id, cardId, person.id],
      );
    await insert('00000000-0000-4000-8000-000000000001');
    await expect(insert('00000000-0000-4000-8000-000000000002')).rejects.toThrow(QueryFailedError);
    await expect(insert('00000000-0000-4000-8000-000000000002')).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'family_card_members_one_active_card_uq' },
    });
  });

  it('removes a member with a reason, keeps the membership in the history, and lets them join another card', async () => {
    const head = await register();
    const child = await register({ fullName: 'Anak Pindah' });
    const card = await create(head);
    const joined = t.clock.now().toISOString();
    await add(card, child);
    t.clock.advance(86_400_000);
    const after = await t.send(POPULATION_FAMILY_CARDS_REMOVE_MEMBER, {
      actor,
      number: card.number,
      nik: child.nik,
      removal: { reason: 'Menikah, pisah KK' },
    });
    expect(after.members.map((m) => m.nik)).toEqual([head.nik]);
    expect(after.history).toEqual([
      expect.objectContaining({ nik: head.nik, leftAt: null }),
      {
        nik: child.nik,
        relationship: FamilyRelationship.Anak,
        joinedAt: joined,
        leftAt: t.clock.now().toISOString(),
        leaveReason: 'Menikah, pisah KK',
      },
    ]);
    await expect(t.send(POPULATION_RESIDENTS_GET, { actor, nik: child.nik })).resolves.toMatchObject({
      familyCard: null,
    });

    const ownCard = await create(child);
    expect(ownCard.headNik).toBe(child.nik);
  });

  it('refuses to let the head leave (HEAD_CANNOT_LEAVE 422) and answers a non-member as NOT_A_FAMILY_MEMBER 404', async () => {
    const head = await register();
    const card = await create(head);
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_REMOVE_MEMBER, {
        actor,
        number: card.number,
        nik: head.nik,
        removal: { reason: 'x' },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.HEAD_CANNOT_LEAVE, status: 422 });
    const stranger = await register();
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_REMOVE_MEMBER, {
        actor,
        number: card.number,
        nik: stranger.nik,
        removal: { reason: 'x' },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.NOT_A_FAMILY_MEMBER, status: 404 });
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_REMOVE_MEMBER, {
        actor,
        number: card.number,
        nik: stranger.nik,
        removal: { reason: '' },
      }),
    ).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'reason' })],
    });
  });

  it('refuses a second head through validation, naming relationship', async () => {
    const card = await create(await register());
    const person = await register();
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_ADD_MEMBER, {
        actor,
        number: card.number,
        member: { nik: person.nik, relationship: FamilyRelationship.KepalaKeluarga },
      }),
    ).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'relationship' })],
    });
  });

  it('takes only living residents: RESIDENT_DECEASED, RESIDENT_MOVED_OUT or RESIDENT_NOT_ACTIVE (missing) 422', async () => {
    const card = await create(await register());
    for (const [status, code] of [
      ['MATI', ErrorCode.RESIDENT_DECEASED],
      ['PINDAH', ErrorCode.RESIDENT_MOVED_OUT],
      ['HILANG', ErrorCode.RESIDENT_NOT_ACTIVE],
    ] as const) {
      const person = await register();
      await t.dataSource.query(`UPDATE residents SET status = $2 WHERE id = $1`, [person.id, status]);
      await expect(
        t.rpcError(POPULATION_FAMILY_CARDS_CREATE, { actor, card: { headNik: person.nik } }),
      ).resolves.toMatchObject({ code, status: 422 });
      await expect(
        t.rpcError(POPULATION_FAMILY_CARDS_ADD_MEMBER, {
          actor,
          number: card.number,
          member: { nik: person.nik, relationship: FamilyRelationship.Anak },
        }),
      ).resolves.toMatchObject({ code, status: 422 });
    }
  });

  it('answers cards and residents outside the jurisdiction as not found', async () => {
    const card = await create(await register());
    const outsider = registrar({ jurisdiction: ['3201'] });
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_GET, { actor: outsider, number: card.number }),
    ).resolves.toMatchObject({
      code: ErrorCode.FAMILY_CARD_NOT_FOUND,
      status: 404,
    });
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_GET, { actor, number: '3174043011269999' }),
    ).resolves.toMatchObject({
      code: ErrorCode.FAMILY_CARD_NOT_FOUND,
    });
    const elsewhere = await t.send(POPULATION_RESIDENTS_REGISTER, {
      actor: outsider,
      resident: residentDto({
        address: { villageCode: VILLAGE_OUTSIDE, rt: '001', rw: '001', street: 'Jl. Bogor' },
      }),
    });
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_CREATE, { actor, card: { headNik: elsewhere.nik } }),
    ).resolves.toMatchObject({
      code: ErrorCode.RESIDENT_NOT_FOUND,
    });
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_ADD_MEMBER, {
        actor,
        number: card.number,
        member: { nik: elsewhere.nik, relationship: FamilyRelationship.Anak },
      }),
    ).resolves.toMatchObject({ code: ErrorCode.RESIDENT_NOT_FOUND });
    await expect(
      t.rpcError(POPULATION_FAMILY_CARDS_GET, { actor, number: '3174-04' }),
    ).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'number' })],
    });
  });

  it('records each card read and change in the access log with every resident shown', async () => {
    const head = await register();
    const member = await register();
    const card = await create(head);
    await add(card, member);
    await t.send(POPULATION_FAMILY_CARDS_GET, {
      actor: registrar({ sub: 'kk-reader', requestId: 'req-kk' }),
      number: card.number,
    });
    const rows = await t.dataSource.query<{ action: string; resident_ids: string[]; request_id: string }[]>(
      `SELECT l.action, l.resident_ids, l.request_id FROM data_access_log l
         JOIN family_cards c ON c.id = l.family_card_id WHERE c.number = $1 ORDER BY l.id`,
      [card.number],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'FAMILY_CARD_CREATE',
      'FAMILY_CARD_ADD_MEMBER',
      'FAMILY_CARD_READ',
    ]);
    expect(rows[2].resident_ids.sort()).toEqual([head.id, member.id].sort());
    expect(rows[2].request_id).toBe('req-kk');
  });

  it('writes a FAMILY_CARD_CHANGED_V1 event per change in the same transaction, with the full current members', async () => {
    const head = await register();
    const member = await register();
    const card = await create(head);
    await add(card, member, FamilyRelationship.Istri);
    await t.send(POPULATION_FAMILY_CARDS_REMOVE_MEMBER, {
      actor,
      number: card.number,
      nik: member.nik,
      removal: { reason: 'Cerai' },
    });
    const rows = await t.dataSource.query<{ envelope: { subject: string; data: Record<string, unknown> } }[]>(
      `SELECT envelope FROM outbox WHERE envelope->'data'->>'familyCardNumber' = $1 ORDER BY created_at, position`,
      [card.number],
    );
    const [{ id: cardId }] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM family_cards WHERE number = $1`,
      [card.number],
    );
    expect(rows.map((r) => r.envelope.subject)).toEqual([cardId, cardId, cardId]);
    expect(rows.map((r) => r.envelope.data)).toEqual([
      {
        familyCardNumber: card.number,
        villageCode: VILLAGE_A,
        change: 'CREATED',
        affectedNik: head.nik,
        headNik: head.nik,
        members: [{ nik: head.nik, relationship: FamilyRelationship.KepalaKeluarga }],
        changedAt: expect.any(String),
      },
      expect.objectContaining({
        change: 'MEMBER_ADDED',
        affectedNik: member.nik,
        members: [
          { nik: head.nik, relationship: FamilyRelationship.KepalaKeluarga },
          { nik: member.nik, relationship: FamilyRelationship.Istri },
        ],
      }),
      expect.objectContaining({
        change: 'MEMBER_REMOVED',
        affectedNik: member.nik,
        members: [{ nik: head.nik, relationship: FamilyRelationship.KepalaKeluarga }],
      }),
    ]);
  });
});
