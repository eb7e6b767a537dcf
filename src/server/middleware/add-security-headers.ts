import type { MiddlewareHandler } from 'astro';
import { applySecurityHeaders } from '#server/security-headers.ts';

/** Outermost step: every answer below, the refusals of the later steps included, carries the security headers. */
export const addSecurityHeaders: MiddlewareHandler = async (_context, next) => applySecurityHeaders(await next());
