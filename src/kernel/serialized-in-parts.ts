import { deserialize, serialize } from 'node:v8';

/**
 * A record kept as a small header and then each of its fields serialised on its own (V8's
 * serialisation), each behind its byte length. Read back, the header comes first, so a file that
 * is not the one wanted is refused without reading the rest; then the fields one per turn of the
 * event loop. A serving process reading a publish's search files whole spent 20–50 ms of one turn
 * on them under load; field by field, no turn holds more than the largest field.
 */
export function serializeInParts(header: object, content: Record<string, unknown>): Buffer {
  const names = Object.keys(content);
  const pieces = [serialize({ ...header, parts: names }), ...names.map((name) => serialize(content[name]))];
  const out = Buffer.allocUnsafe(pieces.reduce((n, piece) => n + LENGTH_BYTES + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.writeUInt32LE(piece.length, at);
    piece.copy(out, at + LENGTH_BYTES);
    at += LENGTH_BYTES + piece.length;
  }
  return out;
}

const LENGTH_BYTES = 4;

/**
 * The header of `bytes` and, when `wanted(header)` says so, its fields, read with a yield to the
 * event loop before each (content null: not wanted). Throws on bytes that are not such a record.
 */
export async function deserializeInParts<H extends object>(bytes: Buffer, wanted: (header: H) => boolean): Promise<{ header: H; content: Record<string, unknown> | null }> {
  let at = 0;
  const next = () => {
    if (at + LENGTH_BYTES > bytes.length) throw new Error('serialised record: cut short');
    const length = bytes.readUInt32LE(at);
    const start = at + LENGTH_BYTES;
    if (start + length > bytes.length) throw new Error('serialised record: cut short');
    at = start + length;
    return deserialize(bytes.subarray(start, start + length)) as unknown;
  };
  const { parts, ...header } = next() as H & { parts?: unknown };
  if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string')) throw new Error('serialised record: no list of parts');
  if (!wanted(header as H)) return { header: header as H, content: null };
  const content: Record<string, unknown> = {};
  for (const name of parts as string[]) {
    await new Promise((resolve) => setImmediate(resolve));
    content[name] = next();
  }
  if (at !== bytes.length) throw new Error('serialised record: bytes after the last part');
  return { header: header as H, content };
}
