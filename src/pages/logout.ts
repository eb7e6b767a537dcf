import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { invalidateSession } from '#features/auth/sessions.server.ts';
import { clearSessionCookie } from '#features/auth/session-cookie.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { clientAddress } from '#features/auth/client-address.ts';

// POST only: a link or an image cannot sign anyone out; Origin is checked by Astro.
export const POST: APIRoute = async (ctx) => {
  const { database } = await getApp();
  const { session, user } = ctx.locals;
  if (session) {
    await invalidateSession(database.db, session.id);
    await recordAuditEvent(database.db, { kind: 'sign-out', actor: user ? { id: user.id, email: user.email } : null, ip: clientAddress(ctx) });
  }
  clearSessionCookie(ctx.cookies, ctx.url);
  return ctx.redirect('/login', 303);
};
