// The supplier's side of the run, as an ERP would do it through the API with a bearer token:
// upload the price list as a new revision, poll it until it is checked, publish it.
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { basename } from 'node:path';

export interface UploadTimings {
  /** Upload request sent → 202 answered (the body streamed to disk). */
  acceptMs: number;
  /** 202 → the revision is `ready` (read, checked, stored, diffed in the background). */
  processMs: number;
  /** Publish request sent → answered: the live pointer, search documents and outbox in one transaction. */
  publishMs: number;
  polls: number;
  items: number;
  warnings: number;
}

interface RevisionAnswer { revision: { id: number; state: string; failureReason: string | null; counts: { items: number; errors: number; warnings: number } } }

/**
 * One API call on a connection of its own, as an ERP's client opens it: a POST is never sent on
 * a kept-alive socket the server may be closing at that moment (fetch does not retry a POST).
 */
function call(url: string, init: { method?: string; headers: Record<string, string>; body?: Buffer | string }): Promise<RevisionAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 300) return reject(new Error(`${init.method ?? 'GET'} ${url} answered ${res.statusCode}: ${text.slice(0, 500)}`));
        resolve(JSON.parse(text) as RevisionAnswer);
      });
      res.on('error', reject);
    });
    req.on('error', (e) => reject(new Error(`${init.method ?? 'GET'} ${url}: ${e.message}`)));
    req.end(init.body);
  });
}

export async function uploadAndPublish(origin: string, token: string, catalogId: number, file: string, onPublished: () => void): Promise<UploadTimings> {
  const auth = { authorization: `Bearer ${token}` };
  const body = await readFile(file);
  let started = performance.now();
  const accepted = await call(`${origin}/api/v1/catalogs/${catalogId}/revisions`, {
    method: 'POST', headers: { ...auth, 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(basename(file)) }, body,
  });
  const acceptMs = performance.now() - started;
  const url = `${origin}/api/v1/catalogs/${catalogId}/revisions/${accepted.revision.id}`;
  started = performance.now();
  let polls = 0;
  let revision = accepted.revision;
  while (revision.state === 'processing') {
    if (performance.now() - started > 150_000) throw new Error('the upload was not checked within 150 s');
    await new Promise((r) => setTimeout(r, 250));
    revision = (await call(url, { headers: auth })).revision;
    polls++;
  }
  const processMs = performance.now() - started;
  if (revision.state !== 'ready') throw new Error(`the upload ended ${revision.state}: ${revision.failureReason}`);
  if (revision.counts.errors > 0) throw new Error(`the generated price list has ${revision.counts.errors} errors`);
  started = performance.now();
  const published = await call(`${url}/publish`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
  const publishMs = performance.now() - started;
  onPublished();
  if (published.revision.state !== 'published') throw new Error(`after publishing, the revision is ${published.revision.state}`);
  return { acceptMs, processMs, publishMs, polls, items: revision.counts.items, warnings: revision.counts.warnings };
}
