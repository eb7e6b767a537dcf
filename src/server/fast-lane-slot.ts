import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Where the built app leaves its fast lane for the HTTP front. The front (scripts/serve.ts) is
 * not part of Astro's bundle and the page cache lives inside it, so the two meet through a
 * process-wide symbol rather than an import (an import would load a second, empty cache).
 */
export const FAST_LANE = Symbol.for('vitrine.fastLane');

/**
 * The headers the front gives every answer (the security headers and the request id), as one
 * flat list of names and values: a lane passes them to `writeHead` together with its own, so a
 * cached page's headers are checked and written in one pass, not set one by one first.
 */
export type FrontHeaders = readonly string[];

/**
 * Answers a request, with the front's headers among its own, and gives true; or gives false
 * without touching the response. Synchronously when it can (a promise costs a cached page a few
 * microtask turns it does not need).
 */
export type FastLane = (req: IncomingMessage, res: ServerResponse, frontHeaders: FrontHeaders) => boolean | Promise<boolean>;
