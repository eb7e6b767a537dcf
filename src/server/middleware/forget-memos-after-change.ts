import type { MiddlewareHandler } from 'astro';
import { forgetSessions } from '#features/auth/session-memo.ts';
import { forgetFingerprints } from '#features/page-cache/scope-memo.ts';

/**
 * After a request other than GET or HEAD: whatever it changed (a sign-out, a publish, a view…),
 * what the fast lane's memos of sessions and customer scopes say may be stale now.
 */
export const forgetMemosAfterChange: MiddlewareHandler = async (context, next) => {
  const response = await next();
  if (context.request.method !== 'GET' && context.request.method !== 'HEAD') {
    forgetSessions();
    forgetFingerprints();
  }
  return response;
};
