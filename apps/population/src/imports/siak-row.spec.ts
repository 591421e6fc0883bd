import {
  EducationLevel,
  FamilyRelationship,
  ImportColumn,
  IMPORT_COLUMNS,
  ImportRejectReason,
  MaritalStatus,
  Religion,
  Sex,
} from '@terpadu/contracts';
import {
  familyCardKey,
  isHeadOfFamily,
  nikOfRow,
  parseFamilyCardNumber,
  parseSiakDate,
  readSiakRow,
  rejectionForFieldError,
} from './siak-row';

const TODAY = '2026-11-30';
const row = (fields: Partial<Record<ImportColumn, string>>) =>
  IMPORT_COLUMNS.map(
    (c) =>
      ({
        [ImportColumn.NoKk]: '3174091203150001',
        [ImportColumn.Nik]: '3174091705800001',
        [ImportColumn.NamaLgkp]: 'BUDI SANTOSO',
        [ImportColumn.JenisKlmin]: 'LAKI-LAKI',
        [ImportColumn.TmptLhr]: 'JAKARTA',
        [ImportColumn.TglLhr]: '17-05-1980',
        [ImportColumn.Agama]: 'ISLAM',
        [ImportColumn.StatKwn]: 'KAWIN',
        [ImportColumn.PddkAkh]: 'SLTA/SEDERAJAT',
        [ImportColumn.JenisPkrjn]: 'KARYAWAN SWASTA',
        [ImportColumn.StatHbkel]: 'KEPALA KELUARGA',
        [ImportColumn.Alamat]: 'JL. KEMUNING NO. 7',
        [ImportColumn.NoRt]: '3',
        [ImportColumn.NoRw]: '05',
        [ImportColumn.NoProp]: '31',
        [ImportColumn.NoKab]: '74',
        [ImportColumn.NoKec]: '9',
        [ImportColumn.NoKel]: '1005',
        ...fields,
      })[c] ?? '',
  );
const read = (fields: Partial<Record<ImportColumn, string>>, village = ImportColumn.NoKel) =>
  readSiakRow(row(fields), TODAY, village);
const rejection = (fields: Partial<Record<ImportColumn, string>>, village = ImportColumn.NoKel) => {
  const result = read(fields, village);
  return result.ok ? undefined : { reason: result.rejection.reason, column: result.rejection.column };
};

describe(readSiakRow.name, () => {
  it('reads a SIAK row into a registration, its family card and SHDK', () => {
    expect(read({})).toEqual({
      ok: true,
      row: {
        nik: '3174091705800001',
        resident: {
          nik: '3174091705800001',
          fullName: 'BUDI SANTOSO',
          birthPlace: 'JAKARTA',
          birthDate: '1980-05-17',
          sex: Sex.Male,
          religion: Religion.Islam,
          maritalStatus: MaritalStatus.Kawin,
          occupation: 'KARYAWAN SWASTA',
          educationLevel: EducationLevel.Sma,
          address: { villageCode: '3174091005', rt: '003', rw: '005', street: 'JL. KEMUNING NO. 7' },
        },
        familyCardNumber: '3174091203150001',
        familyCardIssuedOn: '2015-03-12',
        relationship: FamilyRelationship.KepalaKeluarga,
      },
    });
  });

  it.each([
    [ImportColumn.JenisKlmin, '2', 'sex', Sex.Female],
    [ImportColumn.JenisKlmin, 'perempuan', 'sex', Sex.Female],
    [ImportColumn.JenisKlmin, 'L', 'sex', Sex.Male],
    [ImportColumn.Agama, 'KATHOLIK', 'religion', Religion.Katolik],
    [ImportColumn.Agama, 'Budha', 'religion', Religion.Buddha],
    [ImportColumn.Agama, 'KEPERCAYAAN TERHADAP TUHAN YME', 'religion', Religion.Kepercayaan],
    [ImportColumn.Agama, '6', 'religion', Religion.Konghucu],
    [ImportColumn.StatKwn, 'KAWIN TERCATAT', 'maritalStatus', MaritalStatus.Kawin],
    [ImportColumn.StatKwn, 'CERAI_MATI', 'maritalStatus', MaritalStatus.CeraiMati],
    [ImportColumn.PddkAkh, 'TIDAK/BELUM SEKOLAH', 'educationLevel', EducationLevel.TidakSekolah],
    [ImportColumn.PddkAkh, 'AKADEMI/DIPLOMA III/S. MUDA', 'educationLevel', EducationLevel.D3],
    [ImportColumn.PddkAkh, 'DIPLOMA IV/STRATA I', 'educationLevel', EducationLevel.D4S1],
    [ImportColumn.PddkAkh, '10', 'educationLevel', EducationLevel.S3],
    [ImportColumn.TglLhr, '1980-05-17', 'birthDate', '1980-05-17'],
    [ImportColumn.TglLhr, '17/5/1980', 'birthDate', '1980-05-17'],
  ])('maps %s %j to %s %s', (column, value, field, expected) => {
    const result = read({ [column]: value });
    if (!result.ok) throw new Error(result.rejection.message);
    expect((result.row.resident as unknown as Record<string, unknown>)[field]).toBe(expected);
  });

  it.each([
    ['ISTRI', FamilyRelationship.Istri],
    ['3', FamilyRelationship.Istri],
    ['ORANG TUA', FamilyRelationship.OrangTua],
    ['famili lain', FamilyRelationship.FamiliLain],
    ['11', FamilyRelationship.Lainnya],
  ])('reads SHDK %j as %s', (value, relationship) => {
    const result = read({ [ImportColumn.StatHbkel]: value });
    expect(result.ok && result.row.relationship).toBe(relationship);
  });

  it('takes the village from KODE_DESA, dotted or not, when the file has that column', () => {
    const result = read(
      { [ImportColumn.KodeDesa]: '31.74.09.1005', [ImportColumn.NoKel]: '' },
      ImportColumn.KodeDesa,
    );
    expect(result.ok && result.row.resident.address.villageCode).toBe('3174091005');
  });

  it.each([
    [{ [ImportColumn.NoKk]: '' }, ImportRejectReason.MissingValue, ImportColumn.NoKk],
    [{ [ImportColumn.NoKk]: '317409120315000' }, ImportRejectReason.InvalidFormat, ImportColumn.NoKk],
    [{ [ImportColumn.NoKk]: '3174093202150001' }, ImportRejectReason.InvalidFormat, ImportColumn.NoKk],
    [{ [ImportColumn.NoKk]: '3174091203150000' }, ImportRejectReason.InvalidFormat, ImportColumn.NoKk],
    [{ [ImportColumn.Nik]: '3174091705800000' }, ImportRejectReason.InvalidNik, ImportColumn.Nik],
    [{ [ImportColumn.JenisKlmin]: 'X' }, ImportRejectReason.UnknownValue, ImportColumn.JenisKlmin],
    [{ [ImportColumn.TglLhr]: '29-02-2001' }, ImportRejectReason.InvalidDate, ImportColumn.TglLhr],
    [{ [ImportColumn.TglLhr]: '17 Mei 1980' }, ImportRejectReason.InvalidDate, ImportColumn.TglLhr],
    [{ [ImportColumn.JenisPkrjn]: '15' }, ImportRejectReason.UnknownValue, ImportColumn.JenisPkrjn],
    [{ [ImportColumn.StatHbkel]: 'TETANGGA' }, ImportRejectReason.UnknownValue, ImportColumn.StatHbkel],
    [{ [ImportColumn.NoRw]: '1000' }, ImportRejectReason.InvalidFormat, ImportColumn.NoRw],
    [{ [ImportColumn.NoKec]: '' }, ImportRejectReason.MissingValue, ImportColumn.NoKec],
    [{ [ImportColumn.NoKel]: '12345' }, ImportRejectReason.InvalidFormat, ImportColumn.NoKel],
    // The first fault in layout order is the one reported.
    [{ [ImportColumn.Nik]: 'x', [ImportColumn.Agama]: 'x' }, ImportRejectReason.InvalidNik, ImportColumn.Nik],
  ])('rejects %j as %s on %s', (fields, reason, column) => {
    expect(rejection(fields)).toEqual({ reason, column });
  });

  it('rejects a KODE_DESA that is not 10 digits on KODE_DESA', () => {
    expect(rejection({ [ImportColumn.KodeDesa]: '31.74.09' }, ImportColumn.KodeDesa)).toEqual({
      reason: ImportRejectReason.InvalidFormat,
      column: ImportColumn.KodeDesa,
    });
  });
});

