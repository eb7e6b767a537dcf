import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not be sent to unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES is on: loopback,
 * private, carrier-grade NAT, link-local (cloud metadata at 169.254.169.254), unique-local,
 * multicast, reserved and "this network" ranges, so an endpoint's URL cannot reach into the
 * network Vitrine runs in.
 */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 address (`::ffff:10.0.0.1`), else null. */
function embeddedIpv4(address: string): string | null {
  // The URL parser writes every IPv6 form the short way (`0:0:0:0:0:ffff:7f00:1` → `::ffff:7f00:1`).
  const short = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const dotted = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(short);
  if (dotted) return dotted[1]!;
  const hex = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(short);
  if (!hex) return null;
  const a = parseInt(hex[1]!, 16);
  const b = parseInt(hex[2]!, 16);
  return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
}

/** True when `address` (an IP literal) is in a range webhooks are kept out of; a non-address counts as private. */
export function isPrivateAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(plain);
  if (family === 4) return PRIVATE.check(plain, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(plain.toLowerCase());
    if (v4) return PRIVATE.check(v4, 'ipv4');
    return PRIVATE.check(plain, 'ipv6');
  }
  return true;
}

/** True for the loopback names and addresses, the only ones plain http may be sent to (the demo). */
export function isLoopbackHost(host: string): boolean {
  const plain = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (plain === 'localhost' || plain.endsWith('.localhost')) return true;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  if (isIP(plain) === 6) return plain === '::1' || embeddedIpv4(plain)?.startsWith('127.') === true;
  return false;
}
