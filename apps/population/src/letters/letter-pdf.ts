import { LetterStatus, LetterType, MaritalStatus, Religion, Sex } from '@terpadu/contracts';
import { degrees, type PDFFont, type PDFPage, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import * as QRCode from 'qrcode';
import { formatIndonesianDate } from './letter-dates';
import type { LetterDetails, PrintedLetter } from './letter.entity';

/** What a printed letter shows. */
export interface LetterPdfInput {
  type: LetterType;
  status: LetterStatus;
  number: string;
  purpose: string;
  details: LetterDetails;
  validFrom: string;
  validUntil: string | null;
  issuedOn: string;
  signerName: string;
  printed: PrintedLetter;
  /** The public verification URL the QR code points at. */
  verificationUrl: string;
  /** The registry's date of the revocation (calendar date), when revoked. */
  revokedOn: string | null;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const BLACK = rgb(0, 0, 0);
const WHITE = rgb(1, 1, 1);
const RED = rgb(0.75, 0.05, 0.05);

const SEX_LABEL: Readonly<Record<Sex, string>> = { [Sex.Male]: 'Laki-laki', [Sex.Female]: 'Perempuan' };
const RELIGION_LABEL: Readonly<Record<Religion, string>> = {
  [Religion.Islam]: 'Islam',
  [Religion.Kristen]: 'Kristen',
  [Religion.Katolik]: 'Katolik',
  [Religion.Hindu]: 'Hindu',
  [Religion.Buddha]: 'Buddha',
  [Religion.Konghucu]: 'Konghucu',
  [Religion.Kepercayaan]: 'Kepercayaan terhadap Tuhan YME',
};
const MARITAL_LABEL: Readonly<Record<MaritalStatus, string>> = {
  [MaritalStatus.BelumKawin]: 'Belum Kawin',
  [MaritalStatus.Kawin]: 'Kawin',
  [MaritalStatus.CeraiHidup]: 'Cerai Hidup',
  [MaritalStatus.CeraiMati]: 'Cerai Mati',
};
const VILLAGE_KIND_LABEL: Readonly<Record<string, { area: string; head: string }>> = {
  KELURAHAN: { area: 'Kelurahan', head: 'Lurah' },
  DESA: { area: 'Desa', head: 'Kepala Desa' },
  DESA_ADAT: { area: 'Desa Adat', head: 'Kepala Desa Adat' },
};

/** The statement of each type, after the holder's particulars. */
function statement(input: LetterPdfInput, area: string): string {
  const { printed, details } = input;
  switch (input.type) {
    case LetterType.Sktm:
      return (
        `Orang tersebut di atas adalah benar penduduk ${area} yang berdasarkan data dan pengamatan kami ` +
        'termasuk keluarga tidak mampu (berpenghasilan rendah).'
      );
    case LetterType.Domicile:
      return `Orang tersebut di atas adalah benar penduduk yang berdomisili di alamat tersebut di atas, wilayah ${area}.`;
    case LetterType.BusinessDomicile:
      return `Orang tersebut di atas adalah benar penduduk ${area} yang mempunyai usaha di wilayah kami dengan keterangan sebagai berikut:`;
    case LetterType.CoverLetter:
      return `Orang tersebut di atas adalah benar penduduk ${area}. Surat pengantar ini diberikan untuk mengurus keperluan tersebut di bawah ini.`;
    case LetterType.BirthCertificate:
      return (
        `Orang tersebut di atas adalah benar telah lahir di ${printed.holder.birthPlace} pada tanggal ` +
        `${formatIndonesianDate(printed.holder.birthDate)}, sebagaimana tercatat dalam register kependudukan ${area}.`
      );
    case LetterType.DeathCertificate:
      return (
        `Orang tersebut di atas telah meninggal dunia pada tanggal ${formatIndonesianDate(details.death?.date ?? '')} ` +
        `di ${details.death?.place ?? ''}, sebagaimana tercatat dalam register kependudukan ${area}.`
      );
  }
}

/** Lays text out top-down on one page, keeping to what the standard (WinAnsi) fonts can encode. */
class Writer {
  y: number;
  private readonly charset: Set<number>;

  constructor(
    readonly page: PDFPage,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.y = page.getHeight() - 50;
    this.charset = new Set(regular.getCharacterSet());
  }

  /** Characters Helvetica cannot encode lose their accents, or become `?`. */
  safe(text: string): string {
    return Array.from(text.replace(/\s+/g, ' '))
      .map((ch) => {
        if (this.charset.has(ch.codePointAt(0) ?? 0)) return ch;
        const plain = ch.normalize('NFKD').replace(/\p{M}/gu, '');
        return plain.length > 0 && Array.from(plain).every((c) => this.charset.has(c.codePointAt(0) ?? 0))
          ? plain
          : '?';
      })
      .join('');
  }

  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of this.safe(text).split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(candidate, size) > width) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    if (line) lines.push(line);
    return lines;
  }

  centered(text: string, size: number, font = this.bold, gap = size + 4, underline = false): void {
    const safe = this.safe(text);
    const width = font.widthOfTextAtSize(safe, size);
    const x = (this.page.getWidth() - width) / 2;
    this.page.drawText(safe, { x, y: this.y, size, font, color: BLACK });
    if (underline) {
      this.page.drawLine({
        start: { x, y: this.y - 2 },
        end: { x: x + width, y: this.y - 2 },
        thickness: 0.8,
      });
    }
    this.y -= gap;
  }

  paragraph(text: string, size = 11, x = MARGIN, width = this.page.getWidth() - 2 * MARGIN): void {
    for (const line of this.wrap(text, this.regular, size, width)) {
      this.page.drawText(line, { x, y: this.y, size, font: this.regular, color: BLACK });
      this.y -= size + 4;
    }
    this.y -= 6;
  }

  /** `label : value` rows, the value wrapping in its column. */
  rows(rows: [string, string][], size = 11): void {
    const labelX = MARGIN + 24;
    const colonX = MARGIN + 170;
    const valueX = colonX + 10;
    const width = this.page.getWidth() - MARGIN - valueX;
    for (const [label, value] of rows) {
      this.page.drawText(this.safe(label), { x: labelX, y: this.y, size, font: this.regular });
      this.page.drawText(':', { x: colonX, y: this.y, size, font: this.regular });
      const lines = this.wrap(value, label === 'Nama' ? this.bold : this.regular, size, width);
      lines.forEach((line, i) => {
        this.page.drawText(line, {
          x: valueX,
          y: this.y - i * (size + 4),
          size,
          font: label === 'Nama' ? this.bold : this.regular,
        });
      });
      this.y -= Math.max(1, lines.length) * (size + 4) + 2;
    }
    this.y -= 8;
  }
}

