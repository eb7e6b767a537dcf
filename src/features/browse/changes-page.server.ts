import type { Db } from '#db/client.ts';
import type { BrowseRequest } from './browse-request.server.ts';
import { changesSince, type CatalogChanges } from './changes.server.ts';
import { defaultSince, parseSince } from './since-param.ts';
import { recordCatalogVisit } from './visits.server.ts';

export const CHANGES_SHOWN_PER_KIND = 100;

export interface ChangesPage {
  since: Date;
  /** How `since` was chosen, for the sentence above the results. */
  basis: 'asked' | 'last-visit' | 'default';
  /** The problem with the date asked for, if any (the default is used instead). */
  sinceError: string | null;
  catalogs: CatalogChanges[];
}

/** What changed since the date asked for, else since the buyer's last visit, else in the last 30 days. */
export async function loadChangesPage(db: Db, request: BrowseRequest, asked: string | null, now: Date): Promise<ChangesPage> {
  const lastVisit = request.preview ? null : await recordCatalogVisit(db, request.user.id, now);
  const parsed = asked ? parseSince(asked, now) : null;
  const since = parsed?.ok ? parsed.since : defaultSince(lastVisit, now);
  const basis = parsed?.ok ? 'asked' : lastVisit ? 'last-visit' : 'default';
  return { since, basis, sinceError: parsed && !parsed.ok ? parsed.message : null, catalogs: await changesSince(db, request, since, CHANGES_SHOWN_PER_KIND) };
}
