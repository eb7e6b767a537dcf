import { open } from 'node:fs/promises';
import { Transform, type Writable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ImportInputError } from '../checks/import-input-error.ts';
import { safeEntryPath } from './zip-entry-path.ts';
import type { InflateBudget } from './zip-limits.server.ts';

/** An entry of an archive with its decoded name, already checked not to escape its folder. */
export interface ZipEntry { entry: Entry; name: string; path: string; isFolder: boolean }

function damaged(archiveName: string, cause: unknown, entryName?: string): ImportInputError {
  const what = entryName === undefined ? `"${archiveName}"` : `"${entryName}" in "${archiveName}"`;
  return new ImportInputError(
    `${what} is damaged or not a ZIP archive we can read (it may have been cut short during upload). Create the ZIP again and upload it.`,
    { fileName: archiveName, cause },
  );
}

/** Opens an archive for reading one entry at a time; file names are decoded by entryName. */
export async function openZip(path: string, archiveName: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // autoClose off: entries are unpacked after the whole directory has been read.
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (error, zip) => {
      if (error) return reject(damaged(archiveName, error));
      // Errors are taken by nextEntry while it waits; one emitted between reads must not crash.
      zip.on('error', () => {});
      resolve(zip);
    });
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const done = () => { zip.off('entry', onEntry); zip.off('end', onEnd); zip.off('error', onError); };
    const onEntry = (entry: Entry) => { done(); resolve(entry); };
    const onEnd = () => { done(); resolve(null); };
    const onError = (error: Error) => { done(); reject(error); };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/**
 * Reads the archive's directory entry by entry (nothing is inflated), refusing the whole
 * archive as soon as one entry's path would escape the folder it is unpacked into.
 */
export async function* zipEntries(zip: ZipFile, archiveName: string): AsyncGenerator<ZipEntry> {
  for (;;) {
    let entry: Entry | null;
    try {
      entry = await nextEntry(zip);
    } catch (error) {
      throw damaged(archiveName, error);
    }
    if (entry === null) return;
    // strictFileNames keeps backslashes so safeEntryPath sees "..\" climbs too.
    const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
    const safe = safeEntryPath(name);
    if (!safe.ok) {
      throw new ImportInputError(
        `"${archiveName}" was refused: the entry "${name}" would be unpacked outside its folder (${safe.reason}). Create the ZIP again from a normal folder.`,
        { fileName: archiveName },
      );
    }
    yield { entry, name, path: safe.path, isFolder: safe.isFolder };
  }
}

function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) return true;
  return error instanceof Error && /bytes in the stream|invalid|unexpected EOF|overflows|CRC/i.test(error.message);
}

/** Passes bytes through and fails at the end when their CRC-32 is not the one the archive records (yauzl does not check it). */
export function crcCheck(expected: number): Transform {
  let crc = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) { crc = crc32(chunk, crc); callback(null, chunk); },
    flush(callback) { callback(crc >>> 0 === expected >>> 0 ? null : new Error('invalid CRC-32: the entry\'s bytes are not the ones the archive recorded')); },
  });
}

/**
 * Checks that an entry's local header (what streaming unzippers such as exceljs's read) agrees
 * with the central directory (what yauzl reads): a crafted or damaged archive where they differ
 * would show one reader other bytes than the other, and stalled exceljs for good.
 */
export async function assertLocalHeaderAgrees(zipPath: string, item: ZipEntry, archiveName: string): Promise<void> {
  const { entry } = item;
  const handle = await open(zipPath, 'r');
  try {
    const header = Buffer.alloc(30);
    const { bytesRead } = await handle.read(header, 0, 30, entry.relativeOffsetOfLocalHeader);
    const sizesInHeader = (header.readUInt16LE(6) & 0x8) === 0; // bit 3: sizes follow the data instead
    const agrees = bytesRead === 30 && header.readUInt32LE(0) === 0x04034b50 && header.readUInt16LE(8) === entry.compressionMethod
      && (!sizesInHeader || (header.readUInt32LE(14) === entry.crc32 >>> 0 && header.readUInt32LE(18) === entry.compressedSize && header.readUInt32LE(22) === entry.uncompressedSize));
    if (!agrees) throw damaged(archiveName, new Error('local header disagrees with the central directory'), item.name);
  } finally {
    await handle.close();
  }
}

/**
 * An entry's inflated bytes, unchecked (pipe them through an InflateBudget guard and crcCheck).
 * Refuses, in the supplier's words, entries that are encrypted or packed with another method.
 */
export async function openEntryStream(zip: ZipFile, item: ZipEntry, archiveName: string): Promise<NodeJS.ReadableStream> {
  const { entry, name } = item;
  if (entry.isEncrypted()) {
    throw new ImportInputError(`"${name}" in "${archiveName}" is password-protected; upload the ZIP without a password.`, { fileName: archiveName });
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new ImportInputError(
      `"${name}" in "${archiveName}" is compressed with a method we cannot read; create the ZIP with the standard "deflate" method (your system's built-in "compress" does).`,
      { fileName: archiveName },
    );
  }
  return new Promise<NodeJS.ReadableStream>((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}

/** Inflates one entry into `destination` through the budget's guard. */
export async function inflateEntry(zip: ZipFile, item: ZipEntry, budget: InflateBudget, destination: Writable): Promise<void> {
  const { entry, name } = item;
  const archiveName = budget.archiveName;
  try {
    const source = await openEntryStream(zip, item, archiveName);
    await pipeline(source, budget.guard(name, entry.compressedSize), crcCheck(entry.crc32), destination);
  } catch (error) {
    if (error instanceof ImportInputError) throw error;
    if (isDataError(error)) throw damaged(archiveName, error, name);
    throw error;
  }
}
