import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDemoCatalogs, type World } from './world.ts';
import { catalogBySlug } from '#features/browse/browse-request.server.ts';
import { mayViewImage } from '#features/browse/image-access.server.ts';
import { parseVariantFile, readImageVariant, variantHeaders } from '#features/browse/image-file.server.ts';
import { customerViews } from '#db/schema/index.ts';
import { publishView } from '#features/views/publish-view.server.ts';
import { createUserWithPassword } from '#features/accounts/create-user.server.ts';

describe('who may load an image', () => {
  let w: World;
  let fastenerImage: string;
  let tubeOnlyImage: string;

  beforeAll(async () => {
    w = await openDemoCatalogs();
    const images = async (sqlText: ReturnType<typeof sql>) => (await w.db.all<{ hash: string }>(sqlText)).map((r) => r.hash);
    const fasteners = await w.catalog('fasteners-2027');
    const indoor = await w.catalog('indoor-lighting-2027');
    fastenerImage = (await images(sql`SELECT DISTINCT j.value AS hash FROM items i, json_each(i.images) j WHERE i.revision_id = ${fasteners.live} LIMIT 1`))[0]!;
    const tubes = await images(sql`SELECT DISTINCT j.value AS hash FROM items i, json_each(i.images) j WHERE i.revision_id = ${indoor.live} AND i.category_path LIKE 'Lamps > LED tubes%'`);
    const elsewhere = new Set(await images(sql`SELECT DISTINCT j.value AS hash FROM items i, json_each(i.images) j WHERE NOT (i.revision_id = ${indoor.live} AND i.category_path LIKE 'Lamps > LED tubes%')`));
    tubeOnlyImage = tubes.find((h) => !elsewhere.has(h))!;
    expect(fastenerImage).toBeDefined();
    expect(tubeOnlyImage).toBeDefined();
  }, 120_000);
  afterAll(() => w.close());

  test('buyers see the images of items their views show, and no others', async () => {
    const now = new Date();
    const globex = await w.user('buyer@globex.test');
    const initech = await w.user('buyer@initech.test');
    expect(await mayViewImage(w.db, globex, fastenerImage, now)).toBe(true);
    expect(await mayViewImage(w.db, initech, fastenerImage, now)).toBe(false);
    expect(await mayViewImage(w.db, globex, tubeOnlyImage, now)).toBe(false);
    expect(await mayViewImage(w.db, initech, tubeOnlyImage, now)).toBe(true);
    expect(await mayViewImage(w.db, null, fastenerImage, now)).toBe(false);
  });

  test('suppliers see the images of their own items; operator staff see every image', async () => {
    const now = new Date();
    expect(await mayViewImage(w.db, await w.user('supplier@acme.test'), fastenerImage, now)).toBe(true);
    expect(await mayViewImage(w.db, await w.user('supplier@bright.test'), fastenerImage, now)).toBe(false);
    expect(await mayViewImage(w.db, await w.user('supplier@bright.test'), tubeOnlyImage, now)).toBe(true);
    expect(await mayViewImage(w.db, await w.user('sales@vitrine.test'), tubeOnlyImage, now)).toBe(true);
    expect(await mayViewImage(w.db, await w.user('admin@vitrine.test'), fastenerImage, now)).toBe(true);
  });

  test('a variant is read only for a recorded width; its headers make it immutable and private', async () => {
    expect(parseVariantFile('320.webp')).toBe(320);
    expect(parseVariantFile('320.png')).toBeNull();
    expect(parseVariantFile('../x.webp')).toBeNull();
    const bytes = (await readImageVariant(w.db, w.mediaDir, fastenerImage, 320))!;
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect(await readImageVariant(w.db, w.mediaDir, fastenerImage, 333)).toBeNull();
    expect(await readImageVariant(w.db, w.mediaDir, 'f'.repeat(64), 320)).toBeNull();
    const h = variantHeaders(fastenerImage, 320, bytes.length);
    expect(h.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('content-type')).toBe('image/webp');
  });
});

describe('the page cache key follows what the page shows', () => {
  let w: World;
  beforeAll(async () => { w = await openDemoCatalogs(); }, 120_000);
  afterAll(() => w.close());

  test('buyers of one customer share a fingerprint; other customers and previews do not', async () => {
    const globexId = await w.orgId('globex-manufacturing');
    await createUserWithPassword(w.db, { orgId: globexId, email: 'second@globex.test', name: 'Second Buyer', role: 'buyer', password: 'a-long-password-1' });
    const greta = await w.browse('buyer@globex.test');
    const second = await w.browse('second@globex.test');
    expect(second.fingerprint).toBe(greta.fingerprint);
    expect((await w.browse('buyer@initech.test')).fingerprint).not.toBe(greta.fingerprint);
    expect((await w.browse('sales@vitrine.test', new Date(), 'globex-manufacturing')).fingerprint).not.toBe(greta.fingerprint);
  });

  test('a publish, a view change and a view running out each change it', async () => {
    const before = (await w.browse('buyer@globex.test')).fingerprint;
    await w.publishRows('fasteners-2027', (await w.liveRows('fasteners-2027')).slice(1));
    const afterPublish = (await w.browse('buyer@globex.test')).fingerprint;
    expect(afterPublish).not.toBe(before);
    // A publish in a catalog Globex does not see leaves Globex's pages alone.
    await w.publishRows('outdoor-lighting-and-controls-2027', (await w.liveRows('outdoor-lighting-and-controls-2027')).slice(1));
    expect((await w.browse('buyer@globex.test')).fingerprint).toBe(afterPublish);
    const [view] = await w.db.select().from(customerViews).where(sql`customer_org_id = ${await w.orgId('globex-manufacturing')}`);
    const rules = view!.draftRules;
    rules.catalogs[0]!.percentOff = 11;
    await w.db.update(customerViews).set({ draftRules: rules, draftValidUntil: '2099-01-01' }).where(sql`id = ${view!.id}`);
    await publishView(w.db, view!.id, { id: null, email: null }, new Date());
    const afterView = (await w.browse('buyer@globex.test')).fingerprint;
    expect(afterView).not.toBe(afterPublish);
    expect((await w.browse('buyer@globex.test', new Date('2099-01-02T00:00:00Z'))).fingerprint).not.toBe(afterView);
  });

  test('a catalog\'s pages have a key of their own: another catalog\'s publish leaves it, its own changes it', async () => {
    const request = await w.browse('buyer@globex.test');
    const keyOf = (r: typeof request, slug: string) => r.catalogFingerprint(catalogBySlug(r, slug)!);
    const [fasteners, indoor] = [keyOf(request, 'fasteners-2027'), keyOf(request, 'indoor-lighting-2027')];
    expect(fasteners).not.toBe(indoor);
    await w.publishRows('fasteners-2027', (await w.liveRows('fasteners-2027')).slice(1));
    const after = await w.browse('buyer@globex.test');
    expect(after.fingerprint).not.toBe(request.fingerprint);
    expect(keyOf(after, 'indoor-lighting-2027')).toBe(indoor);
    expect(keyOf(after, 'fasteners-2027')).not.toBe(fasteners);
    // Initech's key for the same catalog is its own.
    expect(keyOf(await w.browse('buyer@initech.test'), 'indoor-lighting-2027')).not.toBe(indoor);
  });
});
