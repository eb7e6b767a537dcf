import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** One request the receiver got, as it arrived. */
export interface Received { headers: IncomingMessage['headers']; body: string; at: number }

/** How the receiver answers the n-th request (0-based): a status and body, or 'hold' (never answer). */
export type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'hold';

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** Resolves when `count` requests have arrived (waits up to `ms`). */
  waitFor(count: number, ms?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for an integrator's system: it records every
 * request and answers as `answers` says (200 "ok" once they run out).
 */
export async function startWebhookReceiver(answers: Answer[] = []): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = answers[received.length] ?? { status: 200, body: 'ok' };
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      if (answer === 'hold') { held.push(res); return; }
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers }).end(answer.body ?? '');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks/vitrine`,
    received,
    async waitFor(count, ms = 20_000) {
      const until = Date.now() + ms;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`the receiver got ${received.length} requests, expected ${count}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return received;
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/**
 * Verifies a delivery the way the README tells integrators to: the HMAC-SHA256 of "t.body" with
 * the endpoint's secret, compared in constant time, and a time no older than `toleranceS`.
 */
export function signatureIsValid(header: string | string[] | undefined, body: string, secret: string, toleranceS = 300, nowS = Date.now() / 1000): boolean {
  if (typeof header !== 'string') return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowS - t) > toleranceS) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
