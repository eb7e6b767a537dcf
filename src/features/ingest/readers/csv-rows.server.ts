import { basename } from 'node:path';
import { pipeline } from 'node:stream';
import { CsvError, parse, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { openTextStream } from './decode-text.server.ts';
import { ImportInputError } from '../checks/import-input-error.ts';
import { isBlankRow, type RawRow } from './raw-row.ts';

export type Delimiter = ',' | ';' | '\t';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export interface CsvSource {
  encoding: string;
  delimiter: Delimiter;
  rows: AsyncGenerator<RawRow>;
}

export interface CsvOptions {
  /** The name the supplier knows the file by, used in messages (default: the path's base name). */
  fileName?: string;
  encoding?: string;
  delimiter?: Delimiter;
}

const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_RECORDS = 50;
// Bounds memory per row; a longer row is nearly always a quote that is never closed.
const MAX_ROW_CHARS = 1_000_000;

/** The column count most records share (ties go to more columns), and how many share it. */
function modalColumns(records: readonly string[][]): { columns: number; share: number } {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let best = { columns: 0, share: 0 };
  for (const [columns, count] of counts) if (count > best.share || (count === best.share && columns > best.columns)) best = { columns, share: count };
  return best;
}

/**
 * Picks the delimiter that splits the first rows of `sample` into the same number (≥ 2) of
 * columns most consistently; ties go to the one giving more columns, then to the comma. The
 * count is the one most rows share, not the first row's: a title above the table ("Preisliste
 * 2027") must not rule out the semicolon the table uses.
 */
export function detectDelimiter(sample: string): Delimiter {
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    let records: string[][];
    try {
      records = parseSync(sample, {
        delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true,
        skip_records_with_error: true, to: SAMPLE_RECORDS,
      });
    } catch {
      continue;
    }
    const { columns, share } = modalColumns(records);
    if (columns < 2) continue;
    const score = (share / records.length) * 1000 + columns;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

async function readSample(path: string, fileName: string, encoding?: string): Promise<{ sample: string; encoding: string }> {
  const opened = await openTextStream(path, { fileName, encoding });
  let sample = '';
  for await (const chunk of opened.stream) {
    sample += chunk as string;
    if (sample.length >= SAMPLE_CHARS) break;
  }
  if (sample.length >= SAMPLE_CHARS) {
    // Drop the last, probably cut, line so it does not skew the column counts.
    const cut = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
    if (cut > 0) sample = sample.slice(0, cut);
  }
  return { sample, encoding: opened.encoding };
}

function toInputError(error: unknown, fileName: string, rowNumber: number): unknown {
  if (!(error instanceof CsvError)) return error;
  const where = `Row ${rowNumber} of "${fileName}"`;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new ImportInputError(
      `${where} opens a quoted field (") that is never closed, so the rest of the file cannot be read. ` +
        `Check the quotes in row ${rowNumber}: a quote inside a field must be written twice ("").`,
      { fileName, rowNumber, cause: error },
    );
  }
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return new ImportInputError(
      `${where} is longer than ${MAX_ROW_CHARS.toLocaleString('en')} characters. Usually a quote (") ` +
        `that is never closed makes the rest of the file one long field; check the quotes in row ${rowNumber}.`,
      { fileName, rowNumber, cause: error },
    );
  }
  return new ImportInputError(`${where} could not be read as CSV (${error.message}).`, { fileName, rowNumber, cause: error });
}

async function* readRows(path: string, fileName: string, encoding: string, delimiter: Delimiter): AsyncGenerator<RawRow> {
  const { stream } = await openTextStream(path, { fileName, encoding });
  // on_record runs synchronously in file order, so nextRow is exact even when an error stops
  // the parser while earlier rows are still buffered: it is then the failing row's number.
  let nextRow = 1;
  const options: Options<RawRow | null, string[]> = {
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_ROW_CHARS,
    on_record: (cells) => {
      const rowNumber = nextRow++;
      return isBlankRow(cells) ? null : { rowNumber, cells };
    },
  };
  const parser = parse(options as unknown as Options); // csv-parse types on_record only for string[] records
  pipeline(stream, parser, () => {});
  try {
    for await (const row of parser) yield row as RawRow;
  } catch (error) {
    throw toInputError(error, fileName, nextRow);
  } finally {
    parser.destroy();
  }
}

/**
 * Opens a CSV/TSV/TXT price list: detects the encoding and the delimiter (comma, semicolon
 * or tab) from the start of the file, then streams its non-blank rows. Row numbers are the
 * rows a spreadsheet shows when it opens the file (the header is row 1): blank lines count as
 * rows, and line breaks inside quoted fields do not start new ones.
 */
export async function openCsv(path: string, options: CsvOptions = {}): Promise<CsvSource> {
  const fileName = options.fileName ?? basename(path);
  const { sample, encoding } = await readSample(path, fileName, options.encoding);
  const delimiter = options.delimiter ?? detectDelimiter(sample);
  return { encoding, delimiter, rows: readRows(path, fileName, encoding, delimiter) };
}

/** The rows of a CSV file; see openCsv. */
export async function* csvRows(path: string, options: CsvOptions = {}): AsyncGenerator<RawRow> {
  yield* (await openCsv(path, options)).rows;
}
