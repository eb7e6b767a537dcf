import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { revisions } from '#db/schema/index.ts';
import { listDiff, summarizeDiff, type DiffKind, type DiffSummary } from '#features/ingest/revisions/diff-revisions.server.ts';
import type { CatalogRow, RevisionRow } from '#features/ingest/revisions/find-revision.server.ts';

export const DIFF_KINDS: readonly DiffKind[] = ['added', 'removed', 'changed'];
export const DIFF_PAGE_SIZE = 50;

export interface DiffQueryInput { kind?: string | null; sort?: string | null; page?: number }

/**
 * What a revision is compared with: a revision not yet live against what is live now (so the
 * diff is right even if another revision went live after this one was checked); a revision that
 * was live against the one live before it.
 */
export function diffBaseOf(revision: RevisionRow, catalog: CatalogRow): number | null {
  if (revision.state === 'published' || revision.state === 'superseded') return revision.diffSummary?.baseRevisionId ?? null;
  return catalog.liveRevisionId === revision.id ? null : catalog.liveRevisionId;
}

export function parseDiffQuery(q: DiffQueryInput): { kind: DiffKind | undefined; sort: 'sku' | 'price-move'; page: number } {
  const kind = DIFF_KINDS.find((k) => k === q.kind);
  return { kind, sort: q.sort === 'price-move' ? 'price-move' : 'sku', page: Math.max(1, Math.floor(q.page ?? 1) || 1) };
}

/** The counts and one page of the diff of a revision. Discarded and failed revisions hold no items. */
export async function revisionDiff(db: Db, revision: RevisionRow, catalog: CatalogRow, input: DiffQueryInput) {
  const base = diffBaseOf(revision, catalog);
  const q = parseDiffQuery(input);
  const comparable = revision.state === 'ready' || revision.state === 'published' || revision.state === 'superseded';
  const baseNumber = await revisionNumberOf(db, base);
  if (!comparable) return { base, baseNumber, summary: null as DiffSummary | null, entries: [], total: 0, page: 1, pageCount: 1, query: q };
  const stored = revision.diffSummary;
  const summary = stored && stored.baseRevisionId === base ? stored : await summarizeDiff(db, base, revision.id);
  const { entries, total } = await listDiff(db, base, revision.id, { currency: catalog.currency, kind: q.kind, sort: q.sort, page: q.page, pageSize: DIFF_PAGE_SIZE, summary });
  const pageCount = Math.max(1, Math.ceil(total / DIFF_PAGE_SIZE));
  return { base, baseNumber, summary, entries, total, page: Math.min(q.page, pageCount), pageCount, query: q };
}

/** The diff counts of a revision: against what is live now while it is not yet live; null when it holds no items. */
export async function currentDiffSummary(db: Db, revision: RevisionRow, catalog: CatalogRow): Promise<(DiffSummary & { baseNumber: number | null }) | null> {
  if (!['ready', 'published', 'superseded'].includes(revision.state)) return null;
  const base = diffBaseOf(revision, catalog);
  const stored = revision.diffSummary;
  const summary = stored && stored.baseRevisionId === base ? stored : await summarizeDiff(db, base, revision.id);
  return { ...summary, baseNumber: await revisionNumberOf(db, summary.baseRevisionId) };
}

/** The number people read for a revision (its place in its catalog), null for none. */
async function revisionNumberOf(db: Db, revisionId: number | null): Promise<number | null> {
  if (revisionId === null) return null;
  const [row] = await db.select({ number: revisions.number }).from(revisions).where(eq(revisions.id, revisionId)).limit(1);
  return row?.number ?? null;
}
