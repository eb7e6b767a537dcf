import type { Db } from '#db/client.ts';
import type { SessionUser } from '#features/auth/session-user.ts';

/**
 * What a buyer catalog route hands its page function: the same for the buyer's own route and its
 * sales-preview twin under /preview/<customer>/…, whose `customer` param decides who is shown
 * and so the BrowsePaths base (see openBrowseRequest).
 */
export interface BrowseRoute {
  db: Db;
  user: SessionUser;
  params: Readonly<Record<string, string | undefined>>;
  url: URL;
  /** The page's response: status and headers are set here. */
  response: { status?: number; readonly headers: Headers };
  /** Where a page the fast lane may serve again leaves its template key (see middleware). */
  locals: { pageTemplateKey: string | null };
  /** Whether this request carries the result of adding an item to a list (its page is never kept). */
  addedToList: boolean;
  now: Date;
}
