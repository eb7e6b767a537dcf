/** What a file is, judged by its first bytes (never by its name). */
export type FileKind =
  | 'empty' | 'text' | 'zip' | 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'tiff'
  | 'old-office' | 'gzip' | 'rar' | '7z' | 'binary';

const MAGIC: { kind: FileKind; bytes: number[]; at?: number }[] = [
  { kind: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06] }, // an empty ZIP
  { kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46] }, // %PDF
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'webp', bytes: [0x57, 0x45, 0x42, 0x50], at: 8 }, // RIFF....WEBP
  { kind: 'tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { kind: 'tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { kind: 'old-office', bytes: [0xd0, 0xcf, 0x11, 0xe0] }, // .xls/.doc (OLE2)
  { kind: 'gzip', bytes: [0x1f, 0x8b] },
  { kind: 'rar', bytes: [0x52, 0x61, 0x72, 0x21] },
  { kind: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
];

const DESCRIPTIONS: Record<FileKind, string> = {
  empty: 'an empty file',
  text: 'a text file',
  zip: 'a ZIP archive',
  pdf: 'a PDF document',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  webp: 'a WebP image',
  tiff: 'a TIFF image',
  'old-office': 'an old-style Microsoft Office file (.xls or .doc)',
  gzip: 'a gzip archive',
  rar: 'a RAR archive',
  '7z': 'a 7-Zip archive',
  binary: 'a binary (non-text) file',
};

export function describeFileKind(kind: FileKind): string {
  return DESCRIPTIONS[kind];
}

function startsWith(head: Uint8Array, bytes: number[], at = 0): boolean {
  return bytes.every((b, i) => head[at + i] === b);
}

function hasUtf16Bom(head: Uint8Array): boolean {
  return startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
}

/** Judges a file by its first bytes; text is anything without NUL bytes or many control codes. */
export function sniffFileKind(head: Uint8Array): FileKind {
  if (head.length === 0) return 'empty';
  for (const m of MAGIC) if (startsWith(head, m.bytes, m.at)) return m.kind;
  if (hasUtf16Bom(head)) return 'text';
  let control = 0;
  for (const b of head) {
    if (b === 0) return 'binary';
    // Tab, line feed, form feed, carriage return and escape occur in text; other C0 codes do not.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  return control > head.length / 10 ? 'binary' : 'text';
}
