/**
 * A made-up but rule-abiding village population as a SIAK export (the layout of docs/imports.md):
 * a data builder for the import specs, the import and search benchmarks and the demo seed
 * (`npm run seed`, tools/seed.ts). Deterministic: the
 * same options give the same bytes, and household `h` is the same whatever the number of
 * households, so a bigger file repeats a smaller one's people. NIKs are issued in the village's
 * district with the encoded birth date (+40 for women) and distinct serials; KK numbers carry the
 * district, an issue date after the youngest member's birth, and distinct serials.
 */

/** Tanjung Barat, Jagakarsa, Jakarta Selatan (31.74.09.1005): a kelurahan, so no dusun. */
export const DEMO_VILLAGE_CODE = '3174091005';

export interface DemoVillageOptions {
  households: number;
  villageCode?: string;
  /** The day the export was made: every birth and KK issue date is before it. */
  exportDate?: string;
  seed?: number;
}

/** The header the generated files have: SIAK's column names, plus the mother's name SIAK exports carry. */
export const DEMO_HEADER = [
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
  'DUSUN',
  'NO_PROP',
  'NO_KAB',
  'NO_KEC',
  'NO_KEL',
  'NAMA_LGKP_IBU',
] as const;

export type DemoRecord = Record<(typeof DEMO_HEADER)[number], string>;

const MALE: readonly string[] = (
  'AHMAD BUDI AGUS ANDI RUDI HENDRA DEDI JOKO IWAN BAMBANG SLAMET EKO DWI ARIF FAJAR RIZKY DIMAS ' +
  'ILHAM YUSUF HASAN IMAM WAHYU TAUFIK HERU SUPRIYADI MUHAMMAD RAHMAT FIRMAN ADITYA BAYU GILANG ' +
  'REZA SYAHRUL ZAINAL MULYADI SAIFUL NUR KURNIAWAN YOGA FARHAN'
).split(' ');
const FEMALE: readonly string[] = (
  'SITI SRI DEWI RINA WATI NURUL AYU FITRI INDAH LESTARI YULIANA ANI ENDANG RATNA DIAN NOVI PUTRI ' +
  'AISYAH NABILA ZAHRA SALSABILA KARTIKA MAYA RINI SUSI TUTI WULAN YANTI HASANAH FATIMAH KHADIJAH ' +
  'NINGSIH RAHMAWATI SULASTRI MEGA CITRA ANISA AULIA DINDA NADIA'
).split(' ');
const MALE_SECOND: readonly string[] = (
  'SANTOSO HIDAYAT SAPUTRA PRATAMA WIJAYA KUSUMA SETIAWAN NUGROHO GUNAWAN HALIM FIRDAUS RAMADHAN ' +
  'MAULANA SUSANTO HARYANTO PURNOMO SUHENDRA RAHMAN SYAHPUTRA PERMANA'
).split(' ');
const FEMALE_SECOND: readonly string[] = (
  'NURHALIZA HANDAYANI PURNAMASARI WULANDARI KARTIKASARI SEPTIANI MAHARANI ANGGRAINI FEBRIANTI ' +
  'SUSANTI RAHAYU LESTARI UTAMI PERTIWI AMALIA FAUZIAH KURNIASIH SARI YULIANTI MARLINA'
).split(' ');
const STREETS: readonly string[] = (
  'JL. TANJUNG BARAT RAYA|JL. GARDU|JL. KEMUNING|JL. MELATI|JL. KENANGA|GG. MASJID|GG. SAWO|' +
  'JL. DAMAI|JL. SAMUDRA|JL. H. SAIBUN|GG. HAJI NIMAN|JL. RAYA LENTENG AGUNG'
).split('|');
const BIRTH_PLACES: readonly string[] = (
  'BOGOR|DEPOK|BEKASI|BANDUNG|BREBES|TEGAL|KUNINGAN|SEMARANG|YOGYAKARTA|SURABAYA|PADANG|MEDAN|' +
  'PALEMBANG|GARUT'
).split('|');
const ADULT_EDUCATION: readonly string[] = (
  'TAMAT SD/SEDERAJAT|SLTP/SEDERAJAT|SLTA/SEDERAJAT|SLTA/SEDERAJAT|SLTA/SEDERAJAT|' +
  'AKADEMI/DIPLOMA III/S. MUDA|DIPLOMA IV/STRATA I|DIPLOMA IV/STRATA I|STRATA II'
).split('|');
const OCCUPATIONS: readonly string[] = (
  'KARYAWAN SWASTA|KARYAWAN SWASTA|WIRASWASTA|WIRASWASTA|PEDAGANG|BURUH HARIAN LEPAS|' +
  'PEGAWAI NEGERI SIPIL (PNS)|GURU|SOPIR|KARYAWAN BUMN|PERAWAT|TUKANG BANGUNAN'
).split('|');
const RELIGIONS: readonly [string, number][] = [
  ['ISLAM', 85],
  ['KRISTEN', 7],
  ['KATHOLIK', 4],
  ['BUDHA', 2],
  ['HINDU', 1],
  ['KHONGHUCU', 1],
];

