import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { ImportInputError } from '#features/ingest/checks/import-input-error.ts';
import { assertZipWithinLimits, extractZip } from '#features/ingest/readers/zip-source.server.ts';
import { handMadeZip, rejection, useTempDir } from './helpers.ts';

const tmp = useTempDir();
let counter = 0;

// JSZip comes with exceljs; it is used here only to build test archives.
async function zipOf(files: Record<string, string | Buffer>): Promise<string> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return tmp.write(`upload-${++counter}.zip`, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

async function destination(): Promise<string> {
  const dir = tmp.path(`out-${++counter}`);
  await mkdir(dir);
  return dir;
}

describe('extractZip', () => {
  test('unpacks the price list and the images, and finds images by the names the price list uses', async () => {
    const zipPath = await zipOf({
      'catalog/prices.csv': 'sku;name\n1;a\n',
      'catalog/img/Red.JPG': 'red-bytes',
      'catalog/img/4711.png': 'png-bytes',
      'catalog/a/blue.jpg': 'blue-a',
      'catalog/b/blue.jpg': 'blue-b',
      'catalog/logo.svg': '<svg/>',
      'catalog/readme.txt': 'read me',
      '__MACOSX/catalog/._prices.csv': 'resource fork',
    });
    const dest = await destination();
    const contents = await extractZip(zipPath, dest, { fileName: 'katalog.zip' });
    expect(contents.priceList.entryName).toBe('catalog/prices.csv');
    expect(await readFile(contents.priceList.path, 'utf8')).toBe('sku;name\n1;a\n');
    expect(contents.ignored.sort()).toEqual(['catalog/logo.svg', 'catalog/readme.txt']);
    expect(contents.images.size).toBe(4);

    const found = (name: string) => { const m = contents.images.find(name); return m.found ? m.entryName : m.reason; };
    expect(found('red.jpg')).toBe('catalog/img/Red.JPG');
    expect(found('IMG/RED.JPG')).toBe('catalog/img/Red.JPG');
    expect(found('img\\red.jpg')).toBe('catalog/img/Red.JPG');
    expect(found('other-folder/red.jpg')).toBe('catalog/img/Red.JPG');
    expect(found('4711')).toBe('catalog/img/4711.png');
    expect(found('a/blue.jpg')).toBe('catalog/a/blue.jpg');
    expect(found('blue.jpg')).toMatch(/^"blue\.jpg" matches several files in the ZIP/);
    expect(found('green.jpg')).toBe('there is no file named "green.jpg" in the ZIP.');
    expect(found('logo.svg')).toMatch(/is in the ZIP but is not a JPEG, PNG, WebP, AVIF, GIF or TIFF image/);

    const red = contents.images.find('red.jpg');
    expect(red.found && (await readFile(red.path, 'utf8'))).toBe('red-bytes');
    expect(red.found && dirname(red.path)).toBe(`${dest}/images`);
  });

  test('finds names written in another Unicode form (macOS stores "ü" decomposed)', async () => {
    const zipPath = await zipOf({ 'p.csv': 'x', ['Mu\u0308ller.jpg']: 'x' });
    const contents = await extractZip(zipPath, await destination());
    expect(contents.images.find('Müller.jpg').found).toBe(true);
  });

  test('a ZIP without a price list is refused', async () => {
    const zipPath = await zipOf({ 'a.jpg': 'x', 'b.pdf': 'y' });
    const error = await rejection(extractZip(zipPath, await destination(), { fileName: 'bilder.zip' }));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toBe('"bilder.zip": the ZIP holds no price list (.csv or .xlsx).');
  });

  test('an old .xls in the ZIP is named in the hint', async () => {
    const error = await rejection(extractZip(await zipOf({ 'preise.xls': 'x' }), await destination()));
    expect(error.message).toContain('It holds "preise.xls": save that as .xlsx or .csv');
  });

  test('several price lists are refused, naming them', async () => {
    const error = await rejection(extractZip(await zipOf({ 'a.csv': 'x', 'b.xlsx': 'y' }), await destination(), { fileName: 'u.zip' }));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toBe('"u.zip": the ZIP holds several price lists ("a.csv", "b.xlsx"); put exactly one .csv or .xlsx file in the ZIP.');
  });

  test('a .txt is the price list only when there is no .csv or .xlsx', async () => {
    const contents = await extractZip(await zipOf({ 'prices.txt': 'sku\tname\n' }), await destination());
    expect(contents.priceList.entryName).toBe('prices.txt');
  });

  test.each([
    ['../evil.csv', 'climbs out of its folder'],
    ['images/../../evil.jpg', 'climbs out of its folder'],
    ['..\\evil.csv', 'climbs out of its folder'],
    ['/etc/cron.d/evil.csv', 'absolute path'],
    ['C:\\Windows\\evil.csv', 'absolute path'],
  ])('an entry named %j is refused (zip slip) and nothing is written', async (name, reason) => {
    const zipPath = await tmp.write(`slip-${++counter}.zip`, handMadeZip([{ name: 'ok.csv', data: Buffer.from('a') }, { name, data: Buffer.from('pwned') }]));
    const dest = await destination();
    const error = await rejection(extractZip(zipPath, dest, { fileName: 'slip.zip' }));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toContain(`the entry "${name}" would be unpacked outside its folder`);
    expect(error.message).toContain(reason);
    expect(await readdir(dest)).toEqual([]);
    expect((await readdir(dirname(dest))).some((f) => f.includes('evil'))).toBe(false);
  });

  test('a ZIP bomb is stopped while inflating, by its compression ratio', async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const zipPath = await tmp.write('bomb.zip', handMadeZip([{ name: 'prices.csv', data: zeros }]));
    const error = await rejection(extractZip(zipPath, await destination(), { fileName: 'bomb.zip' }));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toBe('"prices.csv" in "bomb.zip" unpacks to more than 200 times its packed size, which only deliberately crafted files ("ZIP bombs") do; the upload was refused.');
  });

  test('a ZIP whose headers under-state the size is refused without trusting them', async () => {
    const zipPath = await tmp.write('liar.zip', handMadeZip([{ name: 'prices.csv', data: Buffer.alloc(8 * 1024 * 1024, 'a'), declaredSize: 100 }]));
    const error = await rejection(extractZip(zipPath, await destination(), { fileName: 'liar.zip', limits: { maxRatio: 100_000 } }));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toMatch(/^"prices\.csv" in "liar\.zip" is damaged/);
  });

  test('the total unpacked size is limited, counting the bytes actually inflated', async () => {
    const zipPath = await zipOf({ 'p.csv': 'x', 'a.jpg': randomBytes(300_000), 'b.jpg': randomBytes(300_000) });
    const error = await rejection(extractZip(zipPath, await destination(), { fileName: 'big.zip', limits: { maxTotalBytes: 500_000 } }));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toBe('"big.zip" unpacks to more than 488.3 KB (stopped at "b.jpg"), above the limit for one upload. Split it into smaller ZIP files.');
  });

  test('the number of entries is limited', async () => {
    const zipPath = await zipOf({ 'p.csv': 'x', 'a.jpg': 'a', 'b.jpg': 'b', 'c.jpg': 'c' });
    const error = await rejection(extractZip(zipPath, await destination(), { fileName: 'many.zip', limits: { maxEntries: 3 } }));
    expect(error.message).toBe('"many.zip" holds 4 files, more than the 3 accepted in one upload.');
  });

  test('a file that is not a ZIP is an input error', async () => {
    const path = await tmp.write('not.zip', randomBytes(1000));
    const error = await rejection(extractZip(path, await destination(), { fileName: 'not.zip' }));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toMatch(/^"not\.zip" is damaged or not a ZIP archive/);
  });
});

describe('assertZipWithinLimits', () => {
  test('passes a normal archive and stops a bomb', async () => {
    await expect(assertZipWithinLimits(await zipOf({ 'a.csv': 'x'.repeat(1000) }))).resolves.toBeUndefined();
    const bomb = await tmp.write('bomb2.zip', handMadeZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(16 * 1024 * 1024) }]));
    const error = await rejection(assertZipWithinLimits(bomb, { limits: { maxTotalBytes: 4 * 1024 * 1024 } }));
    expect(error).toBeInstanceOf(ImportInputError);
  });
});
