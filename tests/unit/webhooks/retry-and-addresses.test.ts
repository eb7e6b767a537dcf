import { describe, expect, test } from 'vitest';
import { nextAttemptAt, WEBHOOK_RETRY } from '#features/webhooks/retry-schedule.ts';
import { isLoopbackHost, isPrivateAddress } from '#features/webhooks/private-addresses.ts';
import { signatureHeader } from '#features/webhooks/sign-delivery.ts';

describe('the retry schedule of a failing delivery', () => {
  test('with the production base, attempts double from a minute, stay at most 6 hours apart, and end after 24 hours', () => {
    const created = 0;
    const times = [created];
    for (let attempts = 1; ; attempts++) {
      const next = nextAttemptAt(attempts, created, times.at(-1)!, WEBHOOK_RETRY.defaultBaseMs);
      if (next === null) break;
      times.push(next);
    }
    const gaps = times.slice(1).map((t, i) => (t - times[i]!) / 60_000);
    expect(gaps.slice(0, 5)).toEqual([1, 2, 4, 8, 16]);
    expect(Math.max(...gaps)).toBe(360);
    expect(times.at(-1)!).toBeLessThanOrEqual(24 * 3_600_000);
    expect(times.at(-1)!).toBeGreaterThan(18 * 3_600_000); // the retries do cover most of the day
  });
});

describe('the private address ranges', () => {
  test.each([
    ['127.0.0.1', true], ['10.20.30.40', true], ['172.31.255.1', true], ['192.168.0.10', true], ['169.254.169.254', true], ['100.64.0.1', true],
    ['0.0.0.0', true], ['::1', true], ['::', true], ['fe80::1', true], ['fd12:3456::1', true], ['::ffff:10.0.0.1', true], ['::ffff:a00:1', true],
    ['8.8.8.8', false], ['172.32.0.1', false], ['2606:4700:4700::1111', false], ['::ffff:93.184.216.34', false], ['not-an-address', true],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  test('plain http is for loopback hosts only', () => {
    expect(['localhost', '127.0.0.1', '127.9.9.9', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['example.com', '10.0.0.1', 'localhost.example.com'].map(isLoopbackHost)).toEqual([false, false, false]);
  });
});

test('the signature header is the HMAC-SHA256 of "t.body" in hex, with the time in seconds', () => {
  // Worked out independently: printf '1767225600.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
  expect(signatureHeader('whsec_test', '{"a":1}', new Date('2026-01-01T00:00:00Z'))).toBe('t=1767225600,v1=6d204545ff126a339c00513d93603299c984074ce1331c3537c3f6c976b49019');
});
