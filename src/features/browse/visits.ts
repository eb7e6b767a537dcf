/** Activity further apart than this starts a new visit. */
export const VISIT_GAP_MS = 30 * 60 * 1000;
// lastSeenAt is written at most this often while a visit goes on.
const SEEN_RESOLUTION_MS = 60 * 1000;

export interface VisitState { lastVisitAt: string | null; lastSeenAt: string | null }

/**
 * The visit bookkeeping after a catalog page view at `now`. "Since your last visit" means
 * since the previous visit ended: a view more than VISIT_GAP_MS after the last one starts a
 * new visit, and the old visit's last view becomes the baseline. Views within a visit keep the
 * baseline, so reloading a page does not make the changes disappear. Null: nothing to write.
 */
export function nextVisitState(state: VisitState, now: Date): VisitState | null {
  const nowMs = now.getTime();
  const seenMs = state.lastSeenAt ? Date.parse(state.lastSeenAt) : Number.NaN;
  if (Number.isNaN(seenMs) || nowMs - seenMs > VISIT_GAP_MS) return { lastVisitAt: state.lastSeenAt, lastSeenAt: now.toISOString() };
  if (nowMs - seenMs < SEEN_RESOLUTION_MS) return null;
  return { lastVisitAt: state.lastVisitAt, lastSeenAt: now.toISOString() };
}

/**
 * Signing in starts a new visit whatever the time since the last page view: a buyer who signs
 * out and in again expects "since your last visit" to mean the session before. Null: nothing to
 * write (no page was viewed yet, so there is no earlier visit).
 */
export function visitStateAtSignIn(state: VisitState, now: Date): VisitState | null {
  if (!state.lastSeenAt) return null;
  return { lastVisitAt: state.lastSeenAt, lastSeenAt: now.toISOString() };
}
