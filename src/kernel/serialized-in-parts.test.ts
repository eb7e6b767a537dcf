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

test('each field is read in a turn of the event loop of its own', async () => {
  let turns = 0;
  let counting = true;
  const tick = () => { if (counting) { turns++; setImmediate(tick); } };
  setImmediate(tick);
  await deserializeInParts(serializeInParts(header, content), () => true);
  counting = false;
  expect(turns).toBeGreaterThanOrEqual(Object.keys(content).length - 1);
});

test('bytes cut short, or with more after the last field, are refused', async () => {
  const bytes = serializeInParts(header, content);
  await expect(deserializeInParts(bytes.subarray(0, bytes.length - 3), () => true)).rejects.toThrow(/cut short/);
  await expect(deserializeInParts(Buffer.concat([bytes, Buffer.from([0, 0, 0, 0])]), () => true)).rejects.toThrow(/after the last part/);
  await expect(deserializeInParts(Buffer.from([1, 0]), () => true)).rejects.toThrow(/cut short/);
});
