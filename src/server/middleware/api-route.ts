/** Whether Astro matched an /api route: those answer in JSON and may be called with a bearer token. */
export function isApiRoute(routePattern: string): boolean {
  return routePattern.startsWith('/api/');
}
