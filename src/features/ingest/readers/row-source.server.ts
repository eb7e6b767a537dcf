import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCsv, type Delimiter } from './csv-rows.server.ts';
import type { ImageLookup } from '../images/image-lookup.ts';
import { ImportInputError } from '../checks/import-input-error.ts';
import type { RawRow } from './raw-row.ts';
import { pickHeaderRow } from '../mapping/recognize-headers.ts';
import { describeFileKind, readFileHead, sniffFileKind } from '../detect/sniff-file-kind.server.ts';
import { xlsxRows } from './xlsx-rows.server.ts';
import { extractZip, listZipFiles } from './zip-source.server.ts';
import type { ZipLimits } from './zip-limits.server.ts';

export interface RowSource {
  kind: 'csv' | 'xlsx' | 'zip';
  /** The price list's name: the uploaded file's, or its name inside the uploaded ZIP. */
  priceListName: string;
  headers: string[];
  headerRowNumber: number;
  /** The data rows after the header row, streamed (the first few are already read). */
  rows: AsyncIterable<RawRow>;
  /** Up to 5 first data rows, for the column-mapping screen (they are also in `rows`). */
  preview: RawRow[];
  /** Images unpacked from a ZIP upload, by the names the price list uses. */
  imageLookup?: ImageLookup;
  encoding?: string;
  delimiter?: Delimiter;
  /** Closes the file and deletes what was unpacked; call it when done, also after errors. */
  cleanup(): Promise<void>;
}

export interface RowSourceOptions {
  /** Where a ZIP is unpacked, in a new folder (default: the system's temporary folder). */
  tempRoot?: string;
  sheet?: string;
  encoding?: string;
  limits?: Partial<ZipLimits>;
}

// Rows read ahead to find the header below a title ("Price list 2027") and show a preview.
const LOOK_AHEAD = 10;
const PREVIEW = 5;

type Opened = { kind: 'csv' | 'xlsx'; rows: AsyncIterator<RawRow>; encoding?: string; delimiter?: Delimiter };

/** What a ZIP-format file is, by the names inside it. */
function zipKind(files: readonly string[]): 'xlsx' | 'ods' | 'archive' {
  if (files.includes('xl/workbook.xml')) return 'xlsx';
  if (files.includes('mimetype') && files.includes('content.xml')) return 'ods';
  return 'archive';
}

async function openPriceList(path: string, name: string, options: RowSourceOptions, insideZip: string | undefined): Promise<Opened> {
  const kind = sniffFileKind(await readFileHead(path));
  if (kind === 'empty') throw new ImportInputError(`"${name}": the file is empty.`, { fileName: name });
  if (kind === 'zip') {
    const what = zipKind(await listZipFiles(path, { fileName: name, limits: options.limits }));
    if (what === 'xlsx') return { kind: 'xlsx', rows: xlsxRows(path, { fileName: name, sheet: options.sheet, limits: options.limits }) };
    const described = what === 'ods' ? 'an OpenDocument file (.ods)' : 'a ZIP archive';
    throw new ImportInputError(`"${name}" is ${described}, not a price list; save it as .xlsx or .csv.`, { fileName: name });
  }
  if (kind === 'text') {
    const csv = await openCsv(path, { fileName: name, encoding: options.encoding });
    return { kind: 'csv', rows: csv.rows, encoding: csv.encoding, delimiter: csv.delimiter };
  }
  const fix = kind === 'old-office' ? 'save it in Excel as "Excel Workbook (.xlsx)" or as CSV' : 'upload a .csv or .xlsx file, or a .zip holding one of them and the images';
  const where = insideZip === undefined ? '' : ` (in "${insideZip}")`;
  throw new ImportInputError(`"${name}"${where} cannot be read as a price list: it looks like ${describeFileKind(kind)}; ${fix}.`, { fileName: name });
}

async function* continueRows(buffered: RawRow[], rest: AsyncIterator<RawRow>): AsyncGenerator<RawRow> {
  yield* buffered;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * Opens an upload as rows, judging its kind by content, never by its name: a ZIP holding
 * xl/workbook.xml is an .xlsx; another ZIP is unpacked (price list + images); text is CSV;
 * PDFs, images and other binary files are refused with a message saying what they look like.
 * The header is the first row with two recognized column names among the first 10 (else the
 * first row). "The file is empty" and "header row but no data rows" are both detected here,
 * by reading ahead, so the caller need not count rows for them.
 */
export async function openRowSource(filePath: string, originalName: string, options: RowSourceOptions = {}): Promise<RowSource> {
  if ((await stat(filePath)).size === 0) throw new ImportInputError(`"${originalName}": the file is empty.`, { fileName: originalName });
  let tempDir: string | undefined;
  let opened: Opened | undefined;
  const cleanup = async () => {
    await opened?.rows.return?.();
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  };
  try {
    const kind = sniffFileKind(await readFileHead(filePath, 8));
    let name = originalName;
    let path = filePath;
    let imageLookup: ImageLookup | undefined;
    if (kind === 'zip' && zipKind(await listZipFiles(filePath, { fileName: originalName, limits: options.limits })) === 'archive') {
      tempDir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'vitrine-import-'));
      const contents = await extractZip(filePath, tempDir, { fileName: originalName, limits: options.limits });
      ({ entryName: name, path } = contents.priceList);
      imageLookup = contents.images;
    }
    opened = await openPriceList(path, name, options, imageLookup ? originalName : undefined);
    const ahead: RawRow[] = [];
    while (ahead.length < LOOK_AHEAD) {
      const next = await opened.rows.next();
      if (next.done) break;
      ahead.push(next.value);
    }
    if (ahead.length === 0) throw new ImportInputError(`"${name}": the file is empty (it has no rows with values).`, { fileName: name });
    const headerAt = pickHeaderRow(ahead.map((r) => r.cells));
    const header = ahead[headerAt]!;
    const data = ahead.slice(headerAt + 1);
    if (data.length === 0) {
      const next = await opened.rows.next();
      if (next.done) throw new ImportInputError(`"${name}": the file has a header row but no data rows.`, { fileName: name, rowNumber: header.rowNumber });
      data.push(next.value);
    }
    return {
      kind: imageLookup ? 'zip' : opened.kind,
      priceListName: name,
      headers: header.cells.map((h) => h.trim()),
      headerRowNumber: header.rowNumber,
      rows: continueRows(data, opened.rows),
      preview: data.slice(0, PREVIEW),
      ...(imageLookup ? { imageLookup } : {}),
      ...(opened.encoding ? { encoding: opened.encoding } : {}),
      ...(opened.delimiter ? { delimiter: opened.delimiter } : {}),
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
