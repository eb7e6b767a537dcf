// yauzl 3.4 ships no types and @types/yauzl is not installed: the subset this folder uses.
declare module 'yauzl' {
  import type { EventEmitter } from 'node:events';
  import type { Readable } from 'node:stream';

  export interface Options {
    autoClose?: boolean;
    lazyEntries?: boolean;
    /** When false, fileName is the raw Buffer and no file-name validation is done. */
    decodeStrings?: boolean;
    validateEntrySizes?: boolean;
    strictFileNames?: boolean;
  }

  export interface ExtraField { id: number; data: Buffer }

  export interface Entry {
    /** A string, or the raw bytes when the ZIP was opened with decodeStrings: false. */
    fileName: string | Buffer;
    fileNameRaw: Buffer;
    extraFields: ExtraField[];
    generalPurposeBitFlag: number;
    compressionMethod: number;
    compressedSize: number;
    uncompressedSize: number;
    crc32: number;
    relativeOffsetOfLocalHeader: number;
    externalFileAttributes: number;
    isEncrypted(): boolean;
    canDecodeFileData(): boolean;
  }

  export interface ZipFile extends EventEmitter {
    readonly entryCount: number;
    readonly isOpen: boolean;
    readEntry(): void;
    close(): void;
    openReadStream(entry: Entry, callback: (error: Error | null, stream: Readable) => void): void;
  }

  export function open(path: string, options: Options, callback: (error: Error | null, zipfile: ZipFile) => void): void;
  export function getFileNameLowLevel(generalPurposeBitFlag: number, fileNameBuffer: Buffer, extraFields: ExtraField[], strictFileNames: boolean): string;

  const yauzl: { open: typeof open; getFileNameLowLevel: typeof getFileNameLowLevel };
  export default yauzl;
}
