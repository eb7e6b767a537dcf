import type { APPROVAL_STATES } from '#db/schema/catalogs.ts';

export type Approval = (typeof APPROVAL_STATES)[number];

/**
 * Whether a ready revision may be made live now, as far as approval goes: its supplier publishes
 * directly, or sales or an admin approved it. The supplier's setting is read at that moment, so
 * a supplier switched to "requires approval" after scheduling still waits for an approval.
 */
export function mayGoLive(approval: Approval, requiresApproval: boolean): boolean {
  return !requiresApproval || approval === 'approved';
}