/** mulberry32: a small, fast, seeded generator; the same seed gives the same numbers everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const toDay = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const toIso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dmy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

interface Person {
  name: string;
  female: boolean;
  birthDate: string;
  birthPlace: string;
  marital: string;
  relationship: string;
  education: string;
  occupation: string;
  mother: string;
}

/** Generates the village: one record per person, households in order, head first. */
export function generateDemoVillage(options: DemoVillageOptions): DemoRecord[] {
  const villageCode = options.villageCode ?? DEMO_VILLAGE_CODE;
  const exportDate = options.exportDate ?? '2025-06-30';
  const seed = options.seed ?? 20_250_630;
  const district = villageCode.slice(0, 6);
  const exportDay = toDay(exportDate);
  const nikSerials = new Map<string, number>();
  const kkSerials = new Map<string, number>();
  const next = (counters: Map<string, number>, prefix: string) => {
    const serial = (counters.get(prefix) ?? 0) + 1;
    if (serial > 9999) throw new RangeError(`serials of ${prefix} exhausted`);
    counters.set(prefix, serial);
    return `${prefix}${pad(serial, 4)}`;
  };
  const records: DemoRecord[] = [];

  for (let h = 0; h < options.households; h++) {
    const rnd = random(seed ^ Math.imul(h + 1, 0x9e3779b1));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
    const between = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
    const born = (ageYears: number) => toIso(exportDay - Math.floor(ageYears * 365.25) - between(0, 364));
    const ageOn = (birthDate: string) => Math.floor((exportDay - toDay(birthDate)) / 365.25);
    const person = (
      female: boolean,
      birthDate: string,
      relationship: string,
      extra: Partial<Person> = {},
    ): Person => {
      const age = ageOn(birthDate);
      return {
        name: female ? `${pick(FEMALE)} ${pick(FEMALE_SECOND)}` : `${pick(MALE)} ${pick(MALE_SECOND)}`,
        female,
        birthDate,
        birthPlace: rnd() < 0.6 ? 'JAKARTA' : pick(BIRTH_PLACES),
        marital: 'BELUM KAWIN',
        relationship,
        education:
          age < 5
            ? 'TIDAK/BELUM SEKOLAH'
            : age < 13
              ? 'BELUM TAMAT SD/SEDERAJAT'
              : age < 16
                ? 'TAMAT SD/SEDERAJAT'
                : age < 19
                  ? 'SLTP/SEDERAJAT'
                  : pick(ADULT_EDUCATION),
        occupation:
          age < 5
            ? 'BELUM/TIDAK BEKERJA'
            : age < 23
              ? 'PELAJAR/MAHASISWA'
              : age >= 60
                ? rnd() < 0.5
                  ? 'PENSIUNAN'
                  : 'WIRASWASTA'
                : pick(OCCUPATIONS),
        mother: `${pick(FEMALE)} ${pick(FEMALE_SECOND)}`,
        ...extra,
      };
    };

    const kind = rnd();
    const headAge = between(24, 75);
    const members: Person[] = [];
    let mother: Person | undefined;
    if (kind < 0.75) {
      const head = person(false, born(headAge), 'KEPALA KELUARGA', { marital: 'KAWIN' });
      mother = person(true, born(Math.max(20, headAge - between(0, 6))), 'ISTRI', { marital: 'KAWIN' });
      if (rnd() < 0.5) mother.occupation = 'MENGURUS RUMAH TANGGA';
      members.push(head, mother);
    } else if (kind < 0.87) {
      mother = person(true, born(Math.max(35, headAge)), 'KEPALA KELUARGA', { marital: 'CERAI MATI' });
      members.push(mother);
    } else if (kind < 0.95) {
      members.push(person(false, born(between(22, 35)), 'KEPALA KELUARGA', { marital: 'BELUM KAWIN' }));
    } else {
      members.push(person(false, born(headAge), 'KEPALA KELUARGA', { marital: 'CERAI HIDUP' }));
    }
    if (mother) {
      const motherAge = ageOn(mother.birthDate);
      const children = Math.min(between(0, 4), Math.max(0, Math.floor((motherAge - 19) / 2)));
      for (let c = 0; c < children; c++) {
        const age = between(0, Math.min(motherAge - 19, 30));
        members.push(person(rnd() < 0.5, born(age), 'ANAK', { mother: mother.name }));
      }
    }
    const headOf = members[0];
    const headAgeNow = ageOn(headOf.birthDate);
    if (headAgeNow <= 62 && rnd() < 0.1) {
      members.push(
        person(true, born(headAgeNow + between(21, 28)), 'ORANG TUA', {
          marital: 'CERAI MATI',
          occupation: 'MENGURUS RUMAH TANGGA',
        }),
      );
    }
    if (rnd() < 0.05) members.push(person(rnd() < 0.5, born(between(18, 25)), 'FAMILI LAIN'));

    // The card was last issued after its youngest member was born (a birth re-issues the card).
    const youngest = Math.max(...members.map((p) => toDay(p.birthDate)));
    const earliest = Math.max(youngest + 7, toDay('2004-01-01'));
    const issuedOn = toIso(
      Math.min(exportDay - 1, earliest + between(0, Math.max(0, exportDay - 1 - earliest))),
    );
    const kk = next(
      kkSerials,
      `${district}${issuedOn.slice(8, 10)}${issuedOn.slice(5, 7)}${issuedOn.slice(2, 4)}`,
    );
    const street = `${pick(STREETS)} NO. ${between(1, 120)}`;
    const religion = pickReligion(rnd);
    const rw = between(1, 8);
    const rt = between(1, 12);

    for (const p of members) {
      const day = Number(p.birthDate.slice(8, 10)) + (p.female ? 40 : 0);
      const nik = next(
        nikSerials,
        `${district}${pad(day)}${p.birthDate.slice(5, 7)}${p.birthDate.slice(2, 4)}`,
      );
      records.push({
        NO_KK: kk,
        NIK: nik,
        NAMA_LGKP: p.name,
        JENIS_KLMIN: p.female ? 'PEREMPUAN' : 'LAKI-LAKI',
        TMPT_LHR: p.relationship === 'ANAK' ? 'JAKARTA' : p.birthPlace,
        TGL_LHR: dmy(p.birthDate),
        AGAMA: religion,
        STAT_KWN: p.marital,
        PDDK_AKH: p.education,
        JENIS_PKRJN: p.occupation,
        STAT_HBKEL: p.relationship,
        ALAMAT: street,
        NO_RT: pad(rt, 3),
        NO_RW: pad(rw, 3),
        DUSUN: '',
        NO_PROP: String(Number(villageCode.slice(0, 2))),
        NO_KAB: String(Number(villageCode.slice(2, 4))),
        NO_KEC: String(Number(villageCode.slice(4, 6))),
        NO_KEL: String(Number(villageCode.slice(6, 10))),
        NAMA_LGKP_IBU: p.mother,
      });
    }
  }
  return records;
}

function pickReligion(rnd: () => number): string {
  let x = rnd() * 100;
  for (const [religion, weight] of RELIGIONS) {
    if (x < weight) return religion;
    x -= weight;
  }
  return 'ISLAM';
}

/** A CSV as SIAK exports open in a spreadsheet: `;` between fields, quotes where needed, CRLF. */
export function toSiakCsv(records: readonly DemoRecord[], separator = ';'): string {
  const field = (v: string) => (/[";,\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [
    DEMO_HEADER.join(separator),
    ...records.map((r) => DEMO_HEADER.map((c) => field(r[c])).join(separator)),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
