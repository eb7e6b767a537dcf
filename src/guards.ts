import { ActionError } from 'astro:actions';
import type { Role } from '#db/schema/users.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { can, type Action } from '#features/auth/authorize.ts';

interface HasLocals { locals: App.Locals }

/** For pages behind the route access table: the middleware has already required a user. */
export function pageUser(locals: App.Locals): SessionUser {
  if (!locals.user) throw new Error('pageUser() on a route the middleware does not protect');
  return locals.user;
}

/** One-line guard for actions: the signed-in user with one of the roles, or an error the form shows. */
export function requireRole(ctx: HasLocals, ...roles: Role[]): SessionUser {
  const user = ctx.locals.user;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Please sign in again.' });
  if (!roles.includes(user.role)) throw new ActionError({ code: 'NOT_FOUND', message: 'Not found.' });
  return user;
}

/** One-line guard for actions: the signed-in user allowed to do `action`. */
export function requireCan(ctx: HasLocals, action: Action): SessionUser {
  const user = ctx.locals.user;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Please sign in again.' });
  if (!can(user, action)) throw new ActionError({ code: 'FORBIDDEN', message: 'You may not do this.' });
  return user;
}
