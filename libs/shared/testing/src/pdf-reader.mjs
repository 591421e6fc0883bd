// Reads a PDF as a person would, for the specs: its text, and its first page rendered to PNG.
// Run with Node (ES module, mupdf's WebAssembly build): node pdf-reader.mjs <file.pdf> <dpi>
// Prints JSON: { "pages": n, "text": "...", "png": "<base64 of page 1>" }.
import { readFileSync } from 'node:fs';
import * as mupdf from 'mupdf';

const [file, dpiArg] = process.argv.slice(2);
const dpi = Number(dpiArg ?? 150);
const doc = mupdf.Document.openDocument(readFileSync(file), 'application/pdf');
const pages = doc.countPages();
const text = [];
for (let i = 0; i < pages; i++) text.push(doc.loadPage(i).toStructuredText('preserve-whitespace').asText());
const scale = dpi / 72;
const pixmap = doc
  .loadPage(0)
  .toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
process.stdout.write(
  JSON.stringify({ pages, text: text.join('\f'), png: Buffer.from(pixmap.asPNG()).toString('base64') }),
);
