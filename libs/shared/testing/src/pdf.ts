import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nodeBinary, workspaceRoot } from './workspace';

export interface PdfReading {
  pages: number;
  /** The text of every page (pages separated by a form feed), lines as laid out. */
  text: string;
  /** The first page rendered as a PNG. */
  png: Buffer;
}

/**
 * A PDF as a reader sees it: its text and its first page rendered at `dpi`, by mupdf (an npm
 * package, WebAssembly) in a Node process of its own, since mupdf is an ES module jest cannot load.
 */
export async function readPdf(bytes: Buffer, dpi = 150): Promise<PdfReading> {
  const dir = mkdtempSync(join(tmpdir(), 'terpadu-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, bytes);
    const script = join(workspaceRoot(), 'libs/shared/testing/src/pdf-reader.mjs');
    const { stdout } = await promisify(execFile)(nodeBinary(), [script, file, String(dpi)], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const reading = JSON.parse(stdout) as { pages: number; text: string; png: string };
    return { pages: reading.pages, text: reading.text, png: Buffer.from(reading.png, 'base64') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
