import { describe, expect, test } from 'vitest';
import { forwardedClientAddress } from '#features/security/forwarded-client.ts';
import { parseTrustedProxies } from '#features/security/trusted-proxies.ts';

const trusted = parseTrustedProxies('10.0.0.0/8, 192.0.2.10 fd00::/8');
const headers = (h: Record<string, string>) => new Headers(h);

describe('the client address behind proxies', () => {
  test('without TRUSTED_PROXIES, forwarded headers are ignored', () => {
    expect(forwardedClientAddress('192.0.2.10', headers({ 'x-forwarded-for': '203.0.113.1' }), null)).toBe('192.0.2.10');
  });

  test('from an untrusted peer, forwarded headers are ignored', () => {
    expect(forwardedClientAddress('198.51.100.4', headers({ 'x-forwarded-for': '203.0.113.1' }), trusted)).toBe('198.51.100.4');
  });

  test('from a trusted proxy, the nearest untrusted hop, read right to left', () => {
    expect(forwardedClientAddress('192.0.2.10', headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.1, 10.0.0.7' }), trusted)).toBe('203.0.113.1');
    expect(forwardedClientAddress('::ffff:10.1.1.1', headers({ 'x-forwarded-for': '203.0.113.1' }), trusted)).toBe('203.0.113.1');
    expect(forwardedClientAddress('fd00::1', headers({ 'x-forwarded-for': '2001:DB8::5' }), trusted)).toBe('2001:db8::5');
  });

  test('the standard Forwarded header, with quotes, brackets and ports', () => {
    expect(forwardedClientAddress('10.0.0.2', headers({ forwarded: 'for=6.6.6.6, for="[2001:db8::1]:4711";proto=https, for=10.0.0.9' }), trusted)).toBe('2001:db8::1');
    expect(forwardedClientAddress('10.0.0.2', headers({ forwarded: 'for=203.0.113.9:1234' }), trusted)).toBe('203.0.113.9');
  });

  test('when every hop is ours, the leftmost one', () => {
    expect(forwardedClientAddress('10.0.0.2', headers({ 'x-forwarded-for': '10.0.0.3, 10.0.0.4' }), trusted)).toBe('10.0.0.3');
    expect(forwardedClientAddress('10.0.0.2', headers({}), trusted)).toBe('10.0.0.2');
  });

  test('a setting that is not an address or range stops the start', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies('proxy.internal')).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies('10.0.0.0/')).toThrow(/TRUSTED_PROXIES/);
    expect(parseTrustedProxies('  ')).toBeNull();
  });
});
