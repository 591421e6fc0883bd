import {
  type Actor,
  ErrorCode,
  LetterType,
  type LetterView,
  POPULATION_LETTERS_DRAFT,
  POPULATION_LETTERS_PDF,
  POPULATION_LETTERS_REVOKE,
  POPULATION_LETTERS_SIGN,
  POPULATION_RESIDENTS_REGISTER,
  POPULATION_RESIDENTS_UPDATE,
  type RegisteredResidentView,
  Religion,
  Role,
  Sex,
} from '@terpadu/contracts';
import jsQR from 'jsqr';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { type PdfReading, readPdf } from '@terpadu/testing';
import { renderLetterPdf } from '../src/letters/letter-pdf';
import { registrar, residentDto } from './builders';
import { type PopulationTestApp, startPopulationApp } from './population-app';

const PUBLIC_BASE_URL = 'https://layanan.jaksel.example';
const TANJUNG_BARAT = '3174091005';
const frontDesk: Actor = { sub: 'loket-1', roles: [Role.FrontDesk], jurisdiction: ['317409'] };
const head: Actor = {
  sub: 'lurah-1',
  roles: [Role.VillageHead],
  jurisdiction: ['317409'],
  requestId: 'req-pdf',
};

/** The PDF as a reader sees it: its text, and its page at 150 dpi scanned for a QR code (mupdf). */
class PdfFile {
  private reading: Promise<PdfReading> | undefined;

  constructor(readonly bytes: Buffer) {}

  private read(): Promise<PdfReading> {
    this.reading ??= readPdf(this.bytes, 150);
    return this.reading;
  }

  async text(): Promise<string> {
    return (await this.read()).text;
  }

  async qrCode(): Promise<string | undefined> {
    const png = PNG.sync.read((await this.read()).png);
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  }
}

