const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export interface CrossSiteOptions {
  /** The request was authenticated by an `Authorization: Bearer` token, not by the browser's cookie. */
  bearer: boolean;
  /**
   * The route acts on a body of any type (the API's JSON commands, a raw uploaded file), so any
   * body must carry our Origin, not only the ones another site's page could send on its own.
   */
  anyBody?: boolean;
}

/**
 * The one cross-site (CSRF) rule, for every request: whether it must be refused.
 * - Reads (GET, HEAD, OPTIONS) pass, and so do requests authenticated by a bearer token: a
 *   browser never adds that header on its own, so no other site can borrow it, and API clients
 *   need not send an Origin.
 * - A request carrying our own Origin passes.
 * - Otherwise a body a page elsewhere could make a browser send without asking (a form post,
 *   text/plain, or a body without a type) is refused everywhere (the middleware applies this to
 *   every route, in place of Astro's own check, which has no notion of bearer tokens); on a route
 *   that acts on any body (`anyBody`), every body is refused.
 */
export function isCrossSiteSubmission(request: Request, ownOrigin: string, { bearer, anyBody = false }: CrossSiteOptions): boolean {
  if (SAFE_METHODS.has(request.method) || bearer) return false;
  if (request.headers.get('origin') === ownOrigin) return false;
  if (anyBody) return true;
  const type = request.headers.get('content-type');
  if (type === null) return true;
  const lower = type.toLowerCase();
  return FORM_TYPES.some((t) => lower.includes(t));
}
