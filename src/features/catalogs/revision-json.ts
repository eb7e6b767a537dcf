import { apiPaths, supplierPaths } from '#src/paths.ts';
import type { DiffSummary } from '#features/ingest/revisions/diff-revisions.server.ts';
import type { CatalogRow, RevisionContext } from '#features/ingest/revisions/find-revision.server.ts';
import { describeRevisionState, revisionAbilities, revisionFacts } from './revision-status.ts';

/** A revision as the JSON API shows it, with what may be done next and where. */
export function revisionJson(ctx: RevisionContext, diff: DiffSummary | null) {
  const r = ctx.revision;
  const facts = revisionFacts(r);
  const can = revisionAbilities(facts, ctx.supplier.requiresApproval);
  const at = (action?: Parameters<typeof apiPaths.revision>[2]) => apiPaths.revision(ctx.catalog.id, r.id, action);
  return {
    id: r.id,
    catalogId: ctx.catalog.id,
    state: r.state,
    status: describeRevisionState(facts, ctx.supplier.requiresApproval).label,
    fileName: r.fileName,
    format: r.format,
    sheet: r.sheet,
    uploadedAt: r.createdAt,
    processedAt: r.processedAt,
    publishedAt: r.publishedAt,
    scheduledAt: r.scheduledAt,
    progress: { rowsRead: r.rowsRead, rowsChecked: r.rowsChecked },
    counts: { items: r.itemCount, errors: r.errorCount, warnings: r.warningCount },
    validRowsOnly: r.validRowsOnly,
    failureReason: r.failureReason,
    needsColumnMapping: facts.needsMapping && r.state === 'failed',
    approval: { required: ctx.supplier.requiresApproval, state: r.approval, comment: r.approvalComment, submittedAt: r.submittedAt, reviewedAt: r.reviewedAt },
    diff,
    can: { publish: can.publish, submit: can.submit, schedule: can.schedule, cancelSchedule: can.cancelSchedule, discard: can.discard, rollback: can.rollback, remapColumns: can.remap },
    links: {
      self: at(), report: at('report'), reportCsv: `${at('report')}?format=csv`, diff: at('diff'), columns: at('columns'),
      publish: at('publish'), schedule: at('schedule'), submit: at('submit'), rollback: at('rollback'), discard: at('discard'),
      page: supplierPaths.revision(r.id),
    },
  };
}

export function catalogJson(c: CatalogRow & { requiresApproval?: boolean }) {
  return {
    id: c.id, name: c.name, slug: c.slug, currency: c.currency, liveRevisionId: c.liveRevisionId, createdAt: c.createdAt,
    links: { self: apiPaths.catalog(c.id), revisions: apiPaths.revisions(c.id), page: supplierPaths.catalog(c.id) },
  };
}
