import { apiPaths, paths } from '#src/paths.ts';
import { linkOrigin } from '#features/security/deployment-settings.ts';
import type { WebhookEventInput } from './webhook-outbox.server.ts';

// What each event tells: ids, counts, and URLs where the detail is read with an API token.
// Nothing here is another tenant's: a catalog event names only its supplier's catalog, and is
// sent only to that supplier's (and the operator's admins') endpoints.

/** A catalog as its events name it. */
export interface CatalogRef { id: number; name: string; slug: string; supplierOrgId: number }
export interface RevisionCounts { itemCount: number; errorCount: number; warningCount: number }
export interface DiffCounts { added: number; removed: number; changed: number; baseRevisionId: number | null }

const url = (path: string) => new URL(path, linkOrigin()).href;

function catalogData(c: CatalogRef) {
  return { id: c.id, name: c.name, slug: c.slug, url: url(apiPaths.catalog(c.id)) };
}

function revisionData(c: CatalogRef, revisionId: number) {
  return {
    id: revisionId, url: url(apiPaths.revision(c.id, revisionId)),
    reportUrl: url(apiPaths.revision(c.id, revisionId, 'report')), diffUrl: url(apiPaths.revision(c.id, revisionId, 'diff')),
  };
}

const counts = (r: RevisionCounts) => ({ items: r.itemCount, errors: r.errorCount, warnings: r.warningCount });
const diffCounts = (d: DiffCounts | null) => (d ? { added: d.added, removed: d.removed, changed: d.changed, comparedWithRevisionId: d.baseRevisionId } : null);

export function revisionReadyEvent(c: CatalogRef, revisionId: number, r: RevisionCounts, diff: DiffCounts | null): WebhookEventInput {
  return { type: 'revision.ready', supplierOrgId: c.supplierOrgId, data: { catalog: catalogData(c), revision: { ...revisionData(c, revisionId), counts: counts(r), diff: diffCounts(diff) } } };
}

export function revisionFailedEvent(c: CatalogRef, revisionId: number, reason: string): WebhookEventInput {
  return { type: 'revision.failed', supplierOrgId: c.supplierOrgId, data: { catalog: catalogData(c), revision: { id: revisionId, url: url(apiPaths.revision(c.id, revisionId)), reason } } };
}

export function catalogPublishedEvent(c: CatalogRef, revisionId: number, r: RevisionCounts, diff: DiffCounts | null, how: { previousRevisionId: number | null; rollback: boolean }): WebhookEventInput {
  return {
    type: 'catalog.published', supplierOrgId: c.supplierOrgId,
    data: { catalog: catalogData(c), revision: { ...revisionData(c, revisionId), counts: counts(r), diff: diffCounts(diff) }, previousRevisionId: how.previousRevisionId, rollback: how.rollback },
  };
}

export function catalogScheduledEvent(c: CatalogRef, revisionId: number, scheduledAt: string): WebhookEventInput {
  return { type: 'catalog.scheduled', supplierOrgId: c.supplierOrgId, data: { catalog: catalogData(c), revision: revisionData(c, revisionId), scheduledAt } };
}

export interface ViewRef { id: number; name: string; customerOrgId: number; customerName: string | null }

export function viewPublishedEvent(v: ViewRef, version: number, validity: { validFrom: string | null; validUntil: string | null }): WebhookEventInput {
  return {
    type: 'view.published', customerOrgId: v.customerOrgId,
    data: { customer: { id: v.customerOrgId, name: v.customerName }, view: { id: v.id, name: v.name, version, ...validity, url: url(paths.salesView(v.id)) } },
  };
}

export function viewWithdrawnEvent(v: ViewRef, version: number | null): WebhookEventInput {
  return { type: 'view.withdrawn', customerOrgId: v.customerOrgId, data: { customer: { id: v.customerOrgId, name: v.customerName }, view: { id: v.id, name: v.name, version, url: url(paths.salesView(v.id)) } } };
}
