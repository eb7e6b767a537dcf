import { expect, test } from 'vitest';
import { deserializeInParts, serializeInParts } from './serialized-in-parts.ts';

const header = { format: 1, id: 42 };
const content = { name: 'hex bolt', weights: new Float64Array([0.25, 1.5]), ids: new Int32Array([3, 1, 2]), tags: ['zinc', 'M8'], counts: new Map([['bolt', 3]]) };

test('a record comes back field by field as it was written', async () => {
  const read = await deserializeInParts<typeof header>(serializeInParts(header, content), () => true);
  expect(read.header).toEqual(header);
  expect(read.content).toEqual(content);
});

test('the header is read first, and a record not wanted is not read further', async () => {
  const bytes = serializeInParts(header, content);
  // Damage the last field: a refused record never gets that far.
  bytes[bytes.length - 1] = 0xff;
  const read = await deserializeInParts<typeof header>(bytes, (h) => h.id === 7);
  expect(read).toEqual({ header, content: null });
});

test('each field that takes work to make is read in a turn of the event loop of its own', async () => {
  const big = { first: 'a'.repeat(40_000), ids: new Int32Array(50_000), second: 'b'.repeat(40_000), third: new Map([['c'.repeat(40_000), 1]]) };
  let turns = 0;
  let counting = true;
  const tick = () => { if (counting) { turns++; setImmediate(tick); } };
  setImmediate(tick);
  const read = await deserializeInParts(serializeInParts(header, big), () => true);
  counting = false;
  expect(read.content).toEqual(big);
  expect(turns).toBeGreaterThanOrEqual(3);
});

test('bytes cut short, or with more after the last field, are refused', async () => {
  const bytes = serializeInParts(header, content);
  await expect(deserializeInParts(bytes.subarray(0, bytes.length - 3), () => true)).rejects.toThrow(/cut short/);
  await expect(deserializeInParts(Buffer.concat([bytes, Buffer.from([0, 0, 0, 0])]), () => true)).rejects.toThrow(/after the last part/);
  await expect(deserializeInParts(Buffer.from([1, 0]), () => true)).rejects.toThrow(/cut short/);
});

test('typed arrays come back as views of the bytes read, strings whatever their characters', async () => {
  const fields = { ids: new Int32Array([7, -1, 2 ** 30]), prices: new Float64Array([0.1, NaN]), starts: new Uint32Array(0), wide: 'Ω😀 \ud800 lone', latin: 'Müller\u0000', pieces: ['a', 'Ω', ''] };
  const bytes = serializeInParts(header, fields);
  const read = await deserializeInParts<typeof header>(bytes, () => true);
  expect(read.content).toEqual(fields);
  expect((read.content!.ids as Int32Array).buffer).toBe(bytes.buffer);
  expect((read.content!.prices as Float64Array).buffer).toBe(bytes.buffer);
  // Bytes that do not start on an 8-byte boundary still give the same arrays, copied.
  const shifted = Buffer.alloc(bytes.length + 1).subarray(1);
  bytes.copy(shifted);
  const again = await deserializeInParts<typeof header>(shifted, () => true);
  expect(again.content).toEqual(fields);
});

test('a list of strings is read one string per turn of the event loop', async () => {
  const pieces = Array.from({ length: 6 }, (_, i) => `piece ${i}`);
  let turns = 0;
  let counting = true;
  const tick = () => { if (counting) { turns++; setImmediate(tick); } };
  setImmediate(tick);
  const read = await deserializeInParts(serializeInParts(header, { pieces }), () => true);
  counting = false;
  expect(read.content).toEqual({ pieces });
  expect(turns).toBeGreaterThanOrEqual(pieces.length - 1);
});

test('a list of strings holding something else, or a part of no known kind, is refused', async () => {
  const bytes = serializeInParts(header, { pieces: ['a', 'b'] });
  const damaged = Buffer.from(bytes);
  // The list is the last part: its 8-byte head, a count and 4 zeros, then each string as a part
  // of 16 bytes (head, 1 byte, 7 of padding). A part's kind is the fifth byte of its head.
  const listHead = bytes.length - 8 - 8 - 16 - 16;
  damaged[listHead + 8 + 8 + 16 + 4] = 1;
  await expect(deserializeInParts(damaged, () => true)).rejects.toThrow(/holds something else/);
  const unknown = Buffer.from(bytes);
  unknown[listHead + 4] = 9;
  await expect(deserializeInParts(unknown, () => true)).rejects.toThrow(/unknown kind/);
});
