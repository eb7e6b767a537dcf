import { sql } from 'drizzle-orm';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '#db/client.ts';
import { createRevision } from '#features/ingest/revisions/create-revision.server.ts';
import { processRevision } from '#features/ingest/pipeline/process-revision.server.ts';
import { makeRevisionLive } from '#features/catalogs/publish-revision.server.ts';

const decimal = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * What a supplier does, done from the test: upload the catalog's live rows with some prices
 * changed as a new revision (through the import pipeline) and publish it.
 */
export async function publishWithNewPrices(databaseUrl: string, mediaDir: string, catalogSlug: string, newPrices: Record<string, number>, options: { publish: boolean } = { publish: true }): Promise<number> {
  const database = await openDatabase(databaseUrl);
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-upload-'));
  try {
    const db = database.db;
    const [catalog] = await db.all<{ id: number; live: number }>(sql`SELECT id, live_revision_id AS live FROM catalogs WHERE slug = ${catalogSlug}`);
    const rows = await db.all<{ sku: string; name: string; category_path: string; unit: string; price_minor: number; gtin: string | null; mpn: string | null }>(
      sql`SELECT sku, name, category_path, unit, price_minor, gtin, mpn FROM items WHERE revision_id = ${catalog!.live} ORDER BY row_number`);
    const lines = ['SKU,Name,Category,Unit,Price,GTIN,MPN', ...rows.map((r) => [r.sku, r.name, r.category_path, r.unit, decimal(newPrices[r.sku] ?? r.price_minor), r.gtin ?? '', r.mpn ?? ''].map(field).join(','))];
    const file = join(dir, 'update.csv');
    writeFileSync(file, lines.join('\n'));
    const revision = await createRevision(db, { catalogId: catalog!.id, fileName: 'update.csv', uploadedBy: null }, new Date());
    const outcome = await processRevision({ db, mediaDir }, revision.id, { path: file, originalName: 'update.csv' });
    if (outcome.state !== 'ready' || outcome.errorCount > 0) throw new Error(`upload failed: ${JSON.stringify(outcome)}`);
    // Without publishing, the revision waits ready, for a test to publish it another way.
    if (options.publish) await makeRevisionLive(db, revision.id, { id: null, email: null }, new Date());
    return revision.id;
  } finally {
    database.client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
