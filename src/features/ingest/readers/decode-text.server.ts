import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline, type Readable, type Transform } from 'node:stream';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { ImportInputError } from '../checks/import-input-error.ts';
import { describeUpload, judgeUpload } from '../detect/judge-upload.ts';
import { readFileHead } from '../detect/read-file-head.server.ts';

export interface DetectedEncoding {
  /** An iconv-lite encoding name: 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252', … */
  encoding: string;
  /** Bytes of byte-order mark to skip before decoding. */
  bomLength: number;
}

const SAMPLE_BYTES = 64 * 1024;
// chardet cannot tell the Western 8-bit code pages apart on short samples; Windows-1252 is a
// superset of ISO-8859-1's printable characters, so all of these are read as Windows-1252.
const WESTERN = new Set(['ISO-8859-1', 'ISO-8859-15', 'windows-1252']);
const CONFIDENT = 70;

function isUtf8(sample: Uint8Array): boolean {
  try {
    // stream: true tolerates a character cut in half at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decides how to decode a text file from its first bytes: a BOM wins (UTF-8, UTF-16 LE/BE);
 * else valid UTF-8 (plain ASCII included) is UTF-8; else an 8-bit file is Windows-1252 unless
 * chardet is confident (≥ 70) that it is another encoding iconv-lite can decode.
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (isUtf8(sample)) return { encoding: 'utf-8', bomLength: 0 };
  const best = chardet.analyse(sample)[0];
  if (best && !WESTERN.has(best.name) && best.confidence >= CONFIDENT && iconv.encodingExists(best.name)) {
    return { encoding: best.name.toLowerCase(), bomLength: 0 };
  }
  return { encoding: 'windows-1252', bomLength: 0 };
}

/** Refuses anything that is not text, naming what the file looks like instead. */
export function assertText(head: Uint8Array, fileName: string): void {
  const upload = judgeUpload(head);
  if (upload.kind === 'text' || upload.kind === 'empty') return;
  throw new ImportInputError(
    `"${fileName}" cannot be read as a CSV or text price list: it looks like ${describeUpload(upload)}. ` +
      'Upload the price list as a .csv, .txt or .xlsx file.',
    { fileName },
  );
}

/**
 * Opens a text file as a stream of decoded strings, reading it in chunks (never whole).
 * `encoding` overrides detection (e.g. a choice the supplier made after seeing garbled text).
 */
export async function openTextStream(
  path: string,
  options: { fileName?: string; encoding?: string } = {},
): Promise<{ stream: Readable; encoding: string }> {
  const fileName = options.fileName ?? basename(path);
  const head = await readFileHead(path, SAMPLE_BYTES);
  assertText(head, fileName);
  const detected = detectEncoding(head);
  if (options.encoding !== undefined && !iconv.encodingExists(options.encoding)) {
    throw new ImportInputError(`"${options.encoding}" is not a text encoding we know; choose for example UTF-8 or Windows-1252.`, { fileName });
  }
  const encoding = options.encoding ?? detected.encoding;
  // A BOM is skipped only when it matches the encoding used.
  const start = options.encoding === undefined || options.encoding === detected.encoding ? detected.bomLength : 0;
  const decoder = iconv.decodeStream(encoding) as unknown as Transform;
  // pipeline closes the file when the reader stops early and passes read errors on to the decoder.
  const stream = pipeline(createReadStream(path, { start, highWaterMark: SAMPLE_BYTES }), decoder, () => {});
  return { stream, encoding };
}
