import type { RevisionState, revisions } from '#db/schema/catalogs.ts';
import { REQUIRED_FIELDS } from '#features/ingest/mapping/column-role.ts';
import { mayGoLive, type Approval } from './approval-rules.ts';

/** What the rules need to know of a revision. */
export interface RevisionFacts {
  state: RevisionState;
  approval: Approval;
  errorCount: number;
  itemCount: number;
  scheduledAt: string | null;
  leaseUntil: string | null;
  rowsRead: number;
  /** The file's headers were read (it can be mapped again). */
  hasColumnPreview: boolean;
  /** The upload is still kept (it can be read again). */
  hasUpload: boolean;
  /** Its columns were read but the SKU, name or price column was not found. */
  needsMapping: boolean;
}

/** The facts of a revisions row. */
export function revisionFacts(r: typeof revisions.$inferSelect): RevisionFacts {
  const roles = Object.values(r.columnRoles ?? {});
  return {
    state: r.state, approval: r.approval, errorCount: r.errorCount, itemCount: r.itemCount, scheduledAt: r.scheduledAt,
    leaseUntil: r.leaseUntil, rowsRead: r.rowsRead, hasColumnPreview: r.columnPreview !== null, hasUpload: r.uploadPath !== null,
    needsMapping: r.columnRoles !== null && REQUIRED_FIELDS.some((f) => !roles.includes(f)),
  };
}

/** What a supplier may do with a revision now; pages show these and commands check the same. */
export interface RevisionAbilities {
  publish: boolean;
  submit: boolean;
  schedule: boolean;
  cancelSchedule: boolean;
  discard: boolean;
  rollback: boolean;
  remap: boolean;
  /** Errors remain: going live needs the explicit "only the valid rows" choice. */
  needsValidRowsChoice: boolean;
}

export function revisionAbilities(r: RevisionFacts, requiresApproval: boolean): RevisionAbilities {
  const ready = r.state === 'ready';
  const hasItems = r.itemCount > 0;
  const live = mayGoLive(r.approval, requiresApproval);
  const submittable = requiresApproval && (r.approval === 'none' || r.approval === 'rejected');
  return {
    publish: ready && hasItems && live,
    submit: ready && hasItems && submittable,
    schedule: ready && hasItems && (live || submittable),
    cancelSchedule: ready && r.scheduledAt !== null,
    discard: r.state === 'processing' || ready || r.state === 'failed',
    rollback: r.state === 'superseded',
    remap: (r.state === 'failed' || ready) && r.hasColumnPreview && r.hasUpload,
    needsValidRowsChoice: r.errorCount > 0,
  };
}

export type StatusTone = 'ok' | 'error' | 'neutral';

/** The state in a few words for people, and whether it is good news, bad news or neither. */
export function describeRevisionState(r: RevisionFacts, requiresApproval: boolean): { label: string; tone: StatusTone } {
  switch (r.state) {
    case 'processing':
      return { label: r.leaseUntil === null && r.rowsRead === 0 ? 'Waiting to be read' : 'Being read', tone: 'neutral' };
    case 'ready':
      if (r.approval === 'pending') return { label: r.scheduledAt ? 'Waiting for approval (scheduled)' : 'Waiting for approval', tone: 'neutral' };
      if (r.approval === 'rejected' && requiresApproval) return { label: 'Rejected', tone: 'error' };
      if (r.scheduledAt) return { label: 'Scheduled', tone: 'neutral' };
      if (r.approval === 'approved') return { label: 'Approved, not yet live', tone: 'ok' };
      return { label: r.errorCount > 0 ? 'Checked, with errors' : 'Ready to publish', tone: r.errorCount > 0 ? 'error' : 'ok' };
    case 'published':
      return { label: 'Live', tone: 'ok' };
    case 'superseded':
      return { label: 'Earlier version', tone: 'neutral' };
    case 'discarded':
      return { label: 'Discarded', tone: 'neutral' };
    case 'failed':
      return { label: r.needsMapping ? 'Columns need mapping' : 'Could not be read', tone: 'error' };
  }
}