describe(rejectionForFieldError.name, () => {
  it.each([
    ['nik', 'isNik', ImportRejectReason.InvalidNik, ImportColumn.Nik],
    ['birthDate', 'notInFuture', ImportRejectReason.InvalidDate, ImportColumn.TglLhr],
    ['fullName', 'maxLength', ImportRejectReason.InvalidFormat, ImportColumn.NamaLgkp],
    ['address.street', 'isNotEmpty', ImportRejectReason.MissingValue, ImportColumn.Alamat],
    ['address.villageCode', 'unknownVillage', ImportRejectReason.UnknownVillage, ImportColumn.NoKel],
    ['address.villageCode', 'withinJurisdiction', ImportRejectReason.OutsideJurisdiction, ImportColumn.NoKel],
  ])('maps %s/%s to %s on %s', (field, code, reason, column) => {
    expect(rejectionForFieldError({ field, code, message: 'm' }, ImportColumn.NoKel)).toEqual({
      reason,
      column,
      message: 'm',
    });
  });
});

describe('row keys', () => {
  it('reads the family, the head and the NIK of a row before anything else', () => {
    expect(familyCardKey(row({ [ImportColumn.NoKk]: ' 3174.0912 0315 0001 ' }))).toBe('3174091203150001');
    expect(isHeadOfFamily(row({ [ImportColumn.StatHbkel]: 'Kepala Keluarga' }))).toBe(true);
    expect(isHeadOfFamily(row({ [ImportColumn.StatHbkel]: '1' }))).toBe(true);
    expect(isHeadOfFamily(row({ [ImportColumn.StatHbkel]: 'ANAK' }))).toBe(false);
    expect(nikOfRow(row({ [ImportColumn.Nik]: '31.74.09 1705800001' }))).toBe('3174091705800001');
    expect(nikOfRow(row({ [ImportColumn.Nik]: '31740917058' }))).toBeNull();
  });
});

describe(parseSiakDate.name, () => {
  it('reads calendar dates without a time zone and refuses days that do not exist', () => {
    expect(parseSiakDate('29-02-2000')).toBe('2000-02-29');
    expect(parseSiakDate('31-04-2000')).toBeUndefined();
    expect(parseSiakDate('1-1-2000')).toBe('2000-01-01');
  });
});

describe(parseFamilyCardNumber.name, () => {
  it('resolves the issue year to the latest century not after today', () => {
    expect(parseFamilyCardNumber('3174091203260001', TODAY)).toEqual({
      ok: true,
      number: '3174091203260001',
      issuedOn: '2026-03-12',
    });
    expect(parseFamilyCardNumber('3174091212260001', TODAY)).toMatchObject({ issuedOn: '1926-12-12' });
    expect(parseFamilyCardNumber('9974091203150001', TODAY)).toMatchObject({ ok: false });
  });
});
