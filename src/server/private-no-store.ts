import { routeAccess } from '#features/auth/route-access.ts';

/**
 * Whether an on-demand response must not be kept by the browser or any cache: everything
 * behind sign-in, and anything answered to someone signed in (a public route too may show
 * who they are). Left alone: anonymous answers on public routes, and `/media`, whose
 * content-addressed images check access themselves and stay cached (`private, immutable`).
 */
export function mustNotStore(routePattern: string, signedIn: boolean): boolean {
  if (routePattern === '/media' || routePattern.startsWith('/media/')) return false;
  return signedIn || routeAccess(routePattern) !== 'public';
}

/** Sets `Cache-Control: no-store`, overriding what the page asked for (`private, no-cache` still lands on disk). */
export function withNoStore(response: Response): Response {
  try {
    response.headers.set('cache-control', 'no-store');
    return response;
  } catch {
    // Some responses (redirects built by the runtime) have immutable headers: copy them.
    const copy = new Response(response.body, response);
    copy.headers.set('cache-control', 'no-store');
    return copy;
  }
}
