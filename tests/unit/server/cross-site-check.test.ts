import { describe, expect, test } from 'vitest';
import { isCrossSiteSubmission } from '#server/cross-site-check.ts';

const OWN = 'http://127.0.0.1:4321';

function request(method: string, headers: Record<string, string> = {}): Request {
  return new Request(`${OWN}/somewhere`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : 'x' });
}

describe('the cross-site rule', () => {
  test('a form posted from another site, or with no Origin, is refused; from our own pages it passes', () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain;charset=UTF-8']) {
      expect(isCrossSiteSubmission(request('POST', { 'content-type': type, origin: 'https://evil.example' }), OWN, { bearer: false })).toBe(true);
      expect(isCrossSiteSubmission(request('POST', { 'content-type': type }), OWN, { bearer: false })).toBe(true);
      expect(isCrossSiteSubmission(request('POST', { 'content-type': type, origin: OWN }), OWN, { bearer: false })).toBe(false);
    }
  });

  test('reads pass, and so do bearer-token clients without an Origin', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(isCrossSiteSubmission(request(method, { origin: 'https://evil.example' }), OWN, { bearer: false, anyBody: true })).toBe(false);
    expect(isCrossSiteSubmission(request('POST', { 'content-type': 'multipart/form-data; boundary=x' }), OWN, { bearer: true, anyBody: true })).toBe(false);
  });

  test('a body another site cannot send on its own passes the general rule, but not on a route that acts on any body', () => {
    const json = request('POST', { 'content-type': 'application/json' });
    expect(isCrossSiteSubmission(json, OWN, { bearer: false })).toBe(false);
    expect(isCrossSiteSubmission(json, OWN, { bearer: false, anyBody: true })).toBe(true);
    expect(isCrossSiteSubmission(request('POST', { 'content-type': 'application/json', origin: OWN }), OWN, { bearer: false, anyBody: true })).toBe(false);
    expect(isCrossSiteSubmission(request('DELETE', { origin: 'https://evil.example' }), OWN, { bearer: false })).toBe(true);
  });
});
