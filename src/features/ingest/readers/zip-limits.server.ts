import { Transform } from 'node:stream';
import { ImportInputError } from '../checks/import-input-error.ts';

/** Bounds on what unpacking one upload may cost; checked on the bytes actually inflated. */
export interface ZipLimits {
  /** Total bytes all unpacked entries may add up to. */
  maxTotalBytes: number;
  /** Number of entries in the archive's directory. */
  maxEntries: number;
  /** Unpacked size / packed size above which an entry counts as a ZIP bomb… */
  maxRatio: number;
  /** …once it has unpacked more than this many bytes (tiny files compress well legitimately). */
  ratioGraceBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntries: 10_000,
  maxRatio: 200,
  ratioGraceBytes: 1024 ** 2,
};

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/**
 * Counts the bytes inflated from one archive, across its entries, and stops the stream with an
 * ImportInputError as soon as a limit is passed: the sizes written in the ZIP's headers are
 * never trusted, since a crafted archive can lie about them.
 */
export class InflateBudget {
  readonly limits: ZipLimits;
  readonly archiveName: string;
  totalBytes = 0;

  constructor(archiveName: string, limits: Partial<ZipLimits> = {}) {
    this.archiveName = archiveName;
    this.limits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  }

  assertEntryCount(count: number): void {
    if (count > this.limits.maxEntries) {
      throw new ImportInputError(
        `"${this.archiveName}" holds ${count.toLocaleString('en')} files, more than the ${this.limits.maxEntries.toLocaleString('en')} accepted in one upload.`,
        { fileName: this.archiveName },
      );
    }
  }

  /** A pass-through stream for one entry's inflated bytes that enforces the limits. */
  guard(entryName: string, compressedSize: number): Transform {
    let entryBytes = 0;
    const { limits, archiveName } = this;
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        entryBytes += chunk.length;
        this.totalBytes += chunk.length;
        if (this.totalBytes > limits.maxTotalBytes) {
          callback(new ImportInputError(
            `"${archiveName}" unpacks to more than ${formatBytes(limits.maxTotalBytes)} (stopped at "${entryName}"), ` +
              'above the limit for one upload. Split it into smaller ZIP files.',
            { fileName: archiveName },
          ));
          return;
        }
        if (entryBytes > limits.ratioGraceBytes && entryBytes > limits.maxRatio * Math.max(compressedSize, 1)) {
          callback(new ImportInputError(
            `"${entryName}" in "${archiveName}" unpacks to more than ${limits.maxRatio} times its packed size, ` +
              'which only deliberately crafted files ("ZIP bombs") do; the upload was refused.',
            { fileName: archiveName },
          ));
          return;
        }
        callback(null, chunk);
      },
    });
  }
}
