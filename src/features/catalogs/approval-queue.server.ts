import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '#db/client.ts';
import { catalogs, organizations, revisions, users } from '#db/schema/index.ts';

function baseQuery(db: Db) {
  const submitter = alias(users, 'submitter');
  const reviewer = alias(users, 'reviewer');
  return db.select({
    revision: revisions, catalogName: catalogs.name, catalogSlug: catalogs.slug, currency: catalogs.currency, supplierName: organizations.name,
    submittedBy: submitter.name, reviewedBy: reviewer.name,
  }).from(revisions)
    .innerJoin(catalogs, eq(catalogs.id, revisions.catalogId))
    .innerJoin(organizations, eq(organizations.id, catalogs.supplierOrgId))
    .leftJoin(submitter, eq(submitter.id, revisions.submittedBy))
    .leftJoin(reviewer, eq(reviewer.id, revisions.reviewedBy));
}

/** Revisions waiting for sales or an admin, oldest submission first. */
export async function listPendingApprovals(db: Db) {
  return baseQuery(db).where(and(eq(revisions.state, 'ready'), eq(revisions.approval, 'pending'))).orderBy(asc(revisions.submittedAt), asc(revisions.id));
}

/** The latest decisions, for context beside the queue. */
export async function listRecentDecisions(db: Db, limit = 20) {
  return baseQuery(db).where(inArray(revisions.approval, ['approved', 'rejected'])).orderBy(desc(revisions.reviewedAt), desc(revisions.id)).limit(limit);
}