/** The QR code as vector squares (one rectangle per run of dark modules) inside a white quiet zone. */
function drawQrCode(page: PDFPage, text: string, x: number, top: number, moduleSize: number): number {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const side = (modules.size + 2 * quiet) * moduleSize;
  page.drawRectangle({ x, y: top - side, width: side, height: side, color: WHITE });
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      page.drawRectangle({
        x: x + (quiet + start) * moduleSize,
        y: top - (quiet + row + 1) * moduleSize,
        width: (col - start) * moduleSize,
        height: moduleSize,
        color: BLACK,
      });
    }
  }
  return side;
}

/**
 * Renders a signed (or revoked) letter as the one-page A4 PDF a village prints: letterhead with the
 * regency, district, village and province names, the type's title and number, the holder's
 * particulars, the type's statement, purpose and validity, place and date of signing, the signer,
 * and a QR code of the public verification URL. A revoked letter carries a DICABUT stamp.
 */
export async function renderLetterPdf(input: LetterPdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${input.printed.title} ${input.number}`);
  pdf.setSubject(input.printed.title);
  pdf.setCreator('Terpadu');
  pdf.setProducer('Terpadu (pdf-lib)');
  pdf.setCreationDate(new Date(`${input.issuedOn}T00:00:00.000Z`));
  pdf.setModificationDate(new Date(`${input.issuedOn}T00:00:00.000Z`));
  const page = pdf.addPage(A4);
  const w = new Writer(
    page,
    await pdf.embedFont(StandardFonts.Helvetica),
    await pdf.embedFont(StandardFonts.HelveticaBold),
  );
  const { printed } = input;
  const kind = VILLAGE_KIND_LABEL[printed.village.kind] ?? VILLAGE_KIND_LABEL.DESA;
  const area = `${kind.area} ${printed.village.name}`;

  // Letterhead
  w.centered(`PEMERINTAH ${printed.regency.toUpperCase()}`, 13, w.bold, 17);
  w.centered(`KECAMATAN ${printed.district.toUpperCase()}`, 13, w.bold, 19);
  w.centered(area.toUpperCase(), 16, w.bold, 16);
  w.centered(`Provinsi ${printed.province} - Kode Wilayah ${printed.village.code}`, 9, w.regular, 10);
  page.drawLine({ start: { x: MARGIN, y: w.y }, end: { x: A4[0] - MARGIN, y: w.y }, thickness: 2 });
  page.drawLine({ start: { x: MARGIN, y: w.y - 3 }, end: { x: A4[0] - MARGIN, y: w.y - 3 }, thickness: 0.6 });
  w.y -= 32;

  w.centered(printed.title, 13, w.bold, 16, true);
  w.centered(`Nomor: ${input.number}`, 11, w.regular, 28);

  w.paragraph(
    `Yang bertanda tangan di bawah ini, ${kind.head} ${printed.village.name}, Kecamatan ${printed.district}, ` +
      `${printed.regency}, menerangkan dengan sebenarnya bahwa:`,
  );
  const h = printed.holder;
  const address = [`${h.street}, RT ${h.rt}/RW ${h.rw}`, h.hamlet, area].filter(Boolean).join(', ');
  w.rows([
    ['Nama', h.fullName],
    ['NIK', h.nik],
    ['Tempat/Tanggal Lahir', `${h.birthPlace}, ${formatIndonesianDate(h.birthDate)}`],
    ['Jenis Kelamin', SEX_LABEL[h.sex]],
    ['Agama', RELIGION_LABEL[h.religion]],
    ['Status Perkawinan', MARITAL_LABEL[h.maritalStatus]],
    ['Pekerjaan', h.occupation],
    ['Alamat', address],
  ]);
  w.paragraph(statement(input, area));
  if (input.details.business) {
    const b = input.details.business;
    w.rows([
      ['Nama Usaha', b.name],
      ['Jenis Usaha', b.kind],
      ['Alamat Usaha', b.address],
    ]);
  }
  const document = input.type === LetterType.CoverLetter ? 'Surat pengantar' : 'Surat keterangan';
  w.paragraph(`${document} ini diberikan untuk keperluan: ${input.purpose}.`);
  if (input.validUntil !== null) {
    w.paragraph(
      `${document} ini berlaku sejak tanggal ${formatIndonesianDate(input.validFrom)} sampai dengan tanggal ` +
        `${formatIndonesianDate(input.validUntil)}.`,
    );
  }
  w.paragraph(
    `Demikian ${document.toLowerCase()} ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.`,
  );

  // Signature (right) and verification QR code (left), side by side.
  const top = Math.min(w.y - 6, 300);
  const signX = 330;
  const line = (text: string, y: number, font = w.regular, size = 11) =>
    page.drawText(w.safe(text), { x: signX, y, size, font, color: BLACK });
  line(`${printed.village.name}, ${formatIndonesianDate(input.issuedOn)}`, top);
  line(`${kind.head} ${printed.village.name},`, top - 15);
  line('Ditandatangani secara elektronik', top - 45, w.regular, 8);
  const name = w.safe(input.signerName);
  line(name, top - 85, w.bold);
  const nameWidth = w.bold.widthOfTextAtSize(name, 11);
  page.drawLine({
    start: { x: signX, y: top - 87 },
    end: { x: signX + nameWidth, y: top - 87 },
    thickness: 0.8,
  });

  const side = drawQrCode(page, input.verificationUrl, MARGIN - 8, top + 12, 2.4);
  const captionY = top + 12 - side - 2;
  page.drawText('Pindai untuk memeriksa keaslian surat:', {
    x: MARGIN,
    y: captionY,
    size: 7,
    font: w.regular,
  });
  page.drawText(w.safe(input.verificationUrl), { x: MARGIN, y: captionY - 9, size: 6, font: w.regular });

  if (input.status === LetterStatus.Revoked) {
    page.drawText('DICABUT', {
      x: 150,
      y: 330,
      size: 96,
      font: w.bold,
      color: RED,
      opacity: 0.35,
      rotate: degrees(35),
    });
    const revoked = w.safe(
      `SURAT INI TELAH DICABUT pada tanggal ${formatIndonesianDate(input.revokedOn ?? input.issuedOn)}`,
    );
    page.drawText(revoked, { x: MARGIN, y: 24, size: 10, font: w.bold, color: RED });
  }
  return pdf.save();
}
