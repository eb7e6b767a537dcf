import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, PrivateAddressRefused } from './guarded-lookup.server.ts';
import { isPrivateAddress } from './private-addresses.ts';

/** What an attempt came to: the answer's status and the first 1 KB of its body, or why there was none. */
export interface AttemptOutcome { ok: boolean; status: number | null; excerpt: string | null; error: string | null }

export const EXCERPT_BYTES = 1024;

export interface PostOptions { allowPrivate: boolean; timeoutMs: number }

/**
 * POSTs one delivery. A 2xx answer is a success; anything else, a redirect included (redirects
 * are not followed: the endpoint's owner registered this URL, not another), no answer within
 * the time limit, or an address refused by the private-range guard, is a failure with its reason.
 */
export function postDelivery(url: string, body: string, headers: Record<string, string>, options: PostOptions): Promise<AttemptOutcome> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  // A literal address is connected to without a lookup, so it is checked here.
  if (!options.allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) {
    return Promise.resolve({ ok: false, status: null, excerpt: null, error: new PrivateAddressRefused(host, host).message });
  }
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: AttemptOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = send(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options.allowPrivate),
      agent: false, // a fresh connection each time: every attempt resolves and checks the host again
    }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const status = res.statusCode ?? 0;
        const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
        const redirect = status >= 300 && status < 400 ? ` (redirect to ${res.headers.location ?? 'nowhere'} not followed)` : '';
        finish({ ok: status >= 200 && status < 300, status, excerpt, error: status >= 200 && status < 300 ? null : `answered ${status}${redirect}` });
        res.destroy();
        req.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= EXCERPT_BYTES) done(); // the rest of the answer is not read
      });
      res.on('end', done);
      res.on('error', done);
    });
    const timer = setTimeout(() => {
      finish({ ok: false, status: null, excerpt: null, error: `no answer within ${Math.round(options.timeoutMs / 1000)} s` });
      req.destroy();
    }, options.timeoutMs);
    timer.unref();
    req.on('error', (e: Error & { code?: string }) => finish({ ok: false, status: null, excerpt: null, error: e instanceof PrivateAddressRefused ? e.message : `${e.code ?? 'error'}: ${e.message}`.slice(0, 500) }));
    req.end(body);
  });
}
