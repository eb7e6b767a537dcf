import fc from 'fast-check';

// Byte strings that break readers in interesting ways when dropped into a file.
export const HOSTILE_CHUNKS: Record<string, Uint8Array> = {
  nul: Uint8Array.of(0),
  utf8Bom: Uint8Array.of(0xef, 0xbb, 0xbf),
  utf16LeBom: Uint8Array.of(0xff, 0xfe),
  utf16BeBom: Uint8Array.of(0xfe, 0xff),
  quote: Buffer.from('"'),
  quotes: Buffer.from('"""'),
  crlf: Buffer.from('\r\n'),
  cr: Buffer.from('\r'),
  comma: Buffer.from(','),
  semicolon: Buffer.from(';'),
  tab: Buffer.from('\t'),
  lt: Buffer.from('<'),
  amp: Buffer.from('&'),
  cdataEnd: Buffer.from(']]>'),
  entity: Buffer.from('&lol9;'),
  badUtf8: Uint8Array.of(0xc3, 0x28),
  overlong: Uint8Array.of(0xc0, 0xaf),
  surrogate: Uint8Array.of(0xed, 0xa0, 0x80),
  lineSeparator: Buffer.from('\u2028'),
  high: Uint8Array.of(0xff, 0xfe, 0xfd, 0x80),
  formula: Buffer.from('=HYPERLINK("http://x","y")'),
  zipSignature: Uint8Array.of(0x50, 0x4b, 0x03, 0x04),
  bigNumber: Buffer.from('9'.repeat(400)),
};
const CHUNK_NAMES = Object.keys(HOSTILE_CHUNKS);

/** One change to a file's bytes; positions are taken modulo the length when applied. */
export type ByteMutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'truncate'; at: number }
  /** Cut at one of the seed's structural boundaries (line, field, tag, ZIP record). */
  | { op: 'cut'; boundary: number; offset: number }
  | { op: 'insert'; at: number; chunk: string; times: number }
  | { op: 'hugeField'; at: number; length: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'repeat'; at: number; length: number; times: number };

const position = fc.nat({ max: 1 << 30 });

const times = fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: 2, max: 50 }) }, { weight: 1, arbitrary: fc.integer({ min: 51, max: 5000 }) });
// Rare, since each costs a megabyte: past the CSV reader's 1,000,000-character row limit.
const fieldLength = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 100, max: 70_000 }) }, { weight: 1, arbitrary: fc.constant(1_000_001) });

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.nat({ max: 7 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('set' as const), at: position, value: fc.oneof(fc.constantFrom(0, 0x22, 0x2c, 0x3b, 0x0a, 0x0d, 0x3c, 0x3e, 0x26, 0x7f, 0x80, 0xff), fc.nat({ max: 255 })) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('cut' as const), boundary: fc.nat(), offset: fc.integer({ min: -2, max: 2 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, chunk: fc.constantFrom(...CHUNK_NAMES), times }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('hugeField' as const), at: position, length: fieldLength }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 100 }) }) },
);

/** Up to `max` byte mutations, most cases with none or one (so seeds also run clean). */
export const byteMutations = (max = 3) => fc.oneof({ weight: 1, arbitrary: fc.constant([] as ByteMutation[]) }, { weight: 3, arbitrary: fc.array(byteMutation, { minLength: 1, maxLength: max }) });

function concat(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

/** Applies mutations in order; boundaries are offsets in the unmutated seed (kept in range). */
export function applyByteMutations(seed: Uint8Array, mutations: readonly ByteMutation[], boundaries: readonly number[] = []): Uint8Array {
  let bytes = seed;
  for (const m of mutations) {
    const at = 'at' in m ? m.at % (bytes.length + 1) : 0;
    switch (m.op) {
      case 'flip':
        if (bytes.length > 0) { bytes = Uint8Array.from(bytes); bytes[at % bytes.length]! ^= 1 << m.bit; }
        break;
      case 'set':
        if (bytes.length > 0) { bytes = Uint8Array.from(bytes); bytes[at % bytes.length] = m.value; }
        break;
      case 'truncate':
        bytes = bytes.subarray(0, at);
        break;
      case 'cut': {
        if (boundaries.length === 0) break;
        const cutAt = Math.max(0, Math.min(bytes.length, boundaries[m.boundary % boundaries.length]! + m.offset));
        bytes = bytes.subarray(0, cutAt);
        break;
      }
      case 'insert': {
        const chunk = HOSTILE_CHUNKS[m.chunk]!;
        const repeated = m.times === 1 ? chunk : Buffer.alloc(chunk.length * m.times, chunk);
        bytes = concat(bytes.subarray(0, at), repeated, bytes.subarray(at));
        break;
      }
      case 'hugeField':
        bytes = concat(bytes.subarray(0, at), Buffer.alloc(m.length, 'x'), bytes.subarray(at));
        break;
      case 'delete':
        bytes = concat(bytes.subarray(0, at), bytes.subarray(at + m.length));
        break;
      case 'repeat': {
        const slice = bytes.subarray(at, at + m.length);
        bytes = concat(bytes.subarray(0, at), Buffer.alloc(slice.length * m.times, slice.length ? slice : Uint8Array.of(0x20)), bytes.subarray(at));
        break;
      }
    }
  }
  return bytes;
}

/** Offsets where each line starts, and where each `marks` character occurs: truncation points. */
export function textBoundaries(bytes: Uint8Array, marks = '\n,;\t"<>'): number[] {
  const codes = new Set([...marks].map((c) => c.charCodeAt(0)));
  const out: number[] = [];
  for (let i = 0; i < bytes.length && out.length < 4096; i++) if (codes.has(bytes[i]!)) out.push(i, i + 1);
  return out;
}

/** Byte mutations aimed at named parts of a container (workbook parts before they are zipped). */
export function textMutationsOf(parts: readonly string[]): fc.Arbitrary<{ part: string; mutations: ByteMutation[] }[]> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant([] as { part: string; mutations: ByteMutation[] }[]) },
    { weight: 1, arbitrary: fc.array(fc.record({ part: fc.constantFrom(...parts), mutations: fc.array(byteMutation, { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 2 }) },
  );
}
