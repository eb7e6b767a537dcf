import { csvRows } from './csv-rows.server.ts';
import { ImportInputError } from '../checks/import-input-error.ts';
import type { RawRow } from './raw-row.ts';
import { readFileHead } from '../detect/read-file-head.server.ts';
import type { ImportProblem } from '../checks/validate-row.ts';
import { charsetEncoding, DEFAULT_CIF_FIELDS, headerLine, parseFieldNames, type CifHeader } from './cif-header.ts';
import { fieldIndex, readCifLine } from './cif-line.ts';
import { liveRevisionFor, type FormatContext } from './format-context.ts';
import type { CheckedItem, ItemSource } from '../pipeline/item-source.ts';

const SUPPORTED_VERSION = /^3(\.0)?$/;

/** CHARSET is read from the raw bytes first, since it decides how the rest is decoded. */
async function declaredEncoding(path: string, fileName: string): Promise<string | undefined> {
  const head = (await readFileHead(path, 64 * 1024)).toString('latin1');
  for (const line of head.split(/\r\n|\r|\n/)) {
    if (line.trim().toUpperCase() === 'DATA') break;
    const parsed = headerLine(line.replace(/^\uFEFF|^ï»¿/, ''));
    if (parsed?.key !== 'CHARSET') continue;
    const encoding = charsetEncoding(parsed.value);
    if (encoding === null) throw new ImportInputError(`"${fileName}" declares CHARSET: ${parsed.value}, a character set we cannot read; save the catalog as UTF-8.`, { fileName });
    return encoding;
  }
  return undefined;
}

/** Reads the header lines (up to DATA) from the rows, leaving the iterator at the first data line. */
async function readHeader(rows: AsyncIterator<RawRow>, fileName: string): Promise<CifHeader> {
  const header: CifHeader = { version: '', loadMode: 'F', currency: null, charset: null, fieldNames: DEFAULT_CIF_FIELDS, itemCount: null };
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    const { rowNumber, cells } = next.value;
    const line = cells.join(',').trim();
    if (header.version === '') {
      const version = /^CIF_I_V(\d+(?:\.\d+)*)/i.exec(line)?.[1];
      if (version === undefined) throw new ImportInputError(`"${fileName}": line ${rowNumber} should be the CIF signature, such as CIF_I_V3.0.`, { fileName, rowNumber });
      if (!SUPPORTED_VERSION.test(version)) throw new ImportInputError(`"${fileName}" is a CIF ${version} catalog; Vitrine reads CIF 3.0. Export the catalog as CIF 3.0.`, { fileName, rowNumber });
      header.version = version;
      continue;
    }
    if (line.toUpperCase() === 'DATA') return header;
    const parsed = headerLine(line);
    if (!parsed) throw new ImportInputError(`"${fileName}": line ${rowNumber} of the CIF header is "${line.slice(0, 60)}", not a "NAME: value" line; the header must end with a line DATA before the items.`, { fileName, rowNumber });
    if (parsed.key === 'LOADMODE') {
      const mode = parsed.value.toUpperCase();
      if (mode === 'F' || mode === 'FULL') header.loadMode = 'F';
      else if (mode === 'I' || mode === 'INCREMENTAL') header.loadMode = 'I';
      else throw new ImportInputError(`"${fileName}": line ${rowNumber} says LOADMODE: ${parsed.value}; expected F (full) or I (incremental).`, { fileName, rowNumber });
    } else if (parsed.key === 'CURRENCY') header.currency = parsed.value.toUpperCase() || null;
    else if (parsed.key === 'FIELDNAMES') {
      const names = parseFieldNames(parsed.value);
      if (names === null) throw new ImportInputError(`"${fileName}": line ${rowNumber} (FIELDNAMES) has a quote in the wrong place; quote a field name whole, such as "Unit Price".`, { fileName, rowNumber });
      header.fieldNames = names;
    }
    else if (parsed.key === 'ITEMCOUNT' && /^\d+$/.test(parsed.value)) header.itemCount = { value: Number(parsed.value), line: rowNumber };
  }
  throw new ImportInputError(`"${fileName}": the CIF header never ends: there is no line DATA before the items.`, { fileName });
}

