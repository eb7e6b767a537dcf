import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from './private-addresses.ts';

/** A delivery refused because the endpoint's host leads into a private range. */
export class PrivateAddressRefused extends Error {
  constructor(host: string, address: string) {
    super(`refused: ${host} resolves to ${address}, a private address (set WEBHOOK_ALLOW_PRIVATE_ADDRESSES to allow it)`);
    this.name = 'PrivateAddressRefused';
  }
}

/**
 * The DNS lookup a delivery's connection uses: resolves the host, refuses when any of its
 * addresses is private (unless allowed), and hands the connection exactly the addresses it
 * checked, so no second lookup can lead it elsewhere (DNS rebinding).
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { family: options.family, hints: options.hints, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      const blocked = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (blocked) return callback(new PrivateAddressRefused(hostname, blocked.address), '', 0);
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
