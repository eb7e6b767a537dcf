import { BlockList, isIP } from 'node:net';

/**
 * TRUSTED_PROXIES: the addresses (or CIDR ranges) of the proxies in front of Vitrine, separated
 * by commas or spaces, e.g. `10.0.0.0/8, 192.0.2.10, fd00::/8`. Only requests arriving from one
 * of them have their X-Forwarded-For / Forwarded headers read. Throws on an entry that is not an
 * address or range, so a typo stops the start instead of silently trusting nothing (or too much).
 */
export function parseTrustedProxies(setting: string | undefined): BlockList | null {
  const entries = (setting ?? '').split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const prefix = bits === undefined ? null : Number(bits);
    if (!family || extra !== undefined || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128)) || bits === '')) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR range such as 10.0.0.0/8`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === null) list.addAddress(address!, type);
    else list.addSubnet(address!, prefix, type);
  }
  return list;
}

/** An address as one spelling: IPv4-mapped IPv6 (`::ffff:192.0.2.1`) becomes IPv4, IPv6 lower case. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  return isIP(address) === 6 ? address.toLowerCase() : address;
}

export function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
