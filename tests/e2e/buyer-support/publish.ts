import { sql } from 'drizzle-orm';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '#db/client.ts';
import { createRevision } from '#features/ingest/revisions/create-revision.server.ts';
import { processRevision } from '#features/ingest/pipeline/process-revision.server.ts';
import { makeRevisionLive } from '#features/catalogs/publish-revision.server.ts';
import { catalogTableExport } from '#features/exports/catalog-table-export.server.ts';
import { csvStream } from '#features/exports/csv.ts';
import type { ExportTable } from '#features/exports/table.ts';

/**
 * What a supplier does, done from the test: download the catalog's live rows as Vitrine's CSV,
 * change some prices, upload it as a new revision (through the import pipeline) and publish it.
 * The round trip keeps every other field, so only the prices named change.
 */
export async function publishWithNewPrices(databaseUrl: string, mediaDir: string, catalogSlug: string, newPrices: Record<string, number>, options: { publish: boolean } = { publish: true }): Promise<number> {
  const database = await openDatabase(databaseUrl);
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-upload-'));
  try {
    const db = database.db;
    const [catalog] = await db.all<{ id: number; live: number; name: string; currency: string }>(sql`SELECT id, live_revision_id AS live, name, currency FROM catalogs WHERE slug = ${catalogSlug}`);
    const table = await catalogTableExport(db, { name: catalog!.name, currency: catalog!.currency, revisionId: catalog!.live }, 'http://127.0.0.1');
    const price = table.columns.findIndex((c) => c.header === 'Price');
    const rows: ExportTable['rows'] = (async function* () {
      for await (const row of table.rows) {
        const sku = row[0] as string;
        yield sku in newPrices ? row.map((cell, i) => (i === price ? { minor: newPrices[sku]!, currency: catalog!.currency } : cell)) : row;
      }
    })();
    const file = join(dir, 'update.csv');
    writeFileSync(file, Buffer.from(await new Response(csvStream({ ...table, rows })).arrayBuffer()));
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
