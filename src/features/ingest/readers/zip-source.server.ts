import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { Writable } from 'node:stream';
import { createImageLookup, type ImageLookup } from '../images/image-lookup.ts';
import { ImportInputError } from '../checks/import-input-error.ts';
import { assertLocalHeaderAgrees, inflateEntry, openZip, zipEntries, type ZipEntry } from './zip-archive.server.ts';
import { isSystemFile } from './zip-entry-path.ts';
import { InflateBudget, type ZipLimits } from './zip-limits.server.ts';

export interface ZipContents {
  /** The price list: its name inside the ZIP and where it was unpacked. */
  priceList: { entryName: string; path: string };
  images: ImageLookup;
  /** Files neither unpacked as price list nor as image (documents, SVGs, …), by name in the ZIP. */
  ignored: string[];
}

export interface ZipOptions {
  /** The name the supplier knows the ZIP by, used in messages (default: the path's base name). */
  fileName?: string;
  limits?: Partial<ZipLimits>;
}

// .xml and .cif: BMEcat and Ariba CIF catalogs, read by features/formats once unpacked.
const PRICE_LISTS = new Set(['.csv', '.tsv', '.xlsx', '.xml', '.cif']);
const TEXT_PRICE_LISTS = new Set(['.txt']);
const IMAGES = new Set(['.jpg', '.jpeg', '.jpe', '.jfif', '.png', '.webp', '.avif', '.gif', '.tif', '.tiff']);
const UNSUPPORTED_SHEETS = new Set(['.xls', '.ods', '.numbers']);

function extensionOf(path: string): string {
  return extname(path).toLowerCase();
}

/**
 * The one price list of the archive. A .txt file counts only when there is no .csv, .tsv or
 * .xlsx, so a "readme.txt" beside "prices.csv" is not taken for a second price list.
 */
function choosePriceList(files: ZipEntry[], archiveName: string): ZipEntry {
  const primary = files.filter((f) => PRICE_LISTS.has(extensionOf(f.path)));
  const candidates = primary.length > 0 ? primary : files.filter((f) => TEXT_PRICE_LISTS.has(extensionOf(f.path)));
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    const names = candidates.slice(0, 5).map((f) => `"${f.path}"`).join(', ');
    throw new ImportInputError(
      `"${archiveName}": the ZIP holds several price lists (${names}); put exactly one .csv or .xlsx file in the ZIP.`,
      { fileName: archiveName },
    );
  }
  const oldFormat = files.find((f) => UNSUPPORTED_SHEETS.has(extensionOf(f.path)));
  const hint = oldFormat ? ` It holds "${oldFormat.path}": save that as .xlsx or .csv and put it in the ZIP instead.` : '';
  throw new ImportInputError(`"${archiveName}": the ZIP holds no price list (.csv or .xlsx).${hint}`, { fileName: archiveName });
}

/** A short, safe file name for an unpacked entry: a counter plus the original extension. */
function targetName(index: number, entryPath: string): string {
  const ext = extensionOf(entryPath).replace(/[^.a-z0-9]/g, '');
  return `${String(index).padStart(6, '0')}${ext}`;
}

/**
 * Unpacks an uploaded ZIP into `destDir`: its one price list (.csv/.tsv/.xlsx, or .txt) and its
 * images (by extension; their content is checked later with checkImage). Entries are renamed
 * on disk to numbered files, so no name from the archive ever becomes a path. Refuses archives
 * with entries that escape their folder, and stops unpacking when the bytes actually inflated
 * pass the limits (total size, entry count, compression ratio).
 */
export async function extractZip(zipPath: string, destDir: string, options: ZipOptions = {}): Promise<ZipContents> {
  const archiveName = options.fileName ?? basename(zipPath);
  const budget = new InflateBudget(archiveName, options.limits);
  const zip = await openZip(zipPath, archiveName);
  try {
    budget.assertEntryCount(zip.entryCount);
    const files: ZipEntry[] = [];
    for await (const item of zipEntries(zip, archiveName)) {
      if (!item.isFolder && !isSystemFile(item.path)) files.push(item);
    }
    const priceListEntry = choosePriceList(files, archiveName);
    const images = files.filter((f) => f !== priceListEntry && IMAGES.has(extensionOf(f.path)));
    const ignored = files.filter((f) => f !== priceListEntry && !images.includes(f)).map((f) => f.path);

    await mkdir(join(destDir, 'images'), { recursive: true });
    const priceListPath = join(destDir, `price-list${extensionOf(priceListEntry.path)}`);
    await inflateEntry(zip, priceListEntry, budget, createWriteStream(priceListPath));
    const unpacked: { entryName: string; path: string }[] = [];
    for (const [index, image] of images.entries()) {
      const path = join(destDir, 'images', targetName(index + 1, image.path));
      await inflateEntry(zip, image, budget, createWriteStream(path));
      unpacked.push({ entryName: image.path, path });
    }
    return { priceList: { entryName: priceListEntry.path, path: priceListPath }, images: createImageLookup(unpacked, ignored), ignored };
  } finally {
    zip.close();
  }
}

/** The names of an archive's files (folders and system files left out); nothing is inflated. */
export async function listZipFiles(zipPath: string, options: ZipOptions = {}): Promise<string[]> {
  const archiveName = options.fileName ?? basename(zipPath);
  const zip = await openZip(zipPath, archiveName);
  try {
    new InflateBudget(archiveName, options.limits).assertEntryCount(zip.entryCount);
    const names: string[] = [];
    for await (const item of zipEntries(zip, archiveName)) if (!item.isFolder && !isSystemFile(item.path)) names.push(item.path);
    return names;
  } finally {
    zip.close();
  }
}

/**
 * Inflates every entry and throws away the bytes, to check an archive against the limits
 * before handing it to a library that unpacks without limits (exceljs reading an .xlsx).
 */
export async function assertZipWithinLimits(zipPath: string, options: ZipOptions = {}): Promise<void> {
  const archiveName = options.fileName ?? basename(zipPath);
  const budget = new InflateBudget(archiveName, options.limits);
  const zip = await openZip(zipPath, archiveName);
  try {
    budget.assertEntryCount(zip.entryCount);
    for await (const item of zipEntries(zip, archiveName)) {
      if (item.isFolder) continue;
      await assertLocalHeaderAgrees(zipPath, item, archiveName);
      await inflateEntry(zip, item, budget, new Writable({ write: (_chunk, _encoding, done) => done() }));
    }
  } finally {
    zip.close();
  }
}
