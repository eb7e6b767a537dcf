import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Where the built app leaves its fast lane for the HTTP front. The front (scripts/serve.ts) is
 * not part of Astro's bundle and the page cache lives inside it, so the two meet through a
 * process-wide symbol rather than an import (an import would load a second, empty cache).
 */
export const FAST_LANE = Symbol.for('vitrine.fastLane');

/** Answers a request and resolves true, or resolves false without touching the response. */
export type FastLane = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
