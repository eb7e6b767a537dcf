import { Readable } from 'node:stream';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDemoWorld, type DemoWorld } from '../auth/demo-accounts-fixture.ts';
import { catalogs, items, revisionProblems, revisions, auditEvents } from '#db/schema/index.ts';
import { createCatalog } from '#features/catalogs/create-catalog.server.ts';
import { saveUpload } from '#features/ingest/uploads/save-upload.server.ts';
import { startUpload } from '#features/ingest/uploads/start-upload.server.ts';
import { runWaitingUploads } from '#server/background-jobs.server.ts';
import { publishNow } from '#features/catalogs/publish-now.server.ts';
import { discardRevision } from '#features/catalogs/discard-revision.server.ts';
import type { SessionUser } from '#features/auth/session-user.ts';

export const UPLOAD_LIMIT = 16 * 1024 * 1024;

/**
 * A migrated temp libSQL file with the demo accounts, an uploads folder beside its media folder,
 * and helpers that upload a file the way the endpoints do (streamed to the uploads folder, a
 * revision waiting to be read) and run the background reader.
 */
export interface PipelineWorld extends Omit<DemoWorld, 'catalog'> {
  uploadsDir: string;
  acme: SessionUser;
  bright: SessionUser;
  now: () => Date;
  catalog(name: string, currency?: string, owner?: SessionUser): Promise<typeof catalogs.$inferSelect>;
  upload(catalogId: number, content: string | Uint8Array, fileName: string, options?: { sheet?: string; by?: SessionUser }): Promise<number>;
  uploadAndRead(catalogId: number, content: string | Uint8Array, fileName: string, options?: { sheet?: string; by?: SessionUser }): Promise<typeof revisions.$inferSelect>;
  readWaiting(): Promise<number>;
  revision(id: number): Promise<typeof revisions.$inferSelect>;
  liveOf(catalogId: number): Promise<number | null>;
  problems(revisionId: number): Promise<Array<typeof revisionProblems.$inferSelect>>;
  itemsOf(revisionId: number): Promise<Array<typeof items.$inferSelect>>;
  audit(subjectLike?: string): Promise<Array<typeof auditEvents.$inferSelect>>;
  publish(revisionId: number, validRowsOnly?: boolean, by?: SessionUser): Promise<void>;
  discardIt(revisionId: number, by?: SessionUser): Promise<void>;
}

export const meta = (at = new Date()) => ({ ip: '192.0.2.44', at });

export async function openPipelineWorld(): Promise<PipelineWorld> {
  const world = await openDemoWorld();
  const uploadsDir = join(world.dir, 'uploads');
  const acme = await world.user('supplier@acme.test');
  const bright = await world.user('supplier@bright.test');
  const now = () => new Date();
  const deps = { db: world.db, mediaDir: world.mediaDir, uploadsDir, now };
  const self: PipelineWorld = {
    ...world, uploadsDir, acme, bright, now,
    async catalog(name, currency = 'EUR', owner = acme) {
      return createCatalog(world.db, { supplierOrgId: owner.orgId, name, currency });
    },
    async upload(catalogId, content, fileName, options = {}) {
      const [catalog] = await world.db.select().from(catalogs).where(eq(catalogs.id, catalogId));
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
      const saved = await saveUpload(Readable.from([bytes]), uploadsDir, UPLOAD_LIMIT);
      const rev = await startUpload(world.db, catalog!, options.by ?? acme, { ...saved, fileName, sheet: options.sheet ?? null }, meta());
      return rev.id;
    },
    async uploadAndRead(catalogId, content, fileName, options) {
      const id = await self.upload(catalogId, content, fileName, options);
      await self.readWaiting();
      return self.revision(id);
    },
    readWaiting: () => runWaitingUploads(deps),
    async revision(id) {
      const [row] = await world.db.select().from(revisions).where(eq(revisions.id, id));
      return row!;
    },
    async liveOf(catalogId) {
      const [row] = await world.db.select({ live: catalogs.liveRevisionId }).from(catalogs).where(eq(catalogs.id, catalogId));
      return row?.live ?? null;
    },
    problems: (revisionId) => world.db.select().from(revisionProblems).where(eq(revisionProblems.revisionId, revisionId)).orderBy(revisionProblems.id),
    itemsOf: (revisionId) => world.db.select().from(items).where(eq(items.revisionId, revisionId)).orderBy(items.rowNumber),
    async audit(subjectLike) {
      const all = await world.db.select().from(auditEvents).orderBy(auditEvents.id);
      return subjectLike ? all.filter((e) => e.subject?.includes(subjectLike)) : all;
    },
    publish: (revisionId, validRowsOnly = false, by = acme) => publishNow(world.db, by, revisionId, { validRowsOnly }, meta()),
    discardIt: (revisionId, by = acme) => discardRevision(world.db, by, revisionId, meta()),
  };
  return self;
}

export const CSV_HEADER = 'SKU,Name,Price,Category,EAN\n';
export const csv = (...rows: string[]) => CSV_HEADER + rows.join('\n') + '\n';
