import { sql } from 'drizzle-orm';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowseRequest, type BrowseRequest } from '#features/browse/browse-request.server.ts';
import { openWorld, type World as BaseWorld } from '#tests/support/world.ts';

/** A row of a price list written by a test; prices in minor units, written out as decimals. */
export interface TestRow { sku: string; name: string; category: string; unit?: string; priceMinor: number; price10Minor?: number; gtin?: string; mpn?: string; description?: string }

export interface World extends BaseWorld {
  /** The catalog pages' scope of a buyer (or of sales previewing `previewOf`). */
  browse(email: string, at?: Date, previewOf?: string): Promise<BrowseRequest>;
  liveRows(catalogSlug: string): Promise<TestRow[]>;
  /** Uploads rows as a new revision through the import pipeline and publishes it; returns its id. */
  publishRows(catalogSlug: string, rows: TestRow[], at?: Date): Promise<number>;
}

const decimal = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A real temporary libSQL file with the whole demo: accounts, the three catalogs, the two customer views. */
export async function openDemoCatalogs(): Promise<World> {
  const temp = await openWorld('demo');
  const { db } = temp;
  let uploads = 0;
  const world: World = {
    ...temp,
    async browse(email, at = new Date(), previewOf) {
      const preview = previewOf === undefined ? undefined : String(await world.orgId(previewOf));
      const request = await openBrowseRequest(db, await world.user(email), preview, at);
      if (!request) throw new Error(`${email} has no catalog pages`);
      return request;
    },
    async liveRows(slug) {
      const c = await world.catalog(slug);
      const rows = await db.all<{ sku: string; name: string; category_path: string; unit: string; price_minor: number; tiers: string; gtin: string | null; mpn: string | null }>(
        sql`SELECT sku, name, category_path, unit, price_minor, tiers, gtin, mpn FROM items WHERE revision_id = ${c.live} ORDER BY row_number`);
      return rows.map((r) => {
        const tier10 = (JSON.parse(r.tiers) as Array<{ minQty: number; priceMinor: number }>).find((t) => t.minQty === 10);
        return { sku: r.sku, name: r.name, category: r.category_path, unit: r.unit, priceMinor: r.price_minor, price10Minor: tier10?.priceMinor, gtin: r.gtin ?? undefined, mpn: r.mpn ?? undefined };
      });
    },
    async publishRows(slug, rows, at = new Date()) {
      const c = await world.catalog(slug);
      const file = join(temp.dir, `upload-${++uploads}.csv`);
      const lines = ['SKU,Name,Description,Category,Unit,Price,Price 10+,GTIN,MPN'];
      for (const r of rows) {
        lines.push([r.sku, r.name, r.description ?? '', r.category, r.unit ?? 'Piece', decimal(r.priceMinor), r.price10Minor === undefined ? '' : decimal(r.price10Minor), r.gtin ?? '', r.mpn ?? ''].map(csvField).join(','));
      }
      writeFileSync(file, lines.join('\n') + '\n');
      const { outcome, revision: rev } = await temp.readRevision(c.id, file, 'update.csv', at);
      if (outcome.state !== 'ready' || outcome.errorCount > 0) {
        const problems = await db.all<{ message: string }>(sql`SELECT message FROM revision_problems WHERE revision_id = ${rev.id} AND severity = 'error' LIMIT 5`);
        throw new Error(`test upload did not load: ${JSON.stringify(outcome)} ${problems.map((p) => p.message).join(' | ')}`);
      }
      await temp.makeLive(rev.id, at);
      return rev.id;
    },
  };
  return world;
}
