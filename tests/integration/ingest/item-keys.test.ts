import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { openWorld, type World } from '#tests/support/world.ts';
import { fillItemKeys, itemKeysMissing } from '#features/ingest/revisions/fill-item-keys.server.ts';

// Items carry their lookup and sort keys from the upload on; rows stored before the keys existed
// get them once, at start.
describe('item keys', () => {
  let world: World;
  beforeAll(async () => { world = await openWorld('demo'); }, 120_000);
  afterAll(async () => { await world?.close(); });

  const keysOf = (sku: string) => world.db.all<{ sku_key: string; gtin_key: string; mpn_key: string; name_sort: string; sku_sort: string }>(
    sql`SELECT sku_key, gtin_key, mpn_key, name_sort, sku_sort FROM items WHERE sku = ${sku} LIMIT 1`);

  test('an uploaded item has its codes folded as search folds them, and its name as people sort it', async () => {
    const [keys] = await keysOf('AF-MS-CS-10100-Z');
    expect(keys).toEqual({ sku_key: 'afmscs10100z', gtin_key: '4012300003212', mpn_key: 'mscs10100z', name_sort: expect.stringMatching(/^countersunk machine screw m0210 x 03100 mm/), sku_sort: 'af-ms-cs-0510100-z' });
    expect(await itemKeysMissing(world.db)).toBe(false);
  });

  test('rows without keys get them, and only those', async () => {
    await world.db.run(sql`UPDATE items SET sku_key = NULL, gtin_key = NULL, mpn_key = NULL, name_sort = NULL, sku_sort = NULL WHERE sku LIKE 'AF-MS-%'`);
    const missing = (await world.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM items WHERE name_sort IS NULL`))[0]!.n;
    expect(missing).toBeGreaterThan(0);
    expect(await itemKeysMissing(world.db)).toBe(true);
    expect(await fillItemKeys(world.db)).toBe(missing);
    expect(await itemKeysMissing(world.db)).toBe(false);
    expect((await keysOf('AF-MS-CS-10100-Z'))[0]!.sku_key).toBe('afmscs10100z');
  });
});
