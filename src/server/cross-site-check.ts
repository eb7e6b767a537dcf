const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Whether a request must be refused as a cross-site submission (CSRF). A state-changing request
 * that a page elsewhere could make a browser send (a form post, or a body without a type) must
 * carry our own Origin. Requests authenticated by a bearer token are exempt: a browser never
 * adds that header on its own, so no other site can borrow it, and API clients need not send
 * an Origin. (This replaces Astro's own check, which has no notion of bearer tokens.)
 */
export function isCrossSiteSubmission(request: Request, ownOrigin: string, bearerAuthenticated: boolean): boolean {
  if (SAFE_METHODS.has(request.method) || bearerAuthenticated) return false;
  if (request.headers.get('origin') === ownOrigin) return false;
  const type = request.headers.get('content-type');
  if (type === null) return true;
  const lower = type.toLowerCase();
  return FORM_TYPES.some((t) => lower.includes(t));
}
