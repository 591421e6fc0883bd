import { ErrorCode, POPULATION_MOVES_IN, POPULATION_MOVES_OUT, Role } from '@terpadu/contracts';
import { EXPECTED_ACCESS } from '../../test/access-matrix';
import { describeEndpointContract, expectInvalid } from '../../test/endpoint-contract';
import { createSpecApp, type SpecApp } from '../../test/spec-app';
import { MovesController } from './moves.controller';

const OUT = {
  nik: '3174041403880001',
  destinationRegionCode: '3273',
  movedOn: '2026-02-20',
  reason: 'Pekerjaan',
};
const IN = {
  people: [
    {
      nik: '3273011010800001',
      relationship: 'KEPALA_KELUARGA',
      person: {
        fullName: 'Agus Pendatang',
        birthPlace: 'Bandung',
        birthDate: '1980-10-10',
        sex: 'LAKI_LAKI',
        religion: 'ISLAM',
        maritalStatus: 'KAWIN',
        occupation: 'Guru',
        educationLevel: 'D4_S1',
      },
    },
  ],
  address: { villageCode: '3174041004', rt: '007', rw: '003', street: 'Jl. Mawar No. 3' },
  originRegionCode: '3273',
  movedOn: '2026-02-25',
};

describe(MovesController.name, () => {
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
        name: 'POST /v1/moves/out',
        request: { method: 'POST', url: '/v1/moves/out', payload: OUT },
        subject: POPULATION_MOVES_OUT,
        allowed: EXPECTED_ACCESS.registerLifeEvents,
        status: 201,
        forwarded: { move: OUT },
        domainError: { code: ErrorCode.RESIDENT_DECEASED, status: 422 },
      },
      {
        name: 'POST /v1/moves/in',
        request: { method: 'POST', url: '/v1/moves/in', payload: IN },
        subject: POPULATION_MOVES_IN,
        allowed: EXPECTED_ACCESS.registerLifeEvents,
        status: 201,
        forwarded: { move: IN },
        domainError: { code: ErrorCode.NIK_ALREADY_REGISTERED, status: 409 },
      },
    ],
  );

  it.each([
    [{ destinationRegionCode: '327' }, 'destinationRegionCode', 'isRegionCode'],
    [{ destinationRegionCode: '99' }, 'destinationRegionCode', 'isRegionCode'],
    [{ movedOn: '2026-13-01' }, 'movedOn', 'isDateString'],
    [{ reason: '' }, 'reason', 'isNotEmpty'],
  ])('refuses a move out with %j', async (override, field, code) => {
    await expectInvalid(
      spec,
      { method: 'POST', url: '/v1/moves/out', payload: { ...OUT, ...override } },
      Role.Registrar,
      [{ field, code }],
    );
  });

  it('needs nik or familyCardNumber for a move out', async () => {
    const { nik: _nik, ...withoutNik } = OUT;
    await expectInvalid(spec, { method: 'POST', url: '/v1/moves/out', payload: withoutNik }, Role.Registrar, [
      { field: 'nik', code: 'isNik' },
    ]);
  });

  it('checks each person of a move in, by index', async () => {
    await expectInvalid(
      spec,
      {
        method: 'POST',
        url: '/v1/moves/in',
        payload: { ...IN, people: [{ ...IN.people[0], nik: '3273013210800001', relationship: 'TEMAN' }] },
      },
      Role.Registrar,
      [
        { field: 'people.0.nik', code: 'isNik' },
        { field: 'people.0.relationship', code: 'isEnum' },
      ],
    );
    await expectInvalid(
      spec,
      { method: 'POST', url: '/v1/moves/in', payload: { ...IN, people: [] } },
      Role.Registrar,
      [{ field: 'people', code: 'arrayMinSize' }],
    );
    const { address: _address, ...withoutCard } = IN;
    await expectInvalid(spec, { method: 'POST', url: '/v1/moves/in', payload: withoutCard }, Role.Registrar, [
      { field: 'familyCardNumber', code: 'matches' },
    ]);
  });
});
