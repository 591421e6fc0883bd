import { createHash } from 'node:crypto';
import { parseNik, PROVINCES, Sex } from '@terpadu/contracts';
import { DEMO_VILLAGE_CODE, generateDemoVillage, toSiakCsv } from './demo-village';

const TODAY = '2026-11-30';
const iso = (dmy: string) => `${dmy.slice(6, 10)}-${dmy.slice(3, 5)}-${dmy.slice(0, 2)}`;

describe(generateDemoVillage.name, () => {
  const records = generateDemoVillage({ households: 300 });

  it('gives a few hundred households of about a thousand people in Tanjung Barat', () => {
    expect(new Set(records.map((r) => r.NO_KK)).size).toBe(300);
    expect(records.length).toBeGreaterThan(800);
    expect(records.length).toBeLessThan(1400);
    expect(new Set(records.map((r) => `${r.NO_PROP}.${r.NO_KAB}.${r.NO_KEC}.${r.NO_KEL}`))).toEqual(
      new Set(['31.74.9.1005']),
    );
    expect(DEMO_VILLAGE_CODE).toBe('3174091005');
  });

  it('issues distinct NIKs of district 317409 that encode each birth date and sex (+40 for women)', () => {
    expect(new Set(records.map((r) => r.NIK)).size).toBe(records.length);
    for (const r of records) {
      const nik = parseNik(r.NIK, TODAY);
      if (!nik.ok) throw new Error(`${r.NIK}: ${nik.message}`);
      expect({
        nik: r.NIK,
        district: nik.value.districtCode,
        birthDate: nik.value.birthDate,
        sex: nik.value.sex,
      }).toEqual({
        nik: r.NIK,
        district: '317409',
        birthDate: iso(r.TGL_LHR),
        sex: r.JENIS_KLMIN === 'PEREMPUAN' ? Sex.Female : Sex.Male,
      });
    }
  });

  it('numbers each KK with the district, a real issue date after its youngest member was born, and a distinct serial', () => {
    const families = new Map<string, typeof records>();
    for (const r of records) families.set(r.NO_KK, [...(families.get(r.NO_KK) ?? []), r]);
    for (const [kk, members] of families) {
      expect(kk).toMatch(/^317409\d{6}(?!0000)\d{4}$/);
      expect(kk.slice(0, 2) in PROVINCES).toBe(true);
      const issuedOn = `20${kk.slice(10, 12)}-${kk.slice(8, 10)}-${kk.slice(6, 8)}`;
      expect(new Date(`${issuedOn}T00:00:00Z`).toISOString().slice(0, 10)).toBe(issuedOn);
      expect(issuedOn < '2025-06-30').toBe(true);
      for (const m of members) expect(iso(m.TGL_LHR) < issuedOn).toBe(true);
      // The head first, exactly one; a wife is younger than 80 and children younger than their mother.
      expect(members.map((m) => m.STAT_HBKEL).filter((s) => s === 'KEPALA KELUARGA')).toHaveLength(1);
      expect(members[0].STAT_HBKEL).toBe('KEPALA KELUARGA');
      const mother =
        members.find((m) => m.STAT_HBKEL === 'ISTRI') ??
        (members[0].JENIS_KLMIN === 'PEREMPUAN' ? members[0] : undefined);
      for (const c of members.filter((m) => m.STAT_HBKEL === 'ANAK')) {
        expect(mother).toBeDefined();
        expect(iso(c.TGL_LHR) > iso(mother!.TGL_LHR)).toBe(true);
      }
    }
  });

  it('is deterministic, and a bigger village repeats a smaller one', () => {
    const digest = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(digest(toSiakCsv(generateDemoVillage({ households: 300 })))).toBe(digest(toSiakCsv(records)));
    const bigger = generateDemoVillage({ households: 400 });
    expect(bigger.slice(0, records.length)).toEqual(records);
    expect(generateDemoVillage({ households: 300, seed: 1 })).not.toEqual(records);
  });

  it('writes a SIAK-style CSV: `;` between fields, quotes where a value needs them, CRLF', () => {
    const csv = toSiakCsv([{ ...records[0], ALAMAT: 'JL. "MAWAR"; NO. 1' }]);
    const [header, row] = csv.split('\r\n');
    expect(header.split(';').slice(0, 3)).toEqual(['NO_KK', 'NIK', 'NAMA_LGKP']);
    expect(row).toContain(';"JL. ""MAWAR""; NO. 1";');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
