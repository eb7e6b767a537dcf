import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCsv, type Delimiter } from './csv-rows.server.ts';
import type { ImageLookup } from '../images/image-lookup.ts';
import { ImportInputError } from '../checks/import-input-error.ts';
import type { RawRow } from './raw-row.ts';
import { pickHeaderRow } from '../mapping/recognize-headers.ts';
import { detectUpload } from '../detect/detect-upload.server.ts';
import { describeUpload, type DetectedUpload } from '../detect/judge-upload.ts';
import { xlsxRows } from './xlsx-rows.server.ts';
import { extractZip } from './zip-source.server.ts';
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

async function openPriceList(path: string, name: string, upload: DetectedUpload, options: RowSourceOptions, insideZip: string | undefined): Promise<Opened> {
  if (upload.kind === 'empty') throw new ImportInputError(`"${name}": the file is empty.`, { fileName: name });
  if (upload.kind === 'zip') {
    if (upload.holds === 'xlsx') return { kind: 'xlsx', rows: xlsxRows(path, { fileName: name, sheet: options.sheet, limits: options.limits }) };
    const described = upload.holds === 'ods' ? 'an OpenDocument file (.ods)' : 'a ZIP archive';
    throw new ImportInputError(`"${name}" is ${described}, not a price list; save it as .xlsx or .csv.`, { fileName: name });
  }
  if (upload.kind === 'text') {
    const csv = await openCsv(path, { fileName: name, encoding: options.encoding });
    return { kind: 'csv', rows: csv.rows, encoding: csv.encoding, delimiter: csv.delimiter };
  }
  const fix = upload.fileKind === 'old-office' ? 'save it in Excel as "Excel Workbook (.xlsx)" or as CSV' : 'upload a .csv or .xlsx file, or a .zip holding one of them and the images';
  const where = insideZip === undefined ? '' : ` (in "${insideZip}")`;
  throw new ImportInputError(`"${name}"${where} cannot be read as a price list: it looks like ${describeUpload(upload)}; ${fix}.`, { fileName: name });
}

async function* continueRows(buffered: RawRow[], rest: AsyncIterator<RawRow>): AsyncGenerator<RawRow> {
  yield* buffered;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * Reads the first rows ahead: the header is the first row with two recognized column names
 * among them (else the first row), and at least one data row must follow it.
 */
async function readHeaderAhead(rows: AsyncIterator<RawRow>, name: string): Promise<{ header: RawRow; data: RawRow[] }> {
  const ahead: RawRow[] = [];
  while (ahead.length < LOOK_AHEAD) {
    const next = await rows.next();
    if (next.done) break;
    ahead.push(next.value);
  }
  if (ahead.length === 0) throw new ImportInputError(`"${name}": the file is empty (it has no rows with values).`, { fileName: name });
  const headerAt = pickHeaderRow(ahead.map((r) => r.cells));
  const header = ahead[headerAt]!;
  const data = ahead.slice(headerAt + 1);
  if (data.length === 0) {
    const next = await rows.next();
    if (next.done) throw new ImportInputError(`"${name}": the file has a header row but no data rows.`, { fileName: name, rowNumber: header.rowNumber });
    data.push(next.value);
  }
  return { header, data };
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
    const upload = await detectUpload(filePath, { fileName: originalName, limits: options.limits });
    let name = originalName;
    let path = filePath;
    let priceList = upload;
    let imageLookup: ImageLookup | undefined;
    if (upload.kind === 'zip' && upload.holds === 'archive') {
      tempDir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'vitrine-import-'));
      const contents = await extractZip(filePath, tempDir, { fileName: originalName, limits: options.limits });
      ({ entryName: name, path } = contents.priceList);
      imageLookup = contents.images;
      priceList = await detectUpload(path, { fileName: name, limits: options.limits });
    }
    opened = await openPriceList(path, name, priceList, options, imageLookup ? originalName : undefined);
    const { header, data } = await readHeaderAhead(opened.rows, name);
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
