/**
 * What the app learns about a request (its route pattern, who made it) for the one log line the
 * HTTP front writes when the response ends. The front (scripts/serve.ts) gives every request an
 * id in the `x-request-id` header (any the client sent is replaced); the middleware and the
 * fast lane note their facts under that id in a process-wide map.
 */
export const REQUEST_ID_HEADER = 'x-request-id';
const SLOT = Symbol.for('vitrine.requestFacts');

export interface RequestFacts { route?: string; userId?: number | null; orgId?: number | null }
type Slot = Record<symbol, Map<string, RequestFacts> | undefined>;

export function requestFactsMap(): Map<string, RequestFacts> {
  return ((globalThis as Slot)[SLOT] ??= new Map());
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export function requestIdOf(headers: HeaderSource): string | null {
  const value = headers instanceof Headers ? headers.get(REQUEST_ID_HEADER) : headers[REQUEST_ID_HEADER];
  return typeof value === 'string' && value ? value : null;
}

/**
 * Notes facts of the request in flight (ignored when the request did not come through the front).
 * The first note of each fact wins, so a page rewritten to /404 is still logged under the route asked for.
 */
export function noteRequest(headers: HeaderSource, facts: RequestFacts): void {
  const id = requestIdOf(headers);
  if (!id) return;
  const held = requestFactsMap().get(id);
  if (!held) return;
  for (const key of Object.keys(facts) as Array<keyof RequestFacts>) {
    if (held[key] === undefined && facts[key] !== undefined) (held as Record<string, unknown>)[key] = facts[key];
  }
}
