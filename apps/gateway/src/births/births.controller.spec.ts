import { ErrorCode, POPULATION_BIRTHS_REGISTER, Role } from '@terpadu/contracts';
import { EXPECTED_ACCESS } from '../../test/access-matrix';
import { describeEndpointContract, expectInvalid } from '../../test/endpoint-contract';
import { createSpecApp, type SpecApp } from '../../test/spec-app';
import { BirthsController } from './births.controller';

const BIRTH = {
  motherNik: '3174044707910002',
  fatherNik: '3174041403880001',
  fullName: 'Putri Lestari',
  sex: 'PEREMPUAN',
  birthDate: '2026-02-28',
  birthTime: '06:45',
  birthPlace: 'RSUD Pasar Minggu',
  weightGrams: 3200,
  lengthCm: 49.5,
  familyCardNumber: '3174040102260001',
  districtCode: '317404',
};

describe(BirthsController.name, () => {
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
        name: 'POST /v1/births',
        request: { method: 'POST', url: '/v1/births', payload: BIRTH },
        subject: POPULATION_BIRTHS_REGISTER,
        allowed: EXPECTED_ACCESS.registerLifeEvents,
        status: 201,
        forwarded: { birth: BIRTH },
        domainError: { code: ErrorCode.PARENT_NOT_IN_FAMILY_CARD, status: 422 },
      },
    ],
  );

  it.each([
    [{ motherNik: '3174043102910002' }, 'motherNik', 'isNik'],
    [{ fatherNik: '12' }, 'fatherNik', 'isNik'],
    [{ birthDate: '2026-02-30' }, 'birthDate', 'isDateString'],
    [{ birthTime: '6:45' }, 'birthTime', 'matches'],
    [{ weightGrams: 8000 }, 'weightGrams', 'max'],
    [{ lengthCm: 10 }, 'lengthCm', 'min'],
    [{ sex: 'L' }, 'sex', 'isEnum'],
    [{ familyCardNumber: '31740401022600' }, 'familyCardNumber', 'matches'],
    [{ districtCode: '3174' }, 'districtCode', 'isRegionCode'],
    [{ districtCode: '997404' }, 'districtCode', 'isRegionCode'],
    [{ nik: '3174044707910002' }, 'nik', 'whitelistValidation'],
  ])('refuses %j with 400 on %s', async (override, field, code) => {
    await expectInvalid(
      spec,
      { method: 'POST', url: '/v1/births', payload: { ...BIRTH, ...override } },
      Role.Registrar,
      [{ field, code }],
    );
  });
});
