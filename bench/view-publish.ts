// Publishing a customer view over catalogs totalling 100,000 items (4 × 25,000, generated
// straight into a temporary libSQL file): the whole publishView transaction, which checks the
// rules with the pricing module, counts the items each catalog shows through the buyers' SQL
// filter (for the audit line), writes the version and moves the pointer. 7 publishes, each
// after a one-rule draft change, as sales would. Baseline in the same run: one plain
// `count(*)` over the same 100,000 items (these machines are noisy, read the ratio).
// Run: node_modules/.bin/node bench/view-publish.ts
import { sql } from 'drizzle-orm';
import { openTempDatabase } from '#tests/support/temp-database.ts';
import { publishView } from '#features/views/publish-view.server.ts';
import { editDraft } from '#features/views/edit-draft.server.ts';
import { updateCatalogRules } from '#features/views/rules-edit.ts';
import { generateWorld } from './view-bench-data.ts';

const SIZES = [25_000, 25_000, 25_000, 25_000];
const RUNS = 7;

const temp = await openTempDatabase();
const { db } = temp.database;
try {
  const started = performance.now();
  const { viewId, catalogIds } = await generateWorld(db, SIZES);
  const [{ total }] = (await db.all<{ total: number }>(sql`SELECT count(*) AS total FROM items`)) as [{ total: number }];
  console.log(`generated ${total} items in ${catalogIds.length} catalogs: ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const time = async (run: () => Promise<unknown>) => { const s = performance.now(); await run(); return performance.now() - s; };
  const baselines: number[] = [];
  const publishes: number[] = [];
  for (let n = 0; n < RUNS; n++) {
    baselines.push(await time(() => db.all(sql`SELECT count(*) AS n FROM items i JOIN catalogs c ON c.live_revision_id = i.revision_id`)));
    await editDraft(db, viewId, null, new Date(), (view) => ({ rules: updateCatalogRules(view.draftRules, catalogIds[1]!, (c) => ({ ...c, percentOff: 5 + n })) }));
    publishes.push(await time(() => publishView(db, viewId, { id: null, email: 'bench@vitrine.test' }, new Date())));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const [{ versions }] = (await db.all<{ versions: number }>(sql`SELECT count(*) AS versions FROM view_versions WHERE view_id = ${viewId}`)) as [{ versions: number }];
  if (versions !== RUNS) throw new Error(`expected ${RUNS} versions, found ${versions}`);
  console.log(`baseline, count(*) over ${total} items: median ${median(baselines).toFixed(1)} ms`);
  console.log(`publish view over ${total} items: median ${median(publishes).toFixed(1)} ms`);
  console.log(`publish view over ${total} items: max ${Math.max(...publishes).toFixed(1)} ms`);
  console.log(`ratio publish/baseline median: ${(median(publishes) / median(baselines)).toFixed(1)}`);
  console.log(`budget 5 s: ${Math.max(...publishes) <= 5_000 ? 'within' : 'OVER'}`);
} finally {
  temp.close();
}
