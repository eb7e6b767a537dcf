import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { revisionProblems } from '#db/schema/index.ts';

export type Severity = 'error' | 'warning';
export const REPORT_PAGE_SIZE = 50;
export type ProblemRow = typeof revisionProblems.$inferSelect;

/** One page of a revision's problems (errors, warnings or both), in file order. */
export async function listProblems(db: Db, revisionId: number, q: { severity?: Severity | null; page?: number; pageSize?: number } = {}) {
  const pageSize = Math.min(Math.max(q.pageSize ?? REPORT_PAGE_SIZE, 1), 500);
  const where = q.severity ? and(eq(revisionProblems.revisionId, revisionId), eq(revisionProblems.severity, q.severity)) : eq(revisionProblems.revisionId, revisionId);
  const [count] = await db.select({ n: sql<number>`count(*)` }).from(revisionProblems).where(where);
  const total = count?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(q.page ?? 1)), pageCount);
  const problems = await db.select().from(revisionProblems).where(where)
    .orderBy(sql`${revisionProblems.rowNumber} IS NULL`, asc(revisionProblems.rowNumber), asc(revisionProblems.id))
    .limit(pageSize).offset((page - 1) * pageSize);
  return { problems, total, page, pageCount, pageSize };
}

/** Every problem of a revision in chunks, for the CSV download, without holding them all. */
export async function* allProblems(db: Db, revisionId: number, chunk = 2000): AsyncGenerator<ProblemRow> {
  for (let after = 0; ;) {
    const rows = await db.select().from(revisionProblems).where(and(eq(revisionProblems.revisionId, revisionId), gt(revisionProblems.id, after)))
      .orderBy(asc(revisionProblems.id)).limit(chunk);
    yield* rows;
    if (rows.length < chunk) return;
    after = rows[rows.length - 1]!.id;
  }
}
