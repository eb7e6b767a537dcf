/** JSON answers of the API when the caller is not known; they never say which part was wrong. */
export function apiUnauthorized(message = 'Sign in or send an API token as "Authorization: Bearer <token>".'): Response {
  return Response.json({ error: { code: 'unauthorized', message } }, {
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="vitrine"', 'cache-control': 'no-store' },
  });
}

/** A resource the caller may not see answers as if it did not exist, as pages do. */
export function apiNotFound(): Response {
  return Response.json({ error: { code: 'not-found', message: 'Not found.' } }, { status: 404, headers: { 'cache-control': 'no-store' } });
}

/** A request refused whoever sends it (e.g. a cross-site submission). */
export function apiForbidden(message: string): Response {
  return Response.json({ error: { code: 'forbidden', message } }, { status: 403, headers: { 'cache-control': 'no-store' } });
}
