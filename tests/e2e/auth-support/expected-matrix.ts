/**
 * Who gets what, written out by hand: every route × every identity → the answer. It does not
 * read route-access.ts (or anything else of the app) on purpose: a wrong entry there must show
 * up here as a difference, not be copied. Review a change of this table like a change of rights.
 *
 * Columns, in order: anonymous · admin · sales · supplier (Acme) · buyer (Globex) ·
 * other supplier (Bright) · other buyer (Initech) · punchout (a Globex procurement system's
 * punchout session, which reaches browsing, search, product pages and its basket only). Acme's catalog is in Globex's view, not
 * Initech's; Globex's organization, view, list and buyer are not Initech's business.
 *
 *   K  200                     L  302 to /login?next=<path>
 *   N  404 (as if not there)   U  401 (API, nobody signed in)
 *   H  a non-GET that reached its handler (not 401/404/5xx, not sent to sign in)
 *   E  500 (the error page)    >  302 or 303 to the path after it (`>/sales`)
 *
 * Placeholders in paths are filled from the seeded demo: {cat} Acme's catalog slug, {catId}
 * its id, {rev} its live revision, {sku} one of its items, {org} Globex's id, {view} Globex's
 * view, {list} the Globex buyer's list, {user} the Globex buyer, {invite} a live invitation,
 * {help} a help page; {acmeHook}, {salesHook}, {adminHook} a webhook endpoint registered by Acme's
 * supplier, by sales and by an admin; {none} names nothing that exists.
 */
