/** The client's address as the server saw it. Behind a proxy, set it there; we do not trust forwarded headers. */
export function clientAddress(ctx: { clientAddress: string }): string | null {
  try {
    return ctx.clientAddress || null;
  } catch {
    return null; // prerendered contexts have no address
  }
}
