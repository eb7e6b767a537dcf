import { forwardedClientAddress } from '#features/security/forwarded-client.ts';
import { deploymentSettings } from '#features/security/deployment-settings.ts';

/**
 * The client's address: the connection's, or, when it comes from a proxy listed in
 * TRUSTED_PROXIES, the nearest untrusted hop of X-Forwarded-For / Forwarded (forwarded-client.ts).
 */
export function clientAddress(ctx: { clientAddress: string; request: Request }): string | null {
  let socket: string | null;
  try {
    socket = ctx.clientAddress || null;
  } catch {
    return null; // prerendered contexts have no address
  }
  return forwardedClientAddress(socket, ctx.request.headers, deploymentSettings().trustedProxies);
}