export const EXPECTED_MATRIX: ReadonlyArray<readonly [method: string, path: string, outcomes: string]> = [
  // Public, the same for everyone (prerendered or not).
  ['GET', '/', 'K K K K K K K K'],
  ['GET', '/help', 'K K K K K K K K'],
  ['GET', '/help/{help}', 'K K K K K K K K'],
  ['GET', '/suppliers', 'K K K K K K K K'],
  ['GET', '/healthz', 'K K K K K K K K'],
  ['GET', '/invite/{invite}', 'K K K K K K K N'],
  ['GET', '/404', 'N N N N N N N N'],
  ['GET', '/500', 'E E E E E E E E'],
  ['GET', '/media/{none}/{none}', 'N N N N N N N N'],
  ['GET', '/login', 'K >/admin >/sales >/supplier >/catalogs >/supplier >/catalogs N'],
  ['GET', '/login/forgot', 'K >/admin >/sales >/supplier >/catalogs >/supplier >/catalogs N'],
  // The demo has an administrator, so the first-run page is gone; it has no logo either.
  ['GET', '/setup', 'N N N N N N N N'],
  ['GET', '/operator-logo.png', 'N N N N N N N N'],
  // Only a bearer of METRICS_TOKEN (none is set here), whoever is signed in.
  ['GET', '/metrics', 'U U U U U U U N'],
  ['POST', '/logout', '>/login >/login >/login >/login >/login >/login >/login N'],
  // Anyone signed in.
  ['GET', '/account', 'L K K K K K K N'],
  ['GET', '/account/person-bar.json', 'L K K K K K K N'], // the signed-in header of the prerendered pages
  // Buyers.
  ['GET', '/account/tokens', 'L N N N K N K N'],
  ['GET', '/catalogs', 'L N N N K N K K'],
  ['GET', '/catalogs/{cat}', 'L N N N K N N K'],
  ['GET', '/catalogs/{cat}/export.csv', 'L N N N K N N N'],
  ['GET', '/catalogs/{cat}/print', 'L N N N K N N N'],
  ['GET', '/products/{cat}/{sku}', 'L N N N K N N K'],
  ['GET', '/search', 'L N N N K N K K'],
  ['GET', '/changes', 'L N N N K N K N'],
  ['GET', '/lists', 'L N N N K N K N'],
  ['GET', '/lists/{list}', 'L N N N K N N N'],
  ['GET', '/lists/{list}/export.csv', 'L N N N K N N N'],
  // Suppliers.
  ['GET', '/supplier', 'L N N K N K N N'],
  ['GET', '/supplier/tokens', 'L N N K N K N N'],
  ['GET', '/supplier/catalogs/{catId}', 'L N N K N N N N'],
  ['GET', '/supplier/catalogs/{catId}/export.csv', 'L N N K N N N N'],
  ['POST', '/supplier/catalogs/{catId}/upload', 'L N N H N N N N'],
  ['GET', '/supplier/revisions/{rev}', 'L N N K N N N N'],
  // The live revision's workbook is no longer kept: even its own supplier gets 404.
  ['GET', '/supplier/revisions/{rev}/annotated.xlsx', 'L N N N N N N N'],
  ['GET', '/supplier/revisions/{rev}/columns', 'L N N K N N N N'],
  ['GET', '/supplier/revisions/{rev}/diff', 'L N N K N N N N'],
  ['GET', '/supplier/revisions/{rev}/report', 'L N N K N N N N'],
  ['GET', '/supplier/revisions/{rev}/report.csv', 'L N N K N N N N'],
  // Webhook endpoints belong to their supplier: Bright's supplier does not see Acme's.
  ['GET', '/supplier/webhooks', 'L N N K N K N N'],
  ['GET', '/supplier/webhooks/{acmeHook}', 'L N N K N N N N'],
  // Sales.
  ['GET', '/sales', 'L N K N N N N N'],
  ['GET', '/sales/approvals', 'L N K N N N N N'],
  ['GET', '/sales/approvals/{rev}', 'L N K N N N N N'],
  ['GET', '/sales/customers/{org}', 'L N K N N N N N'],
  ['GET', '/sales/customers/{org}/preview', 'L N K N N N N N'],
  ['GET', '/sales/invitations', 'L N K N N N N N'],
  ['GET', '/sales/views/{view}', 'L N K N N N N N'],
  ['GET', '/sales/views/{view}/catalogs/{catId}', 'L N K N N N N N'],
  ['GET', '/sales/views/{view}/review', 'L N K N N N N N'],
  ['GET', '/sales/webhooks', 'L N K N N N N N'],
  ['GET', '/sales/webhooks/{salesHook}', 'L N K N N N N N'],
  ['GET', '/preview', 'L N K N N N N N'],
  ['GET', '/preview/{org}', 'L N >/preview/{org}/catalogs N N N N N'],
  ['GET', '/preview/{org}/catalogs', 'L N K N N N N N'],
  ['GET', '/preview/{org}/catalogs/{cat}', 'L N K N N N N N'],
  ['GET', '/preview/{org}/catalogs/{cat}/export.csv', 'L N K N N N N N'],
  ['GET', '/preview/{org}/catalogs/{cat}/print', 'L N K N N N N N'],
  ['GET', '/preview/{org}/changes', 'L N K N N N N N'],
  ['GET', '/preview/{org}/products/{cat}/{sku}', 'L N K N N N N N'],
  ['GET', '/preview/{org}/items', 'L N K N N N N N'],
  // Admins.
  ['GET', '/admin', 'L K N N N N N N'],
  ['GET', '/admin/approvals', 'L K N N N N N N'],
  ['GET', '/admin/catalogs', 'L K N N N N N N'],
  ['GET', '/admin/approvals/{rev}', 'L K N N N N N N'],
  ['GET', '/admin/mail', 'L K N N N N N N'],
  ['GET', '/admin/settings', 'L K N N N N N N'],
  ['GET', '/admin/audit', 'L K N N N N N N'],
  ['GET', '/admin/organizations', 'L K N N N N N N'],
  ['GET', '/admin/users', 'L K N N N N N N'],
  ['GET', '/admin/webhooks', 'L K N N N N N N'],
  ['GET', '/admin/webhooks/{adminHook}', 'L K N N N N N N'],
  // API: anyone signed in (session or token).
  ['GET', '/api/v1/me', 'U K K K K K K N'],
  ['GET', '/api/v1/openapi.json', 'U K K K K K K N'],
  // API for buyers' systems.
  ['GET', '/api/v1/catalog', 'U N N N K N K N'],
  ['GET', '/api/v1/catalog/{cat}', 'U N N N K N N N'],
  ['GET', '/api/v1/catalog/{cat}/items', 'U N N N K N N N'],
  ['GET', '/api/v1/catalog/{cat}/items/{sku}', 'U N N N K N N N'],
  // API for suppliers' systems.
  ['GET', '/api/v1/catalogs', 'U N N K N K N N'],
  ['POST', '/api/v1/catalogs', 'U N N H N H N N'],
  ['GET', '/api/v1/catalogs/{catId}', 'U N N K N N N N'],
  ['GET', '/api/v1/catalogs/{catId}/export.csv', 'U N N K N N N N'],
  ['GET', '/api/v1/catalogs/{catId}/revisions', 'U N N K N N N N'],
  ['POST', '/api/v1/catalogs/{catId}/revisions', 'U N N H N N N N'],
  ['GET', '/api/v1/catalogs/{catId}/revisions/{rev}', 'U N N K N N N N'],
  ['GET', '/api/v1/catalogs/{catId}/revisions/{rev}/columns', 'U N N K N N N N'],
  ['POST', '/api/v1/catalogs/{catId}/revisions/{rev}/columns', 'U N N H N N N N'],
  ['GET', '/api/v1/catalogs/{catId}/revisions/{rev}/diff', 'U N N K N N N N'],
  ['POST', '/api/v1/catalogs/{catId}/revisions/{rev}/discard', 'U N N H N N N N'],
  ['POST', '/api/v1/catalogs/{catId}/revisions/{rev}/publish', 'U N N H N N N N'],
  ['GET', '/api/v1/catalogs/{catId}/revisions/{rev}/report', 'U N N K N N N N'],
  ['POST', '/api/v1/catalogs/{catId}/revisions/{rev}/rollback', 'U N N H N N N N'],
  ['POST', '/api/v1/catalogs/{catId}/revisions/{rev}/schedule', 'U N N H N N N N'],
  ['DELETE', '/api/v1/catalogs/{catId}/revisions/{rev}/schedule', 'U N N H N N N N'],
  ['POST', '/api/v1/catalogs/{catId}/revisions/{rev}/submit', 'U N N H N N N N'],
  // PunchOut: procurement systems set up with their own credentials (none here: 401, or 400 for
  // a cXML request without a document), the start
  // link is its token (none here: 404); the basket and the transfer are a punchout session's only.
  ['POST', '/punchout/cxml', 'H H H H H H H N'],
  ['GET', '/punchout/oci', 'U U U U U U U N'],
  ['POST', '/punchout/oci', 'U U U U U U U N'],
  ['GET', '/punchout/start/{none}', 'N N N N N N N N'],
  ['GET', '/punchout/cart', 'L N N N N N N K'],
  ['POST', '/punchout/transfer', 'L N N N N N N K'],
  ['POST', '/punchout/cancel', 'L N N N N N N K'],
  ['GET', '/punchout/connections', 'L K K N N N N N'],
  ['GET', '/punchout/try', 'L K K N N N N N'],
  ['GET', '/punchout/try/received', 'L >/punchout/try >/punchout/try N N N N N'],
];

/** The route pattern a table path stands for (`/catalogs/{cat}/print` → `/catalogs/[catalog]/print/[...category]`), to check every route file has a row. */
export function tablePathMatchesPattern(tablePath: string, pattern: string): boolean {
  const tableParts = tablePath.split('/').filter(Boolean);
  const patternParts = pattern.split('/').filter(Boolean);
  let i = 0;
  for (const part of patternParts) {
    if (/^\[\.\.\./.test(part)) return true; // a rest param takes what is left, nothing included
    const t = tableParts[i++];
    if (t === undefined) return false;
    if (part.startsWith('[') || part.includes('[')) {
      const pre = part.slice(0, part.indexOf('['));
      if (!t.startsWith(pre) && !t.startsWith('{')) return false;
      continue;
    }
    if (t !== part) return false;
  }
  return i === tableParts.length;
}
