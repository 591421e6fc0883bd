import {
  IMPORT_COLUMNS,
  ImportColumn,
  normalizeHeaderName,
  resolveImportHeader,
  toImportValues,
} from './import-columns';

describe(resolveImportHeader.name, () => {
  const SIAK = [
    'NO_KK',
    'NIK',
    'NAMA_LGKP',
    'JENIS_KLMIN',
    'TMPT_LHR',
    'TGL_LHR',
    'AGAMA',
    'STAT_KWN',
    'PDDK_AKH',
    'JENIS_PKRJN',
    'STAT_HBKEL',
    'ALAMAT',
    'NO_RT',
    'NO_RW',
  ];

  it('places each layout column, keeps the header as written, and ignores columns it does not read', () => {
    const result = resolveImportHeader(['GOL_DRH', ...SIAK.slice(0, 13), ' No. RW ', 'kode-desa']);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.header.positions[ImportColumn.NoKk]).toBe(1);
    expect(result.header.positions[ImportColumn.NoRw]).toBe(14);
    expect(result.header.names[ImportColumn.NoRw]).toBe('No. RW');
    expect(result.header.names[ImportColumn.KodeDesa]).toBe('kode-desa');
    expect(result.header.width).toBe(16);
    const values = toImportValues(result.header, [
      'A',
      ...SIAK.slice(0, 13).map((_, i) => `v${i}`),
      '7',
      '3174091005',
    ]);
    expect(values).toHaveLength(IMPORT_COLUMNS.length);
    expect(values[IMPORT_COLUMNS.indexOf(ImportColumn.KodeDesa)]).toBe('3174091005');
    expect(values[IMPORT_COLUMNS.indexOf(ImportColumn.Dusun)]).toBe('');
  });

  it('accepts the village in four parts, and aliases from other SIAK versions', () => {
    const header = [
      ...SIAK.filter((c) => c !== 'STAT_KWN' && c !== 'PDDK_AKH'),
      'STATUS_KAWIN',
      'PENDIDIKAN',
      'NO_PROP',
      'NO_KAB',
      'NO_KEC',
      'NO_KEL',
    ];
    const result = resolveImportHeader(header);
    expect(result.ok && result.header.names).toMatchObject({
      STAT_KWN: 'STATUS_KAWIN',
      PDDK_AKH: 'PENDIDIKAN',
      NO_KEL: 'NO_KEL',
    });
  });

  it('names every missing or doubled column on the file', () => {
    expect(resolveImportHeader(['NIK', 'NIK', 'NO_PROP'])).toEqual({
      ok: false,
      errors: expect.arrayContaining([
        { field: 'file', code: 'duplicateColumn', message: 'column NIK appears twice in the header' },
        { field: 'file', code: 'missingColumn', message: 'the header has no NO_KK column' },
        expect.objectContaining({ code: 'missingColumn', message: expect.stringContaining('KODE_DESA') }),
      ]),
    });
  });

  it('normalizes header spellings', () => {
    expect(normalizeHeaderName(' Stat-Hbkel ')).toBe('STAT_HBKEL');
    expect(normalizeHeaderName('No. KK')).toBe('NO_KK');
  });
});
