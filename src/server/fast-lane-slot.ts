import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Where the built app leaves its fast lane for the HTTP front. The front (scripts/serve.ts) is
 * not part of Astro's bundle and the page cache lives inside it, so the two meet through a
 * process-wide symbol rather than an import (an import would load a second, empty cache).
 */
export const FAST_LANE = Symbol.for('vitrine.fastLane');

/**
 * Answers a request and gives true, or gives false without touching the response; synchronously
 * when it can (a promise costs a cached page a few microtask turns it does not need).
 */
export type FastLane = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
