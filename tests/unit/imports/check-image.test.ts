import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { checkImage } from '#features/ingest/images/check-image.server.ts';
import { useTempDir } from './helpers.ts';

const tmp = useTempDir();
const red = () => sharp({ create: { width: 30, height: 20, channels: 3, background: '#c00' } });

describe('checkImage', () => {
  test.each(['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff'] as const)('accepts %s, judged by content (the file is named .dat)', async (format) => {
    const path = await tmp.write(`image-${format}.dat`, await red().toFormat(format).toBuffer());
    expect(await checkImage(path)).toEqual({ ok: true, format, width: 30, height: 20 });
  });

  test('a PNG named .jpg is reported as the PNG it is', async () => {
    const path = await tmp.write('photo.jpg', await red().png().toBuffer());
    expect(await checkImage(path)).toMatchObject({ ok: true, format: 'png' });
  });

  test('an SVG is refused', async () => {
    const path = await tmp.write('logo.png', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect(await checkImage(path, { fileName: 'logo.png' })).toEqual({ ok: false, message: '"logo.png" is an SVG drawing; expected a JPEG, PNG, WebP, AVIF, GIF or TIFF image.' });
  });

  test('a PDF is refused', async () => {
    const path = await tmp.write('sheet.jpg', '%PDF-1.4\n1 0 obj\n');
    expect(await checkImage(path)).toEqual({ ok: false, message: '"sheet.jpg" is not an image we can read; expected a JPEG, PNG, WebP, AVIF, GIF or TIFF file.' });
  });

  test('an image bomb (a small PNG declaring 48 megapixels) is refused before decoding', async () => {
    const bomb = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(500_000);
    const path = await tmp.write('bomb.png', bomb);
    expect(await checkImage(path, { fileName: 'bomb.png' })).toEqual({
      ok: false, message: '"bomb.png" is larger than 40 megapixels; scale it down (e.g. to 4000 pixels wide) and upload it again.',
    });
  });

  test('the pixel limit can be lowered', async () => {
    const path = await tmp.write('small.png', await red().png().toBuffer());
    expect(await checkImage(path, { maxPixels: 500 })).toMatchObject({ ok: false, message: '"small.png" is larger than 500 pixels; scale it down (e.g. to 4000 pixels wide) and upload it again.' });
  });
});
