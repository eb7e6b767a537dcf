import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openViewsWorld, type ViewsWorld } from './views-world.ts';
import { getVisibleItem } from '#features/visibility/visible-items.server.ts';
import { applyBasisPointsOff } from '#features/pricing/rounding.ts';
import { createRevision } from '#features/ingest/revisions/create-revision.server.ts';
import { processRevision } from '#features/ingest/pipeline/process-revision.server.ts';
import { directoryImageLookup } from '#features/ingest/images/directory-image-lookup.server.ts';
import { makeRevisionLive } from '#features/catalogs/publish-revision.server.ts';
import { editDraft } from '#features/views/edit-draft.server.ts';
import { updateCatalogRules, setFixedPrice } from '#features/views/rules-edit.ts';
import { publishView } from '#features/views/publish-view.server.ts';
import { loadViewEditor } from '#features/views/view-editor.server.ts';
import { listCustomersWithViews } from '#features/views/list-customers-with-views.server.ts';
import { removeStaleRules } from '#features/views/edit-catalog-rules.server.ts';
import { DEMO_CATALOGS, DEMO_IMAGE_DIR } from '#seed/demo-catalogs.ts';

const INDOOR = 'indoor-lighting-2027';

describe('a supplier publishing a new revision', () => {
  let w: ViewsWorld;
  beforeAll(async () => {
    w = await openViewsWorld();
  }, 120_000);
  afterAll(() => w.close());

  test('keeps views applying by rule with no action from sales, and tells sales which rules lost their item or category', async () => {
    const sales = await w.user('sales@vitrine.test');
    const view = await w.viewOf('globex-manufacturing');
    const indoor = await w.catalog(INDOOR);
    // Sales' rules before the supplier's change: 12% on downlights, 20% on battens, a fixed price on one panel.
    await editDraft(w.db, view.id, sales.id, new Date(), (v) => ({
      rules: updateCatalogRules(v.draftRules, indoor.id, (c) => setFixedPrice({
        ...c, categoryPercentOff: [{ categoryPath: 'Indoor > Downlights', percentOff: 12 }, { categoryPath: 'Indoor > Battens', percentOff: 20 }],
      }, { sku: 'BL-PAN-25W-27-W', priceMinor: 1999 })),
    }));
    await publishView(w.db, view.id, sales, new Date());

    // The supplier's next price list: the fixed-price panel and every batten are gone, a new downlight and a new tube arrive.
    const source = DEMO_CATALOGS.find((c) => c.name === 'Indoor Lighting 2027')!.file;
    const lines = readFileSync(source, 'utf8').split('\n');
    const kept = lines.filter((line, n) => n === 0 || (!line.startsWith('BL-PAN-25W-27-W,') && !line.includes(',Indoor > Battens > Linear,')));
    kept.push('BL-DL-NEW-1,"LED downlight NEW 7 W",New downlight.,Indoor > Downlights > Fixed,Piece,30.00,,,Bright Lighting,DLNEW1,,7 W,3000 K,700 lm,IP44');
    kept.push('BL-T8-NEW-1,"LED tube T8 NEW",New tube.,Lamps > LED tubes > T8,Piece,10.00,,,Bright Lighting,T8NEW1,,9 W,4000 K,990 lm,IP20');
    const file = join(w.dir, 'bright-lighting-indoor-2028.csv');
    writeFileSync(file, kept.join('\n'));
    const supplier = await w.user('supplier@bright.test');
    const revision = await createRevision(w.db, { catalogId: indoor.id, fileName: 'bright-lighting-indoor-2028.csv', uploadedBy: supplier.id }, new Date());
    const outcome = await processRevision({ db: w.db, mediaDir: w.mediaDir }, revision.id, { path: file, originalName: 'bright-lighting-indoor-2028.csv', imageLookup: directoryImageLookup(DEMO_IMAGE_DIR) });
    expect(outcome.state).toBe('ready');
    await makeRevisionLive(w.db, revision.id, supplier, new Date());

    const globex = await w.buyer('globex-manufacturing');
    expect(globex.liveRevisions.get(indoor.id)).toBe(revision.id);
    expect((await getVisibleItem(w.db, globex, INDOOR, 'BL-DL-NEW-1'))!.price).toMatchObject({ netMinor: applyBasisPointsOff(3000, 1200), rule: { kind: 'category', categoryPath: 'Indoor > Downlights' } });
    expect(await getVisibleItem(w.db, globex, INDOOR, 'BL-T8-NEW-1')).toBeNull(); // the excluded category stays excluded
    expect(await getVisibleItem(w.db, globex, INDOOR, 'BL-PAN-25W-27-W')).toBeNull();
    expect((await getVisibleItem(w.db, await w.buyer('initech'), INDOOR, 'BL-T8-NEW-1'))!.price.netMinor).toBe(920);

    const editor = await loadViewEditor(w.db, view.id, new Date());
    expect(editor.attention).toEqual([{
      catalogId: indoor.id, catalogName: 'Indoor Lighting 2027', notPublished: false,
      categories: [{ path: 'Indoor > Battens', usedIn: ['discount'] }],
      skus: [{ sku: 'BL-PAN-25W-27-W', usedIn: ['fixed price'] }],
    }]);
    const [listing] = await listCustomersWithViews(w.db, new Date(), view.customerOrgId);
    expect(listing!.views[0]!.attention).toBe(2);

    // Removing the stale rules is a draft change like any other: buyers are unaffected until sales publishes.
    const { removed } = await removeStaleRules(w.db, view.id, indoor.id, sales.id, new Date());
    expect(removed).toBe(2);
    expect((await loadViewEditor(w.db, view.id, new Date())).attention).toEqual([]);
    const published = (await w.db.all<{ rules: string }>(sql`SELECT rules FROM view_versions WHERE id = (SELECT published_version_id FROM customer_views WHERE id = ${view.id})`))[0]!;
    expect(published.rules).toContain('BL-PAN-25W-27-W');
  });
});
