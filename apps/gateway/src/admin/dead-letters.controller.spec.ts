import {
  type DeadLetterView,
  deadLettersListSubject,
  deadLettersReplaySubject,
  ErrorCode,
  Role,
} from '@terpadu/contracts';
import { ServiceCallError } from '@terpadu/messaging';
import { TimeoutError } from 'rxjs';
import { rolesExcept } from '../../test/fixtures';
import { createSpecApp, problemOf, type SpecApp } from '../../test/spec-app';
import { DeadLettersController } from './dead-letters.controller';

const ID = '0b9f6a52-6a43-4c4c-9d2c-2f0a8f4b1c11';

function letter(service: string, id: string, parkedAt: string): DeadLetterView {
  return {
    id,
    service,
    consumer: `${service}.resident-registered`,
    eventId: '5f0c1d1e-1111-4222-8333-444455556666',
    eventType: 'evt.population.resident.registered.v1',
    attempts: 5,
    error: 'boom',
    parkedAt,
    replayedAt: null,
  };
}

const notFound = (service: string) =>
  new ServiceCallError(
    { code: ErrorCode.DEAD_LETTER_NOT_FOUND, status: 404, detail: 'No such dead letter' },
    deadLettersReplaySubject(service),
  );

describe(DeadLettersController.name, () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp({ DEAD_LETTER_SERVICES: 'population,health,education' });
  });
  afterAll(() => spec.close());
  beforeEach(() => spec.rpc.reset());

  const admin = { roles: [Role.Admin] };

  it('is for admins only', async () => {
    expect((await spec.request({ method: 'GET', url: '/v1/admin/dead-letters', as: null })).statusCode).toBe(
      401,
    );
    for (const role of rolesExcept([Role.Admin])) {
      const list = await spec.request({
        method: 'GET',
        url: '/v1/admin/dead-letters',
        as: { roles: [role] },
      });
      const replay = await spec.request({
        method: 'POST',
        url: `/v1/admin/dead-letters/${ID}/replay`,
        as: { roles: [role] },
      });
      expect({ role, list: list.statusCode, replay: replay.statusCode }).toEqual({
        role,
        list: 403,
        replay: 403,
      });
    }
    expect(spec.rpc.calls).toHaveLength(0);
  });

  it('asks every service, merges newest first and names the services that did not answer', async () => {
    spec.rpc.answer(deadLettersListSubject('population'), () => ({
      items: [
        letter('population', 'a1', '2026-03-01T10:00:00.000Z'),
        letter('population', 'a2', '2026-03-01T08:00:00.000Z'),
      ],
    }));
    spec.rpc.answer(deadLettersListSubject('health'), () => ({
      items: [letter('health', 'b1', '2026-03-01T09:00:00.000Z')],
    }));
    spec.rpc.answer(deadLettersListSubject('education'), () => {
      throw ServiceCallError.from(new TimeoutError(), deadLettersListSubject('education'), 5000);
    });
    const res = await spec.request({
      method: 'GET',
      url: '/v1/admin/dead-letters?includeReplayed=true',
      as: admin,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: DeadLetterView[]; unavailable: string[] }>();
    expect(body.items.map((item) => item.id)).toEqual(['a1', 'b1', 'a2']);
    expect(body.unavailable).toEqual(['education']);
    expect(spec.rpc.calls.map((call) => [call.subject, call.request.includeReplayed])).toEqual([
      ['rpc.population.dead-letters.list', true],
      ['rpc.health.dead-letters.list', true],
      ['rpc.education.dead-letters.list', true],
    ]);
    expect(spec.rpc.calls[0].request.actor).toMatchObject({ roles: [Role.Admin] });
  });

  it('lists only unreplayed letters by default and checks the query', async () => {
    spec.rpc.answer(deadLettersListSubject('population'), () => ({ items: [] }));
    const res = await spec.request({ method: 'GET', url: '/v1/admin/dead-letters', as: admin });
    expect(res.json()).toEqual({ items: [], unavailable: ['health', 'education'] });
    expect(spec.rpc.calls[0].request.includeReplayed).toBe(false);
    const bad = await spec.request({
      method: 'GET',
      url: '/v1/admin/dead-letters?includeReplayed=yes',
      as: admin,
    });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors).toEqual([
      expect.objectContaining({ field: 'includeReplayed', code: 'isBoolean' }),
    ]);
  });

  it('replays through the service that holds the letter', async () => {
    spec.rpc.answer(deadLettersReplaySubject('population'), () => {
      throw notFound('population');
    });
    spec.rpc.answer(deadLettersReplaySubject('health'), (request) => ({
      ...letter('health', request.id as string, '2026-03-01T09:00:00.000Z'),
      replayedAt: '2026-03-02T08:00:00.000Z',
    }));
    spec.rpc.answer(deadLettersReplaySubject('education'), () => {
      throw notFound('education');
    });
    const res = await spec.request({ method: 'POST', url: `/v1/admin/dead-letters/${ID}/replay`, as: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: ID, service: 'health', replayedAt: '2026-03-02T08:00:00.000Z' });
  });

  it('answers 404 DEAD_LETTER_NOT_FOUND when every service answered that it has no such letter', async () => {
    for (const service of ['population', 'health', 'education']) {
      spec.rpc.answer(deadLettersReplaySubject(service), () => {
        throw notFound(service);
      });
    }
    const res = await spec.request({ method: 'POST', url: `/v1/admin/dead-letters/${ID}/replay`, as: admin });
    expect(res.statusCode).toBe(404);
    expect(problemOf(res).code).toBe(ErrorCode.DEAD_LETTER_NOT_FOUND);
  });

  it('answers 503 when it was not found but a service did not answer (it may hold it)', async () => {
    spec.rpc.answer(deadLettersReplaySubject('population'), () => {
      throw notFound('population');
    });
    spec.rpc.answer(deadLettersReplaySubject('health'), () => {
      throw notFound('health');
    });
    const res = await spec.request({ method: 'POST', url: `/v1/admin/dead-letters/${ID}/replay`, as: admin });
    expect(res.statusCode).toBe(503);
    expect(problemOf(res)).toMatchObject({
      code: ErrorCode.SERVICE_UNAVAILABLE,
      detail: expect.stringContaining('education'),
    });
  });

  it("passes the owner's refusal through (already replayed)", async () => {
    spec.rpc.answer(deadLettersReplaySubject('population'), () => {
      throw new ServiceCallError(
        { code: ErrorCode.DEAD_LETTER_ALREADY_REPLAYED, status: 409, detail: 'Already replayed' },
        deadLettersReplaySubject('population'),
      );
    });
    spec.rpc.answer(deadLettersReplaySubject('health'), () => {
      throw notFound('health');
    });
    const res = await spec.request({ method: 'POST', url: `/v1/admin/dead-letters/${ID}/replay`, as: admin });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res).code).toBe(ErrorCode.DEAD_LETTER_ALREADY_REPLAYED);
  });

  it('checks the id before asking anyone', async () => {
    const res = await spec.request({ method: 'POST', url: '/v1/admin/dead-letters/42/replay', as: admin });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).errors).toEqual([expect.objectContaining({ field: 'id', code: 'isUuid' })]);
    expect(spec.rpc.calls).toHaveLength(0);
  });
});
