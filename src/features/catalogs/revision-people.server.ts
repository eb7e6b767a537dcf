import { inArray } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { users } from '#db/schema/index.ts';
import type { RevisionRow } from '#features/ingest/revisions/find-revision.server.ts';

export interface RevisionPeople { uploadedBy: string | null; publishedBy: string | null; reviewedBy: string | null; submittedBy: string | null; scheduledBy: string | null }

/** The names of the people a revision records (uploader, publisher, reviewer, …). */
export async function revisionPeople(db: Db, r: RevisionRow): Promise<RevisionPeople> {
  const ids = [r.uploadedBy, r.publishedBy, r.reviewedBy, r.submittedBy, r.scheduledBy].filter((id): id is number => id !== null);
  const rows = ids.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
  const name = (id: number | null) => (id === null ? null : rows.find((u) => u.id === id)?.name ?? null);
  return { uploadedBy: name(r.uploadedBy), publishedBy: name(r.publishedBy), reviewedBy: name(r.reviewedBy), submittedBy: name(r.submittedBy), scheduledBy: name(r.scheduledBy) };
}
