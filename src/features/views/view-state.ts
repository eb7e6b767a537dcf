import type { ViewRules } from '#db/schema/views.ts';
import { isInForce, parseValidity } from '#features/pricing/validity.ts';
import { sameRules } from './canonical-rules.ts';
import { describeValidity } from './validity-input.ts';

export interface DraftLike { state: 'draft' | 'published' | 'withdrawn'; draftRules: ViewRules; draftValidFrom: string | null; draftValidUntil: string | null }
export interface VersionLike { version: number; rules: ViewRules; validFrom: string | null; validUntil: string | null }

export interface ViewStatus {
  /** What the customer sees of this view right now. */
  visibleToCustomer: boolean;
  /** The draft differs from the last published version. */
  unpublishedChanges: boolean;
  /** One line for lists, e.g. "Published (version 3), with unpublished changes". */
  label: string;
  /** Why a published view shows nothing now, e.g. "starts 2027-01-01"; null when in force. */
  notInForce: string | null;
}

export function draftDiffers(view: DraftLike, version: VersionLike | null): boolean {
  if (!version) return true;
  return !sameRules(view.draftRules, version.rules) || view.draftValidFrom !== version.validFrom || view.draftValidUntil !== version.validUntil;
}

/** The state of a view in the words of the sales list; `version` is the last published one. */
export function describeViewState(view: DraftLike, version: VersionLike | null, now: Date): ViewStatus {
  const unpublishedChanges = version !== null && draftDiffers(view, version);
  const changes = unpublishedChanges ? ', with unpublished changes' : '';
  if (view.state === 'draft' || version === null) {
    return { visibleToCustomer: false, unpublishedChanges: false, label: 'Draft, never published', notInForce: null };
  }
  if (view.state === 'withdrawn') {
    return { visibleToCustomer: false, unpublishedChanges, label: `Withdrawn (was version ${version.version})${changes}`, notInForce: null };
  }
  const window = parseValidity(version.validFrom, version.validUntil);
  const inForce = isInForce(window, now.getTime());
  let notInForce: string | null = null;
  if (!inForce) {
    notInForce = window.fromMs !== null && now.getTime() < window.fromMs
      ? `not in force yet (${describeValidity(version.validFrom, version.validUntil)})`
      : `expired (${describeValidity(version.validFrom, version.validUntil)})`;
  }
  return {
    visibleToCustomer: inForce,
    unpublishedChanges,
    label: `Published (version ${version.version})${notInForce ? `, ${notInForce}` : ''}${changes}`,
    notInForce,
  };
}
