import { posix } from 'node:path';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import type { ZipFile } from 'yauzl';
import { ImportInputError } from '../checks/import-input-error.ts';
import { assertLocalHeaderAgrees, crcCheck, openEntryStream, openZip, zipEntries, type ZipEntry } from './zip-archive.server.ts';
import { InflateBudget, type ZipLimits } from './zip-limits.server.ts';

/**
 * An .xlsx opened as the ZIP package it is: its parts are found through the archive's central
 * directory and read in whatever order the reader needs, not in the order they were stored.
 * Reading a workbook as one pass over its stored order made its correctness depend on that order
 * and on a streaming unzipper's timing (a sheet stored before the workbook part that names it).
 */
export interface XlsxPackage {
  /** The part at a package path (no leading slash, e.g. "xl/workbook.xml"), if the package holds it. */
  has(part: string): boolean;
  /**
   * A part's text as a stream of strings, inflated under the upload's limits and checked against
   * its CRC. UTF-8 is decoded across chunk boundaries: a character split between two chunks
   * must not become two replacement characters in a product name.
   */
  text(part: string): Readable;
  /** Stops every part still being read and closes the file. */
  close(): void;
}

/** Package paths compare without case (OPC part names are case-insensitive). */
const key = (part: string) => part.replace(/^\/+/, '').toLowerCase();

/**
 * The package path a relationship's target names, relative to the folder of the part whose
 * relationships it is (e.g. "worksheets/sheet1.xml" from "xl/workbook.xml"), or absolute ("/xl/…").
 * Null when it would leave the package.
 */
export function resolvePartTarget(sourceFolder: string, target: string): string | null {
  const joined = target.startsWith('/') ? target.slice(1) : posix.join(sourceFolder, target);
  const normalized = posix.normalize(joined);
  return normalized.startsWith('../') || normalized === '..' ? null : normalized;
}

export async function openXlsxPackage(path: string, fileName: string, limits: Partial<ZipLimits>): Promise<XlsxPackage> {
  const budget = new InflateBudget(fileName, limits);
  const zip: ZipFile = await openZip(path, fileName);
  const parts = new Map<string, ZipEntry>();
  try {
    budget.assertEntryCount(zip.entryCount);
    for await (const item of zipEntries(zip, fileName)) if (!item.isFolder) parts.set(key(item.path), item);
  } catch (error) {
    zip.close();
    throw error;
  }
  const reading = new Set<Readable>();
  return {
    has: (part) => parts.has(key(part)),
    text(part) {
      const item = parts.get(key(part));
      if (!item) throw new ImportInputError(`"${fileName}" has no part "${part}".`, { fileName });
      // setEncoding decodes with a StringDecoder, which keeps a character's bytes whole across chunks.
      const decoded = new PassThrough().setEncoding('utf8');
      reading.add(decoded);
      decoded.once('close', () => reading.delete(decoded));
      // A part whose local header tells another story than the directory is damaged, or made to
      // show other readers (the annotated report's) other bytes: refused, not read either way.
      assertLocalHeaderAgrees(path, item, fileName).then(() => openEntryStream(zip, item, fileName)).then(
        (source) => pipeline(source, budget.guard(item.name, item.entry.compressedSize), crcCheck(item.entry.crc32), decoded, () => {}),
        (error: unknown) => decoded.destroy(error as Error),
      );
      return decoded;
    },
    close() {
      for (const stream of reading) stream.destroy();
      zip.close();
    },
  };
}