/** What the header says that the catalog agrees with: its currency, the fields an item needs, a live revision for an incremental load. */
function checkHeader(header: CifHeader, fileName: string, context: FormatContext): { index: Map<string, number>; live: number | null } | string {
  const { currency } = context.catalog;
  if (header.currency && header.currency !== currency) return `"${fileName}" is a catalog in ${header.currency} (CURRENCY), but "${context.catalog.name}" is priced in ${currency}. Upload it to a catalog in ${header.currency}.`;
  const index = fieldIndex(header.fieldNames);
  const missing = ['Supplier Part ID', 'Unit Price'].filter((name) => !index.has(name.toLowerCase().replace(/[^a-z0-9]/g, '')));
  if (!index.has('itemdescription') && !index.has('shortname')) missing.push('Item Description');
  if (missing.length > 0) return `"${fileName}": FIELDNAMES has no ${missing.join(', ')} field; a CIF catalog needs them.`;
  const live = header.loadMode === 'I' ? liveRevisionFor(context, 'an incremental CIF load (LOADMODE: I)') : null;
  if (typeof live === 'string') return live;
  return { index, live };
}

interface CifRead {
  rows: AsyncIterator<RawRow>;
  header: CifHeader;
  index: Map<string, number>;
  fileName: string;
  lineContext: { currency: string; loadMode: CifHeader['loadMode']; now: Date };
  /** Filled while the items are read: SKUs an incremental load deletes, and problems about the whole file. */
  deletedSkus: Map<string, number>;
  fileProblems: ImportProblem[];
}

/** The data lines up to ENDOFDATA as checked items; a file cut short is refused, a wrong ITEMCOUNT is a warning. */
async function* cifItems(read: CifRead): AsyncGenerator<CheckedItem> {
  const { rows, header, fileName } = read;
  let count = 0;
  let ended = false;
  try {
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      const { rowNumber, cells } = next.value;
      if (cells.length === 1 && cells[0]!.trim().toUpperCase() === 'ENDOFDATA') { ended = true; break; }
      count++;
      const line = readCifLine(cells, header.fieldNames, read.index, rowNumber, read.lineContext);
      if (line.isDelete && header.loadMode === 'I' && line.sku !== '') read.deletedSkus.set(line.sku, rowNumber);
      yield line.checked;
    }
  } finally {
    await rows.return?.(undefined);
  }
  if (!ended) throw new ImportInputError(`"${fileName}" ends without ENDOFDATA after ${count} items: it may be cut short. Export it again; nothing was loaded.`, { fileName });
  if (header.itemCount && header.itemCount.value !== count) {
    read.fileProblems.push({
      severity: 'warning', rowNumber: header.itemCount.line, column: 'ITEMCOUNT', value: String(header.itemCount.value), expected: `${count}, the number of items between DATA and ENDOFDATA`,
      message: `Line ${header.itemCount.line}: ITEMCOUNT says ${header.itemCount.value} items, but the file holds ${count}.`,
    });
  }
}

/**
 * Reads an Ariba CIF 3.0 catalog: the header (LOADMODE, CURRENCY, FIELDNAMES…), then the data
 * lines (CSV with commas and double quotes) up to ENDOFDATA. LOADMODE F gives a full revision;
 * I changes the live one (lines add or replace items, "Delete" = T removes them). A file that
 * ends without ENDOFDATA is refused as cut short, since a partial full load would remove items.
 */
export async function openCifSource(path: string, fileName: string, context: FormatContext): Promise<Omit<ItemSource, 'cleanup' | 'imageLookup'>> {
  const encoding = await declaredEncoding(path, fileName);
  const rows = csvRows(path, { fileName, delimiter: ',', ...(encoding ? { encoding } : {}) })[Symbol.asyncIterator]();
  let header: CifHeader;
  try {
    header = await readHeader(rows, fileName);
  } catch (error) {
    await rows.return?.(undefined);
    throw error;
  }
  const checked = checkHeader(header, fileName, context);
  if (typeof checked === 'string') {
    await rows.return?.(undefined);
    throw new ImportInputError(checked, { fileName });
  }
  const { index, live } = checked;
  const read: CifRead = {
    rows, header, index, fileName, deletedSkus: new Map(), fileProblems: [],
    lineContext: { currency: context.catalog.currency, loadMode: header.loadMode, now: context.now },
  };
  return {
    format: `cif-3.0${header.loadMode === 'I' ? '-incremental' : ''}`,
    columns: { sku: 'Supplier Part ID', gtin: 'GTIN', image: 'Image', price: 'Unit Price' },
    items: cifItems(read),
    fileProblems: () => read.fileProblems,
    ...(live !== null ? { update: { liveRevisionId: live, outcome: () => ({ deletedSkus: read.deletedSkus }) } } : {}),
  };
}
