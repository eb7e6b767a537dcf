import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPipelineWorld, csv, meta, type PipelineWorld } from '../imports/pipeline-world.ts';
import { setApprovalRequirement } from '#features/accounts/set-approval-requirement.server.ts';
import { submitForApproval } from '#features/catalogs/submit-revision.server.ts';
import { approveRevision, rejectRevision } from '#features/catalogs/review-revision.server.ts';
import { scheduleRevision } from '#features/catalogs/schedule-revision.server.ts';
import { publishDueSchedules } from '#features/catalogs/publish-due-schedules.server.ts';
import { listPendingApprovals, listRecentDecisions } from '#features/catalogs/approval-queue.server.ts';
import { revisionForReviewer } from '#features/ingest/revisions/find-revision.server.ts';
import { RevisionNotFound, RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { revisionAbilities, revisionFacts, describeRevisionState } from '#features/catalogs/revision-status.ts';
import type { SessionUser } from '#features/auth/session-user.ts';

const problem = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof RevisionProblem) return e.message;
    throw e;
  }
  throw new Error('expected a RevisionProblem');
};

// Where the operator requires approval for a supplier, "publish" becomes "submit for approval";
// sales or an admin read the revision and approve it (live now or at its time) or reject it
// with a comment the supplier reads.
describe('approval of revisions', () => {
  let w: PipelineWorld;
  let catalogId: number;
  let sales: SessionUser;
  let admin: SessionUser;
  beforeAll(async () => {
    w = await openPipelineWorld();
    sales = await w.user('sales@vitrine.test');
    admin = await w.user('admin@vitrine.test');
    catalogId = (await w.catalog('Approved fasteners')).id;
    await setApprovalRequirement(w.db, admin, w.acme.orgId, true, meta());
  });
  afterAll(() => w.close());

  test('publishing directly is refused; the revision offers "submit for approval" instead', async () => {
    const rev = await w.uploadAndRead(catalogId, csv('P-1,Pin,1.00,Pins,'), 'pins.csv');
    expect(revisionAbilities(revisionFacts(rev), true)).toMatchObject({ publish: false, submit: true, schedule: true });
    expect(await problem(w.publish(rev.id))).toBe('Publishing needs approval by our staff: submit this revision for approval.');
    expect(await problem(scheduleRevision(w.db, w.acme, rev.id, new Date(Date.now() + 60_000), { validRowsOnly: false }, meta())))
      .toBe('Publishing needs approval by our staff: submit this revision for approval, with the time it should go live.');
    expect(await w.liveOf(catalogId)).toBeNull();
  });

  test('submitted, it waits in the queue; approved, it goes live at once', async () => {
    const rev = await w.uploadAndRead(catalogId, csv('P-2,Pin 2,2.00,Pins,'), 'pins-2.csv');
    await submitForApproval(w.db, w.acme, rev.id, { validRowsOnly: false, at: null }, meta());
    expect(await problem(submitForApproval(w.db, w.acme, rev.id, { validRowsOnly: false, at: null }, meta()))).toBe('This revision is already waiting for approval.');
    expect(describeRevisionState(revisionFacts(await w.revision(rev.id)), true).label).toBe('Waiting for approval');
    expect((await listPendingApprovals(w.db)).map((p) => [p.revision.id, p.supplierName, p.catalogName, p.submittedBy])).toEqual([[rev.id, 'Acme Fasteners', 'Approved fasteners', 'Alice Acme']]);
    // Suppliers and buyers cannot review.
    await expect(approveRevision(w.db, w.acme, rev.id, meta())).rejects.toBeInstanceOf(RevisionNotFound);
    await expect(revisionForReviewer(w.db, await w.user('buyer@globex.test'), rev.id)).rejects.toBeInstanceOf(RevisionNotFound);
    expect(await approveRevision(w.db, sales, rev.id, meta())).toEqual({ liveAt: 'now' });
    expect(await w.liveOf(catalogId)).toBe(rev.id);
    expect(await w.revision(rev.id)).toMatchObject({ state: 'published', approval: 'approved', reviewedBy: sales.id, publishedBy: sales.id });
    expect(await listPendingApprovals(w.db)).toEqual([]);
    expect((await w.audit(`revision ${rev.id}`)).map((e) => [e.kind, e.actorEmail])).toEqual([
      ['revision-uploaded', 'supplier@acme.test'], ['revision-checked', null], ['revision-submitted', 'supplier@acme.test'],
      ['revision-approved', 'sales@vitrine.test'], ['revision-published', 'sales@vitrine.test'],
    ]);
  });

  test('rejected with a comment the supplier reads; submitted again and approved with a time, it goes live then', async () => {
    const live = await w.liveOf(catalogId);
    const rev = await w.uploadAndRead(catalogId, csv('P-3,Pin 3,3.00,Pins,', 'P-4,Pin 4,oops,Pins,'), 'pins-3.csv');
    expect(await problem(submitForApproval(w.db, w.acme, rev.id, { validRowsOnly: false, at: null }, meta())))
      .toBe('1 error remains (1 row would be left out). Fix the file and upload it again, or choose to publish only the 1 valid row.');
    await submitForApproval(w.db, w.acme, rev.id, { validRowsOnly: true, at: null }, meta());
    expect(await problem(rejectRevision(w.db, admin, rev.id, '   ', meta()))).toBe('Tell the supplier why, so they can fix it.');
    await rejectRevision(w.db, admin, rev.id, 'Pin 4 has no price; please send the full list.', meta());
    const rejected = await w.revision(rev.id);
    expect(rejected).toMatchObject({ state: 'ready', approval: 'rejected', approvalComment: 'Pin 4 has no price; please send the full list.', reviewedBy: admin.id });
    expect(describeRevisionState(revisionFacts(rejected), true).label).toBe('Rejected');
    expect(await problem(approveRevision(w.db, sales, rev.id, meta()))).toBe('This revision is not waiting for approval (any more).');
    expect((await listRecentDecisions(w.db)).map((d) => [d.revision.id, d.revision.approval, d.reviewedBy])[0]).toEqual([rev.id, 'rejected', 'Ada Admin']);

    const now = new Date();
    const at = new Date(now.getTime() + 3_600_000);
    await submitForApproval(w.db, w.acme, rev.id, { validRowsOnly: true, at }, meta(now));
    expect(await w.revision(rev.id)).toMatchObject({ approval: 'pending', approvalComment: null, scheduledAt: at.toISOString() });
    // Due but not approved: the scheduler waits.
    expect(await publishDueSchedules(w.db, new Date(at.getTime() + 1000))).toEqual([]);
    expect(await approveRevision(w.db, sales, rev.id, meta(now))).toEqual({ liveAt: at.toISOString() });
    expect(await w.liveOf(catalogId)).toBe(live);
    expect(await publishDueSchedules(w.db, new Date(at.getTime() + 1000))).toEqual([{ revisionId: rev.id, published: true }]);
    expect(await w.liveOf(catalogId)).toBe(rev.id);
    expect((await w.itemsOf(rev.id)).map((i) => i.sku)).toEqual(['P-3']);
  });

  test('without the setting, suppliers publish directly again', async () => {
    await setApprovalRequirement(w.db, admin, w.acme.orgId, false, meta());
    const rev = await w.uploadAndRead(catalogId, csv('P-5,Pin 5,5.00,Pins,'), 'pins-5.csv');
    expect(await problem(submitForApproval(w.db, w.acme, rev.id, { validRowsOnly: false, at: null }, meta()))).toBe('Your catalogs need no approval: publish the revision directly.');
    await w.publish(rev.id);
    expect(await w.liveOf(catalogId)).toBe(rev.id);
  });
});
