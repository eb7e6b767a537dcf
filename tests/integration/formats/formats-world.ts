import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { catalogs, items, organizations, revisionProblems, revisions } from '#db/schema/index.ts';
import { createCatalog } from '#features/catalogs/create-catalog.server.ts';
import { summarizeDiff, listDiff } from '#features/ingest/revisions/diff-revisions.server.ts';
import type { ProcessOutcome } from '#features/ingest/pipeline/process-revision.server.ts';
import { openWorld, type World } from '#tests/support/world.ts';
import { handMadeZip } from '#tests/unit/imports/helpers.ts';

export const FIXTURES = new URL('../../fixtures/formats/', import.meta.url).pathname;

export interface Upload { outcome: ProcessOutcome; revision: typeof revisions.$inferSelect }

export interface FormatsWorld extends Omit<World, 'catalog'> {
  /** A folder for files the test writes. */
  files: string;
  supplierOrgId: number;
  newCatalog(name: string, currency?: string): Promise<typeof catalogs.$inferSelect>;
  catalog(id: number): Promise<typeof catalogs.$inferSelect>;
  /** Uploads a file to a catalog through the real pipeline (createRevision + processRevision). */
  upload(catalogId: number, path: string, fileName?: string, now?: Date): Promise<Upload>;
  publish(revisionId: number): Promise<void>;
  items(revisionId: number): Promise<Array<typeof items.$inferSelect>>;
  problems(revisionId: number): Promise<Array<typeof revisionProblems.$inferSelect>>;
  diff(revisionId: number): Promise<Awaited<ReturnType<typeof summarizeDiff>>>;
  diffEntries(revisionId: number): Promise<Awaited<ReturnType<typeof listDiff>>['entries']>;
  write(name: string, content: string | Uint8Array): Promise<string>;
}

/** A small PNG of one colour: a real image for sharp to check and convert. */
export async function png(red: number, green: number, blue: number, width = 48): Promise<Buffer> {
  return sharp({ create: { width, height: width, channels: 3, background: { r: red, g: green, b: blue } } }).png().toBuffer();
}

/** A ZIP of a catalog file and its images, as a supplier would upload it. */
export function zipOf(entries: Array<{ name: string; data: Buffer | string }>): Buffer {
  return handMadeZip(entries.map((e) => ({ name: e.name, data: typeof e.data === 'string' ? Buffer.from(e.data) : e.data })));
}

/** A real temporary libSQL database with one supplier organization, for uploads through the pipeline. */
export async function openFormatsWorld(): Promise<FormatsWorld> {
  const t = await openWorld('empty');
  const { db } = t;
  const files = await mkdtemp(join(t.dir, 'files-'));
  const [org] = await db.insert(organizations).values({ name: 'Acme Fasteners', slug: 'acme-fasteners', kind: 'supplier', createdAt: new Date().toISOString() }).returning();
  const world: FormatsWorld = {
    ...t, files, supplierOrgId: org!.id,
    newCatalog: (name, currency = 'EUR') => createCatalog(db, { supplierOrgId: org!.id, name, currency }),
    async catalog(id) {
      return (await db.select().from(catalogs).where(eq(catalogs.id, id)).limit(1))[0]!;
    },
    upload: (catalogId, path, fileName, now) => t.readRevision(catalogId, path, fileName, now),
    publish: (revisionId) => t.makeLive(revisionId),
    items: (revisionId) => db.select().from(items).where(eq(items.revisionId, revisionId)).orderBy(asc(items.sku)),
    problems: (revisionId) => db.select().from(revisionProblems).where(eq(revisionProblems.revisionId, revisionId)).orderBy(sql`${revisionProblems.rowNumber} IS NULL`, asc(revisionProblems.rowNumber), asc(revisionProblems.id)),
    async diff(revisionId) {
      const [rev] = await db.select().from(revisions).where(eq(revisions.id, revisionId)).limit(1);
      return summarizeDiff(db, rev!.diffSummary?.baseRevisionId ?? null, revisionId);
    },
    async diffEntries(revisionId) {
      const [rev] = await db.select().from(revisions).where(eq(revisions.id, revisionId)).limit(1);
      return (await listDiff(db, rev!.diffSummary?.baseRevisionId ?? null, revisionId, { pageSize: 500 })).entries;
    },
    async write(name, content) {
      const path = join(files, name);
      await writeFile(path, content);
      return path;
    },
  };
  return world;
}
