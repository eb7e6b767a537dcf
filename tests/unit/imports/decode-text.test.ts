import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { detectEncoding, openTextStream } from '#features/ingest/readers/decode-text.server.ts';
import { ImportInputError } from '#features/ingest/checks/import-input-error.ts';
import { sniffFileKind } from '#features/ingest/detect/sniff-file-kind.ts';
import { rejection, useTempDir } from './helpers.ts';

const tmp = useTempDir();
const GERMAN = 'Artikelnummer;Bezeichnung;Preis\n4711;Dübel Größe 8, weiß;0,99 €\n';

async function readAll(path: string, encoding?: string): Promise<{ text: string; encoding: string }> {
  const opened = await openTextStream(path, encoding === undefined ? {} : { encoding });
  let text = '';
  for await (const chunk of opened.stream) text += chunk as string;
  return { text, encoding: opened.encoding };
}

describe('detectEncoding', () => {
  test.each([
    ['UTF-8 with BOM', Buffer.from([0xef, 0xbb, 0xbf, 0x61]), 'utf-8', 3],
    ['UTF-16 LE with BOM', Buffer.from([0xff, 0xfe, 0x61, 0x00]), 'utf-16le', 2],
    ['UTF-16 BE with BOM', Buffer.from([0xfe, 0xff, 0x00, 0x61]), 'utf-16be', 2],
    ['plain ASCII', Buffer.from('sku,name\n1,a\n'), 'utf-8', 0],
    ['UTF-8 without BOM', Buffer.from(GERMAN, 'utf8'), 'utf-8', 0],
    ['Windows-1252 German', iconv.encode(GERMAN, 'windows-1252'), 'windows-1252', 0],
  ])('%s', (_label, bytes, encoding, bomLength) => {
    expect(detectEncoding(bytes)).toEqual({ encoding, bomLength });
  });

  test('a UTF-8 character cut at the end of the sample still counts as UTF-8', () => {
    const bytes = Buffer.from('Größe', 'utf8');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });
});

describe('openTextStream', () => {
  test('decodes a Windows-1252 file with umlauts and the euro sign', async () => {
    const path = await tmp.write('cp1252.csv', iconv.encode(GERMAN, 'windows-1252'));
    expect(await readAll(path)).toEqual({ text: GERMAN, encoding: 'windows-1252' });
  });

  test.each(['utf-16le', 'utf-16be'])('decodes %s with a BOM and drops the BOM', async (encoding) => {
    const path = await tmp.write(`${encoding}.csv`, iconv.encode(GERMAN, encoding, { addBOM: true }));
    expect(await readAll(path)).toEqual({ text: GERMAN, encoding });
  });

  test('drops a UTF-8 BOM', async () => {
    const path = await tmp.write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GERMAN)]));
    expect((await readAll(path)).text).toBe(GERMAN);
  });

  test('decodes a multi-byte character split across read chunks', async () => {
    const line = 'x'.repeat(65535) + 'ü\n';
    const path = await tmp.write('split.csv', Buffer.from(line, 'utf8'));
    expect((await readAll(path)).text).toBe(line);
  });

  test('an encoding chosen by the supplier overrides detection', async () => {
    const path = await tmp.write('latin1-as-chosen.csv', iconv.encode('Maß\n', 'windows-1252'));
    expect((await readAll(path, 'iso-8859-15')).text).toBe('Maß\n');
  });

  test('an unknown encoding name is refused as input error', async () => {
    const path = await tmp.write('any.csv', 'a\n');
    const error = await rejection(readAll(path, 'klingon-8'));
    expect(error).toBeInstanceOf(ImportInputError);
  });

  test.each([
    ['a PDF renamed .csv', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'a PDF document'],
    ['a PNG renamed .csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'a PNG image'],
    ['a ZIP renamed .csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]), 'a ZIP archive'],
    ['an old .xls renamed .csv', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), '.xls'],
    ['binary with NUL bytes', Buffer.from([0x41, 0x00, 0x42, 0x00, 0x43, 0x00, 0x01, 0x02]), 'a binary (non-text) file'],
  ])('refuses %s, naming the file and what it looks like', async (_label, bytes, looksLike) => {
    const path = await tmp.write('prices.csv', bytes);
    const error = await rejection(openTextStream(path, { fileName: 'Preisliste 2027.csv' }));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toContain('"Preisliste 2027.csv"');
    expect(error.message).toContain(looksLike);
  });
});

describe('sniffFileKind', () => {
  test('text with UTF-16 NUL bytes is still text when it has a BOM', () => {
    expect(sniffFileKind(iconv.encode('a;b\n', 'utf-16le', { addBOM: true }))).toBe('text');
  });
  test('an empty file', () => {
    expect(sniffFileKind(new Uint8Array())).toBe('empty');
  });
});