describe(`${renderLetterPdf.name} through the service`, () => {
  let t: PopulationTestApp;

  beforeAll(async () => {
    t = await startPopulationApp({ PUBLIC_BASE_URL: `${PUBLIC_BASE_URL}/` });
  });

  afterAll(async () => {
    await t?.close();
  });

  const register = (): Promise<RegisteredResidentView> =>
    t.send(POPULATION_RESIDENTS_REGISTER, {
      actor: registrar(),
      resident: residentDto({
        fullName: 'Siti Nurhaliza',
        sex: Sex.Female,
        birthDate: '1990-04-12',
        birthPlace: 'Jakarta',
        religion: Religion.Islam,
        occupation: 'Pedagang',
        address: {
          villageCode: TANJUNG_BARAT,
          rt: '004',
          rw: '002',
          hamlet: 'Dusun Melati',
          street: 'Jl. Kenanga No. 12',
        },
      }),
    });
  const signed = async (holder: RegisteredResidentView, type = LetterType.Sktm): Promise<LetterView> => {
    const draft = await t.send(POPULATION_LETTERS_DRAFT, {
      actor: frontDesk,
      letter: {
        residentNik: holder.nik,
        type,
        purpose: 'Keringanan biaya sekolah anak',
        ...(type === LetterType.BusinessDomicile
          ? { business: { name: 'Warung Bu Siti', kind: 'Warung makan', address: 'Jl. Kenanga No. 14' } }
          : {}),
      },
    });
    return t.send(POPULATION_LETTERS_SIGN, {
      actor: head,
      id: draft.id,
      signing: { signerName: 'H. Ahmad Fauzi' },
    });
  };
  const pdfOf = async (letter: LetterView): Promise<PdfFile> => {
    const { fileName, contentBase64 } = await t.send(POPULATION_LETTERS_PDF, { actor: head, id: letter.id });
    expect(fileName).toBe(`${(letter.number as string).replace(/\//g, '-')}.pdf`);
    const file = new PdfFile(Buffer.from(contentBase64, 'base64'));
    return file;
  };

  it('renders a one-page PDF with letterhead, title, number, holder, statement, validity and signer', async () => {
    const holder = await register();
    const letter = await signed(holder);
    const pdf = await pdfOf(letter);

    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.bytes.length).toBeLessThan(100_000);
    const doc = await PDFDocument.load(pdf.bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe(`SURAT KETERANGAN TIDAK MAMPU ${letter.number}`);

    const text = (await pdf.text()).replace(/\s+/g, ' ');
    for (const expected of [
      'PEMERINTAH KOTA ADMINISTRASI JAKARTA SELATAN',
      'KECAMATAN JAGAKARSA',
      'KELURAHAN TANJUNG BARAT',
      'Provinsi Daerah Khusus Ibukota Jakarta',
      'SURAT KETERANGAN TIDAK MAMPU',
      `Nomor: ${letter.number}`,
      'Siti Nurhaliza',
      holder.nik,
      'Jakarta, 12 April 1990',
      'Perempuan',
      'Islam',
      'Pedagang',
      'Jl. Kenanga No. 12, RT 004/RW 002, Dusun Melati, Kelurahan Tanjung Barat',
      'termasuk keluarga tidak mampu',
      'Keringanan biaya sekolah anak',
      'sampai dengan tanggal 29 November 2027',
      'Tanjung Barat, 30 November 2026',
      'Lurah Tanjung Barat',
      'H. Ahmad Fauzi',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('DICABUT');
  });

  it('prints a QR code that decodes to the public verification URL', async () => {
    const letter = await signed(await register());
    const pdf = await pdfOf(letter);
    await expect(pdf.qrCode()).resolves.toBe(
      `${PUBLIC_BASE_URL}/v1/letters/verify/${letter.verificationCode}`,
    );
  });

  it('prints the type’s own statement, e.g. the business of a business domicile letter', async () => {
    const pdf = await pdfOf(await signed(await register(), LetterType.BusinessDomicile));
    const text = (await pdf.text()).replace(/\s+/g, ' ');
    for (const expected of [
      'SURAT KETERANGAN DOMISILI USAHA',
      'Warung Bu Siti',
      'Warung makan',
      'Jl. Kenanga No. 14',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints what was signed even after the resident is corrected, and stamps a revoked letter DICABUT', async () => {
    const holder = await register();
    const letter = await signed(holder);
    await t.send(POPULATION_RESIDENTS_UPDATE, {
      actor: registrar(),
      nik: holder.nik,
      changes: { occupation: 'Wiraswasta', reason: 'Ganti pekerjaan' },
    });
    await t.send(POPULATION_LETTERS_REVOKE, {
      actor: head,
      id: letter.id,
      revocation: { reason: 'Salah data' },
    });
    const text = await (await pdfOf(letter)).text();
    expect(text).toContain('Pedagang');
    expect(text).not.toContain('Wiraswasta');
    expect(text).toContain('DICABUT');
    expect(text).toContain(letter.number);
  });

  it('has no PDF for a draft (409 LETTER_NOT_ISSUED), and records every print in the access log', async () => {
    const holder = await register();
    const draft = await t.send(POPULATION_LETTERS_DRAFT, {
      actor: frontDesk,
      letter: { residentNik: holder.nik, type: LetterType.Domicile, purpose: 'Buka rekening' },
    });
    await expect(t.rpcError(POPULATION_LETTERS_PDF, { actor: head, id: draft.id })).resolves.toMatchObject({
      code: ErrorCode.LETTER_NOT_ISSUED,
      status: 409,
    });
    const letter = await signed(holder);
    await pdfOf(letter);
    const rows = await t.dataSource.query<{ action: string; actor_sub: string; request_id: string }[]>(
      `SELECT action, actor_sub, request_id FROM data_access_log WHERE $1 = ANY(resident_ids) AND action = 'LETTER_PRINT'`,
      [holder.id],
    );
    expect(rows).toEqual([{ action: 'LETTER_PRINT', actor_sub: 'lurah-1', request_id: 'req-pdf' }]);
  });

  it('keeps names the standard fonts cannot encode readable instead of failing', async () => {
    const holder = await t.send(POPULATION_RESIDENTS_REGISTER, {
      actor: registrar(),
      resident: residentDto({
        fullName: 'Nguyễn Thị Ŧhu 王',
        address: { villageCode: TANJUNG_BARAT, rt: '001', rw: '001', street: 'Jl. Ş 1' },
      }),
    });
    const text = await (await pdfOf(await signed(holder))).text();
    expect(text).toContain('Nguyen Thi ?hu ?');
  });
});
