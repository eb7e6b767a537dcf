import { setImmediate as nextTurn } from 'node:timers/promises';
import { deserialize, serialize } from 'node:v8';

/**
 * A record kept as a small header and then each of its fields on its own, read back with a yield
 * to the event loop between them: a serving process reading a publish's search files whole spent
 * 20–50 ms of one turn on them under load. Big fields are kept raw rather than through V8's
 * serialisation, which copies them into fresh memory, the slow part on this kind of machine:
 *  - a typed array as its bytes, read back as a view of the file's bytes (no copy);
 *  - a string as Latin-1 or UTF-16 bytes;
 *  - a list of strings (PackedStrings pieces) string by string, one per turn;
 *  - anything else (numbers, short lists, maps) through V8's serialisation.
 * Each field starts at a multiple of 8 bytes, so a view of any typed array is aligned.
 */
export function serializeInParts(header: object, content: Record<string, unknown>): Buffer {
  const names = Object.keys(content);
  const pieces = [part(KIND_V8, 0, serialize({ ...header, parts: names })), ...names.map((name) => encodeField(content[name]))];
  return Buffer.concat(pieces.flat());
}

/** A field's bytes: 8 bytes of head (payload length, kind, detail), the payload, zeros to the next multiple of 8. */
function part(kind: number, detail: number, payload: Uint8Array): Uint8Array[] {
  const head = Buffer.alloc(HEAD_BYTES);
  head.writeUInt32LE(payload.byteLength, 0);
  head[4] = kind;
  head[5] = detail;
  return [head, payload, Buffer.alloc(padding(payload.byteLength))];
}

const HEAD_BYTES = 8;
/** A field this small is read in the turn of the one before it. */
const SMALL_BYTES = 16 * 1024;
const padding = (length: number) => (8 - (length % 8)) % 8;
const KIND_V8 = 0;
const KIND_TYPED = 1;
const KIND_STRING = 2;
const KIND_STRINGS = 3;
const TYPED = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array] as const;
type Typed = InstanceType<(typeof TYPED)[number]>;
const LATIN1 = 0;
const UTF16 = 1;

const bytesOf = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

function encodeString(text: string): { detail: number; bytes: Uint8Array } {
  // Latin-1 keeps one byte a character and is read back without decoding.
  return /[^\u0000-\u00ff]/.test(text) ? { detail: UTF16, bytes: Buffer.from(text, 'utf16le') } : { detail: LATIN1, bytes: Buffer.from(text, 'latin1') };
}

function encodeField(value: unknown): Uint8Array[] {
  const typed = TYPED.findIndex((ctor) => value instanceof ctor && value.constructor === ctor);
  if (typed >= 0) return part(KIND_TYPED, typed, bytesOf(value as Typed));
  if (typeof value === 'string') {
    const { detail, bytes } = encodeString(value);
    return part(KIND_STRING, detail, bytes);
  }
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
    // A list of strings: a count, then each string as a part of its own.
    const count = Buffer.alloc(4);
    count.writeUInt32LE(value.length, 0);
    const strings = value.flatMap((text: string) => encodeField(text));
    return part(KIND_STRINGS, 0, Buffer.concat([count, Buffer.alloc(4), ...strings]));
  }
  return part(KIND_V8, 0, serialize(value));
}

/** Reads parts out of `bytes` from `at`, refusing anything that does not fit. */
class PartReader {
  readonly bytes: Buffer;
  at: number;

  constructor(bytes: Buffer, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }

  next(): { kind: number; detail: number; start: number; end: number } {
    if (this.at + HEAD_BYTES > this.bytes.length) throw new Error('serialised record: cut short');
    const length = this.bytes.readUInt32LE(this.at);
    const kind = this.bytes[this.at + 4]!;
    const detail = this.bytes[this.at + 5]!;
    const start = this.at + HEAD_BYTES;
    const end = start + length;
    if (end + padding(length) > this.bytes.length) throw new Error('serialised record: cut short');
    this.at = end + padding(length);
    return { kind, detail, start, end };
  }

  value(field: { kind: number; detail: number; start: number; end: number }): unknown {
    const { kind, detail, start, end } = field;
    const slice = this.bytes.subarray(start, end);
    if (kind === KIND_V8) return deserialize(slice);
    if (kind === KIND_STRING) return slice.toString(detail === UTF16 ? 'utf16le' : 'latin1');
    if (kind === KIND_TYPED) {
      const ctor = TYPED[detail];
      if (!ctor || slice.byteLength % ctor.BYTES_PER_ELEMENT !== 0) throw new Error('serialised record: a typed array that does not fit its type');
      const length = slice.byteLength / ctor.BYTES_PER_ELEMENT;
      // A view where the bytes are aligned for the type (always, in a buffer of its own); a copy otherwise.
      return slice.byteOffset % ctor.BYTES_PER_ELEMENT === 0 ? new ctor(slice.buffer as ArrayBuffer, slice.byteOffset, length) : new ctor(new Uint8Array(slice).buffer, 0, length);
    }
    throw new Error(`serialised record: unknown kind of part ${kind}`);
  }
}

/**
 * The header of `bytes` and, when `wanted(header)` says so, its fields, read with a yield to the
 * event loop before each that takes work to make (a string, a list's every string, a big value
 * of V8's; content null: not wanted). Throws on bytes that are not such a record. Typed arrays
 * may be views of `bytes`: it must not be reused.
 */
export async function deserializeInParts<H extends object>(bytes: Buffer, wanted: (header: H) => boolean): Promise<{ header: H; content: Record<string, unknown> | null }> {
  const reader = new PartReader(bytes);
  const first = reader.next();
  if (first.kind !== KIND_V8) throw new Error('serialised record: no header');
  const { parts, ...header } = reader.value(first) as H & { parts?: unknown };
  if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string')) throw new Error('serialised record: no list of parts');
  if (!wanted(header as H)) return { header: header as H, content: null };
  const content: Record<string, unknown> = {};
  for (const name of parts as string[]) {
    const field = reader.next();
    // A typed array is a view, and a small field quick: a turn of their own would only let
    // the rest of the loop's work come between them.
    if (field.kind !== KIND_TYPED && field.end - field.start > SMALL_BYTES) await nextTurn();
    if (field.kind !== KIND_STRINGS) { content[name] = reader.value(field); continue; }
    if (field.start + 8 > field.end) throw new Error('serialised record: cut short');
    const count = bytes.readUInt32LE(field.start);
    const list = new PartReader(bytes.subarray(0, field.end), field.start + 8);
    const strings: string[] = [];
    for (let i = 0; i < count; i++) {
      if (i > 0) await nextTurn();
      const item = list.next();
      if (item.kind !== KIND_STRING) throw new Error('serialised record: a list of strings holds something else');
      strings.push(reader.value(item) as string);
    }
    if (list.at !== field.end) throw new Error('serialised record: a list of strings holds more');
    content[name] = strings;
  }
  if (reader.at !== bytes.length) throw new Error('serialised record: bytes after the last part');
  return { header: header as H, content };
}
