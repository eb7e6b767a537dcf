import { detectCatalogFormat, type CatalogFormat } from './detect-format.ts';
import { describeFileKind, sniffFileKind, type FileKind } from './sniff-file-kind.ts';

export type { CatalogFormat } from './detect-format.ts';

/** What an uploaded file is, judged by its content (never by its name). */
export type DetectedUpload =
  | { kind: 'empty' }
  /** Text: a BMEcat or CIF catalog, other XML, or a table (CSV) by its first bytes. */
  | { kind: 'text'; format: CatalogFormat }
  /** A ZIP: an .xlsx workbook, an OpenDocument file, or an archive (a price list with its images). */
  | { kind: 'zip'; holds: 'xlsx' | 'ods' | 'archive'; entries: readonly string[] }
  /** Anything we do not read (PDF, images, old Office files, other archives and binaries). */
  | { kind: 'other'; fileKind: Exclude<FileKind, 'empty' | 'text' | 'zip'> };

/** What a ZIP-format file is, by the names inside it. */
function zipHolds(entries: readonly string[]): 'xlsx' | 'ods' | 'archive' {
  if (entries.includes('xl/workbook.xml')) return 'xlsx';
  if (entries.includes('mimetype') && entries.includes('content.xml')) return 'ods';
  return 'archive';
}

/**
 * Judges a file from its first bytes and, for a ZIP, the names of its entries: which kind of
 * file it is, and for text which catalog format its content is.
 */
export function judgeUpload(head: Uint8Array, zipEntries: readonly string[] = []): DetectedUpload {
  const kind: FileKind = sniffFileKind(head);
  if (kind === 'empty') return { kind };
  if (kind === 'text') return { kind, format: detectCatalogFormat(head) };
  if (kind === 'zip') return { kind, holds: zipHolds(zipEntries), entries: zipEntries };
  return { kind: 'other', fileKind: kind };
}

/** What a file we do not read looks like, in words: "a PDF document", "a ZIP archive". */
export function describeUpload(upload: DetectedUpload): string {
  return describeFileKind(upload.kind === 'other' ? upload.fileKind : upload.kind);
}
