import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { csvRows, detectDelimiter, openCsv } from '#features/ingest/readers/csv-rows.server.ts';
import { ImportInputError } from '#features/ingest/checks/import-input-error.ts';
import { collect, rejection, useTempDir } from './helpers.ts';

const tmp = useTempDir();
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/imports/${name}`, import.meta.url));

describe('detectDelimiter', () => {
  test.each([
    ['semicolons with decimal commas', 'sku;name;price\n1;Schraube, verzinkt;12,50\n2;Dübel;0,99\n', ';'],
    ['commas with semicolons in text', 'sku,name,price\n1,"a; b",12.50\n2,c;d,3\n', ','],
    ['tabs with commas in text', 'sku\tname\tprice\n1\tBolt, zinc\t1,50\n', '\t'],
    ['a quoted header', '"SKU";"Name";"Preis"\n"1";"a";"2,50"\n', ';'],
    ['a single column', 'sku\n1\n2\n', ','],
  ])('%s', (_label, sample, expected) => {
    expect(detectDelimiter(sample)).toBe(expected);
  });
});

describe('csvRows', () => {
  test('reads a semicolon-separated Windows-1252 German file (fixture) with umlauts, CRLF and a blank line', async () => {
    const source = await openCsv(fixture('preisliste-cp1252.csv'));
    expect(source.encoding).toBe('windows-1252');
    expect(source.delimiter).toBe(';');
    const rows = await collect(source.rows);
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3, 5]);
    expect(rows[0]!.cells[4]).toBe('Preis (EUR)');
    expect(rows[1]!.cells.slice(1, 3)).toEqual(['Holzschraube 4x40 verzinkt', 'Senkkopf; Torx, für Weichholz']);
    expect(rows[2]!.cells[2]).toBe('Nylon, 50 Stück; "universal"');
    expect(rows[3]!.cells[1]).toBe('Mutter M8 weiß');
  });

  test('reads UTF-16 LE with BOM', async () => {
    const path = await tmp.write('utf16.csv', iconv.encode('SKU\tName\r\n1\tÄpfel\r\n', 'utf-16le', { addBOM: true }));
    expect(await collect(csvRows(path))).toEqual([
      { rowNumber: 1, cells: ['SKU', 'Name'] },
      { rowNumber: 2, cells: ['1', 'Äpfel'] },
    ]);
  });

  test('a UTF-8 BOM does not stick to the first header', async () => {
    const path = await tmp.write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('sku,name\n1,a\n')]));
    const [header] = await collect(csvRows(path));
    expect(header!.cells).toEqual(['sku', 'name']);
  });

  test('reads tab-separated files', async () => {
    const path = await tmp.write('tabs.tsv', 'sku\tname\tprice\nA-1\tBolt, zinc\t1.50\n');
    expect((await collect(csvRows(path)))[1]!.cells).toEqual(['A-1', 'Bolt, zinc', '1.50']);
  });

  test('quoted fields keep separators, doubled quotes and line breaks; row numbers are the rows a spreadsheet shows', async () => {
    const text = 'sku,name,description\r\n1,"Bolt, 12"" long","line one\r\nline two\r\nline three"\r\n2,Nut,plain\r\n\r\n3,Washer,"x"\r\n';
    const path = await tmp.write('embedded.csv', text);
    expect(await collect(csvRows(path))).toEqual([
      { rowNumber: 1, cells: ['sku', 'name', 'description'] },
      { rowNumber: 2, cells: ['1', 'Bolt, 12" long', 'line one\r\nline two\r\nline three'] },
      { rowNumber: 3, cells: ['2', 'Nut', 'plain'] },
      { rowNumber: 5, cells: ['3', 'Washer', 'x'] },
    ]);
  });

  test('mixed line endings, rows of only separators skipped, ragged rows kept', async () => {
    const path = await tmp.write('mixed.csv', 'a;b;c\n1;2\r\n;;\r3;4;5;6\n');
    expect(await collect(csvRows(path))).toEqual([
      { rowNumber: 1, cells: ['a', 'b', 'c'] },
      { rowNumber: 2, cells: ['1', '2'] },
      { rowNumber: 4, cells: ['3', '4', '5', '6'] },
    ]);
  });

  test('a stray quote inside an unquoted field is kept as text', async () => {
    const path = await tmp.write('inch.csv', 'sku,name\n1,Monitor 27" wide\n');
    expect((await collect(csvRows(path)))[1]!.cells).toEqual(['1', 'Monitor 27" wide']);
  });

  test('an unbalanced quote is an input error naming the file and the row where the quote opens', async () => {
    const path = await tmp.write('unbalanced.csv', 'sku,name\n1,ok\n2,"ok"\n3,"broken\n4,fine\n5,fine\n');
    const error = await rejection(collect(csvRows(path, { fileName: 'prices.csv' })));
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as ImportInputError).rowNumber).toBe(4);
    expect(error.message).toMatch(/^Row 4 of "prices\.csv" opens a quoted field/);
  });

  test('an unbalanced quote after an embedded CRLF line break still gives the right row', async () => {
    const path = await tmp.write('unbalanced-crlf.csv', 'sku,name\r\n1,"two\r\nlines"\r\n2,"broken\r\n3,x\r\n');
    const error = await rejection(collect(csvRows(path)));
    expect((error as ImportInputError).rowNumber).toBe(3); // the spreadsheet's row: the line break inside row 2 starts no row
  });

  test('a PDF renamed .csv is refused before parsing', async () => {
    const path = await tmp.write('fake.csv', '%PDF-1.4\n');
    const error = await rejection(collect(csvRows(path, { fileName: 'fake.csv' })));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toContain('a PDF document');
  });

  test('streams a 200,000-row file without the heap growing with it', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const path = tmp.path('big.csv');
    const out = createWriteStream(path);
    out.write('sku;name;description;price\n');
    const filler = 'Senkkopfschraube verzinkt mit Torx-Antrieb für Weichholz und Spanplatten '.repeat(2);
    for (let i = 1; i <= 200_000; i++) {
      if (!out.write(`SKU-${i};Schraube ${i};"${filler}";${i % 100},${i % 10}0\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');

    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    for await (const row of csvRows(path)) {
      count++;
      if (count % 25_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
      if (count === 200_001) expect(row.rowNumber).toBe(200_001);
    }
    expect(count).toBe(200_001);
    // The file is about 35 MB (70 MB as JS strings); streaming keeps the growth to a few MB.
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);
});
