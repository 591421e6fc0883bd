import { ErrorCode, POPULATION_DEATHS_REGISTER, Role } from '@terpadu/contracts';
import { ServiceCallError } from '@terpadu/messaging';
import { EXPECTED_ACCESS } from '../../test/access-matrix';
import { describeEndpointContract, expectInvalid } from '../../test/endpoint-contract';
import { createSpecApp, type SpecApp } from '../../test/spec-app';
import { DeathsController } from './deaths.controller';

const DEATH = {
  nik: '3174041403880001',
  dateOfDeath: '2026-02-27',
  placeOfDeath: 'Rumah',
  causeCategory: 'SAKIT_BIASA',
  reporter: { nik: '3174044707910002', relationship: 'PASANGAN' },
};

describe(DeathsController.name, () => {
  let spec: SpecApp;
  beforeAll(async () => {
    spec = await createSpecApp();
  });
  afterAll(() => spec.close());
  beforeEach(() => spec.rpc.reset());

  describeEndpointContract(
    () => spec,
    [
      {
        name: 'POST /v1/deaths',
        request: { method: 'POST', url: '/v1/deaths', payload: DEATH },
        subject: POPULATION_DEATHS_REGISTER,
        allowed: EXPECTED_ACCESS.registerLifeEvents,
        status: 201,
        forwarded: { death: DEATH },
        domainError: { code: ErrorCode.DEATH_ALREADY_REGISTERED, status: 409 },
      },
    ],
  );

  it('passes DEATH_BEFORE_BIRTH through as 422', async () => {
    spec.rpc.answer(POPULATION_DEATHS_REGISTER, () => {
      throw new ServiceCallError(
        { code: ErrorCode.DEATH_BEFORE_BIRTH, status: 422, detail: 'before birth' },
        POPULATION_DEATHS_REGISTER,
      );
    });
    const res = await spec.request({
      method: 'POST',
      url: '/v1/deaths',
      payload: DEATH,
      as: { roles: [Role.Registrar] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: ErrorCode.DEATH_BEFORE_BIRTH,
      type: 'urn:terpadu:problem:death-before-birth',
    });
  });

  it.each([
    [
      { dateOfDeath: '27-02-2026' },
      [
        { field: 'dateOfDeath', code: 'matches' },
        { field: 'dateOfDeath', code: 'isDateString' },
      ],
    ],
    [{ causeCategory: 'SAKIT' }, [{ field: 'causeCategory', code: 'isEnum' }]],
    [
      { reporter: { relationship: 'TETANGGA' } },
      [
        { field: 'reporter.name', code: 'maxLength' },
        { field: 'reporter.name', code: 'isNotEmpty' },
        { field: 'reporter.name', code: 'isString' },
      ],
    ],
    [
      { reporter: { name: 'Siti', relationship: 'TEMAN' } },
      [{ field: 'reporter.relationship', code: 'isEnum' }],
    ],
    [
      { reporter: 'Siti' },
      [
        { field: 'reporter', code: 'isObject' },
        { field: 'reporter', code: 'nestedValidation' },
      ],
    ],
  ])('refuses %j with 400', async (override, errors) => {
    await expectInvalid(
      spec,
      { method: 'POST', url: '/v1/deaths', payload: { ...DEATH, ...override } },
      Role.Registrar,
      errors,
    );
  });
});
