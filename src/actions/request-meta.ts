import type { ActionAPIContext } from 'astro:actions';
import { clientAddress } from '#features/auth/client-address.ts';

/** Who asked from where and when, as the feature functions record it. */
export function requestMeta(ctx: ActionAPIContext) {
  return {
    ip: clientAddress(ctx),
    at: new Date(),
    origin: ctx.url.origin,
    userAgent: ctx.request.headers.get('user-agent') ?? undefined,
  };
}
