import type { ActionAPIContext } from 'astro:actions';
import { clientAddress } from '#features/auth/client-address.ts';
import { linkOrigin } from '#features/security/deployment-settings.ts';

/** Who asked from where and when, as the feature functions record it. */
export function requestMeta(ctx: ActionAPIContext) {
  return {
    ip: clientAddress(ctx),
    at: new Date(),
    origin: linkOrigin(), // links are built on PUBLIC_URL, never on the Host header the requester wrote
    userAgent: ctx.request.headers.get('user-agent') ?? undefined,
  };
}
