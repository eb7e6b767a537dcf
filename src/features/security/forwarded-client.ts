import type { BlockList } from 'node:net';
import { isIP } from 'node:net';
import { isTrusted, normalizeAddress } from './trusted-proxies.ts';

/** One hop of `Forwarded: for=…` or X-Forwarded-For, without quotes, brackets or port. */
function hopAddress(raw: string): string {
  let v = raw.trim().replace(/^"|"$/g, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  return isIP(v) ? normalizeAddress(v) : v.slice(0, 64);
}

/** The hops a request names, leftmost (the original client, as claimed) first; the standard Forwarded header wins over X-Forwarded-For. */
function forwardedHops(headers: Headers): string[] {
  const forwarded = headers.get('forwarded');
  if (forwarded) {
    return forwarded.split(',').flatMap((element) => {
      const pair = element.split(';').map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('for='));
      return pair ? [hopAddress(pair.slice(4))] : [];
    });
  }
  const xff = headers.get('x-forwarded-for');
  return xff ? xff.split(',').map(hopAddress).filter(Boolean) : [];
}

/**
 * The client's address. The connection's own address unless it comes from a trusted proxy;
 * then the forwarded hops are read right to left, each trusted one skipped, and the first one
 * not trusted is the client: whatever a client writes into the header itself sits to the left
 * of what our proxies append, so it is never reached while an untrusted hop comes first.
 */
export function forwardedClientAddress(socketAddress: string | null, headers: Headers, trusted: BlockList | null): string | null {
  if (!socketAddress) return null;
  let client = normalizeAddress(socketAddress);
  if (!trusted || !isTrusted(trusted, client)) return client;
  const hops = forwardedHops(headers);
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hops[i]!;
    if (!isTrusted(trusted, client)) return client;
  }
  return client; // every hop is one of ours: the leftmost is as far as we can see
}
