import { constants, crc32, deflateRawSync } from 'node:zlib';

// A gzip body made of pieces compressed apart: each piece but the last ends on a sync flush
// (byte-aligned, not final), so the deflate streams can follow each other and decode as one. The
// fast lane compresses a page template's two halves once and only the person bar per request.

/** One piece of a body, compressed on its own, with what the gzip trailer needs of it. */
export interface GzipPiece { deflated: Buffer; plain: Buffer; last: boolean }

const LEVEL = 6;
// Magic, deflate, no flags, no time, no extra flags, Unix.
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);

export function gzipPiece(plain: Buffer, last: boolean): GzipPiece {
  const deflated = deflateRawSync(plain, { level: LEVEL, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
  return { deflated, plain, last };
}

/** The gzip member of the pieces in order (the last one must be `last`): header, bodies, trailer. */
export function gzipOfPieces(pieces: readonly GzipPiece[]): Buffer[] {
  if (!pieces.at(-1)?.last || pieces.slice(0, -1).some((p) => p.last)) throw new Error('only the last gzip piece may end the stream');
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    crc = crc32(piece.plain, crc);
    size += piece.plain.byteLength;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  return [HEADER, ...pieces.map((p) => p.deflated), trailer];
}

/** Whether the request's Accept-Encoding takes gzip (listed, or `*`, with a q above 0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  for (const part of value.toLowerCase().split(',')) {
    const [coding, ...params] = part.trim().split(';').map((s) => s.trim());
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) return true;
  }
  return false;
}
