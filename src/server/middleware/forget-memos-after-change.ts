import type { MiddlewareHandler } from 'astro';
import { forgetSession } from '#features/auth/session-memo.ts';
import { readSessionCookie } from '#features/auth/session-cookie.ts';

/**
 * After a request other than GET or HEAD, its own session may have ended or changed (a sign-out,
 * a password change), so the fast lane's memo of it goes. Anything else that changes what a page
 * shows moves the change stamp, which the fast lane checks; other visitors' memos stay.
 */
export const forgetMemosAfterChange: MiddlewareHandler = async (context, next) => {
  const token = context.locals.apiTokenId === null ? readSessionCookie(context.cookies) : undefined;
  const response = await next();
  if (token && context.request.method !== 'GET' && context.request.method !== 'HEAD') forgetSession(token);
  return response;
};
