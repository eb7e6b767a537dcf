import { describe, expect, test } from 'vitest';
import { Writable } from 'node:stream';
import pino from 'pino';
import { requestLogLine, type RequestLogFacts } from '#features/observability/request-log-line.ts';

/** The line pino writes for these facts with the logger's own options (logger.server.ts). */
function pinoLine(facts: RequestLogFacts, now: number): string {
  let written = '';
  const sink = new Writable({ write(chunk: Buffer, _encoding, done) { written += chunk.toString(); done(); } });
  const log = pino({ base: undefined, timestamp: () => `,"time":"${new Date(now).toISOString()}"`, messageKey: 'msg' }, sink);
  log.info(facts, 'request');
  return written;
}

describe('the request log line made by hand', () => {
  const facts: RequestLogFacts = { reqId: '3f0c1a52-6b1e-4a7e-9f3e-2d4c5b6a7e8f', method: 'GET', route: '/catalogs/[catalog]/[...category]', status: 200, ms: 1.3, userId: 5, orgId: 4 };

  test('is the line pino writes, byte for byte, for a signed-in and an anonymous request', () => {
    for (const [f, now] of [[facts, Date.UTC(2026, 11, 5, 3, 11, 15, 7)], [{ ...facts, status: 404, ms: 0.4, userId: null, orgId: null }, Date.UTC(2026, 0, 1, 0, 0, 0, 999)]] as const) {
      expect(requestLogLine(f, now)).toBe(pinoLine(f, now));
    }
  });

  test('keeps the time right across seconds and milliseconds, and quotes what needs quoting', () => {
    for (const now of [Date.UTC(2026, 11, 5, 23, 59, 59, 999), Date.UTC(2026, 11, 6, 0, 0, 0, 0), Date.UTC(2026, 11, 6, 0, 0, 0, 40)]) {
      expect(JSON.parse(requestLogLine(facts, now)).time).toBe(new Date(now).toISOString());
    }
    const odd = { ...facts, method: 'M"\\\n', route: 'static' };
    expect(JSON.parse(requestLogLine(odd))).toMatchObject({ method: 'M"\\\n', route: 'static', msg: 'request', level: 30 });
    expect(requestLogLine(odd).endsWith('}\n')).toBe(true);
  });
});
