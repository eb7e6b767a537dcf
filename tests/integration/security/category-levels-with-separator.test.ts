import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { FIXTURES, openFormatsWorld, type FormatsWorld } from '../formats/formats-world.ts';
import { customerViews, items, organizations } from '#db/schema/index.ts';
import type { ViewRules } from '#db/schema/views.ts';
import { publishView } from '#features/views/publish-view.server.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { openBrowseContext } from '#features/visibility/browse-context.server.ts';
import { countVisibleItems } from '#features/visibility/visible-items.server.ts';
import { isVisible } from '#features/pricing/visibility.ts';
import { categoryAncestors } from '#features/pricing/category-path.ts';
import { buildSearchScope } from '#features/search/search-scope.server.ts';
import { EmbeddedSearchEngine } from '#features/search/embedded-engine.server.ts';
import { NO_FILTERS } from '#features/search/search-port.ts';

// A supplier's category level may itself contain ">" (a BMEcat group name, a per-level column).
// Listings and search (SQL) and pricing, product pages and /media (JavaScript) must read such a
// path the same way: one level stays one level.

describe('a category level containing ">"', () => {
  let w: FormatsWorld;
  let bmecatCatalog: number;
  let csvCatalog: number;
  beforeAll(async () => {
    w = await openFormatsWorld();
    const bmecat = (await readFile(join(FIXTURES, 'bmecat-2005-new-catalog.xml'), 'utf8')).replace('<GROUP_NAME>Hex bolts</GROUP_NAME>', '<GROUP_NAME>Hex bolts&gt;M8</GROUP_NAME>');
    bmecatCatalog = (await w.newCatalog('Fasteners BMEcat')).id;
    const a = await w.upload(bmecatCatalog, await w.write('groups.xml', bmecat));
    await w.publish(a.revision.id);
    csvCatalog = (await w.newCatalog('Fasteners CSV')).id;
    const csv = ['SKU,Name,Price,Category 1,Category 2', 'N-1,Hex nut M8,0.40,Fasteners,Nuts>Bolts', 'N-2,Wing nut M6,0.55,Fasteners,Nuts', 'N-3,Lock nut M10,0.70,Fasteners,Nuts > Locking'].join('\n');
    const b = await w.upload(csvCatalog, await w.write('levels.csv', csv));
    await w.publish(b.revision.id);
  }, 60_000);
  afterAll(() => w.close());

  test('is stored as one level, read the same way by every reader', async () => {
    const paths = (await w.db.select({ path: items.categoryPath }).from(items)).map((r) => r.path);
    expect(paths).toContain('Screws & bolts > Hex bolts›M8');
    expect(paths).toContain('Fasteners > Nuts›Bolts');
    expect(paths).toContain('Fasteners > Nuts › Locking');
    for (const path of paths) {
      // The stored separator is the only ">" left, so splitting on it and on ">" agree.
      expect(path.split(' > ').length, path).toBe(categoryAncestors(path).length || 1);
    }
    const nut = paths.find((p) => p.startsWith('Fasteners > Nuts') && p !== 'Fasteners > Nuts' && !p.includes('Locking'));
    expect(categoryAncestors(nut!)).toHaveLength(2);
  });

  test('listings, search totals and pricing agree on what a view hides', async () => {
    const [customer] = await w.db.insert(organizations).values({ name: 'Initech', slug: 'initech', kind: 'customer', createdAt: new Date().toISOString() }).returning();
    const rules: ViewRules = { catalogs: [
      { catalogId: bmecatCatalog, excludeCategories: ['Screws & bolts > Hex bolts'] },
      { catalogId: csvCatalog, excludeCategories: ['Fasteners > Nuts'] },
    ] };
    const [view] = await w.db.insert(customerViews).values({ customerOrgId: customer!.id, name: 'Agreement', draftRules: rules, updatedAt: new Date().toISOString() }).returning();
    await publishView(w.db, view!.id, { id: null, email: null }, new Date());
    const now = new Date();
    const ctx = await openBrowseContext(w.db, await resolveBuyerScope(w.db, customer!.id, now));

    // SQL: the listing's count per catalog, and the search engine's total per catalog.
    const listed = await countVisibleItems(w.db, ctx);
    const { scope } = await buildSearchScope(w.db, ctx);
    const engine = new EmbeddedSearchEngine(w.db);
    // JavaScript: the pricing module's visibility, item by item (product pages, /media, exports).
    for (const catalogId of [bmecatCatalog, csvCatalog]) {
      const revisionId = ctx.catalogs.get(catalogId)!.revisionId;
      const rows = await w.db.select().from(items).where(eq(items.revisionId, revisionId));
      const shown = rows.filter((r) => isVisible(ctx.compiled, { catalogId, sku: r.sku, categoryPath: r.categoryPath }, now));
      const searched = await engine.search({ scope, text: '', filters: { ...NO_FILTERS, catalogIds: [catalogId] }, sort: 'name', page: 1, pageSize: 1 });
      expect({ catalogId, sql: listed.get(catalogId) ?? 0, search: searched.total }).toEqual({ catalogId, sql: shown.length, search: shown.length });
    }
  });
});
