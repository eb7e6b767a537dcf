import { createServer, type Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedData } from './shared-data.ts';

/**
 * What a procurement system does around a punchout: sends the setup, and receives the basket
 * the buyer's browser posts back to its return URL. A real HTTP server on 127.0.0.1.
 */
export interface BasketReceiver {
  /** The return URL (BrowserFormPost / HOOK_URL) of this receiver. */
  returnUrl: string;
  /** Resolves with the next basket posted, as form fields. */
  nextBasket(timeoutMs?: number): Promise<URLSearchParams>;
  close(): Promise<void>;
}

export async function startBasketReceiver(host = '127.0.0.1'): Promise<BasketReceiver> {
  const received: URLSearchParams[] = [];
  const waiting: Array<(fields: URLSearchParams) => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // Only the basket's POST counts; the browser also asks for /favicon.ico and such.
      if (req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      const fields = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const waiter = waiting.shift();
      if (waiter) waiter(fields);
      else received.push(fields);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Basket received</title><h1>Basket received by the procurement system</h1>');
    });
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    returnUrl: `http://${host}:${port}/punchout-return`,
    nextBasket(timeoutMs = 15_000) {
      const ready = received.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error('no basket was posted to the return URL')), timeoutMs);
        waiting.push((fields) => { clearTimeout(timer); done(fields); });
      });
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export interface SetupLine { sku: string; quantity: number }

/** A PunchOutSetupRequest as procurement systems write them (namespaced DOCTYPE, extra elements). */
export function cxmlSetupRequest(o: { identity: string; secret: string; returnUrl: string; operation?: string; buyerCookie?: string; lines?: SetupLine[] }): string {
  const lines = (o.lines ?? []).map((l, i) => `<ItemOut quantity="${l.quantity}" lineNumber="${(i + 1) * 10}"><ItemID><SupplierPartID>${l.sku}</SupplierPartID></ItemID></ItemOut>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.050/cXML.dtd">
<cXML payloadID="test-${Date.now()}@procurement.test" timestamp="2027-01-23T16:00:06-01:00" xml:lang="en-US">
  <Header>
    <From><Credential domain="NetworkId"><Identity>${o.identity}</Identity></Credential></From>
    <To><Credential domain="DUNS"><Identity>northwind</Identity></Credential></To>
    <Sender><Credential domain="NetworkId"><Identity>${o.identity}</Identity><SharedSecret>${o.secret}</SharedSecret></Credential><UserAgent>Test procurement system</UserAgent></Sender>
  </Header>
  <Request deploymentMode="test">
    <PunchOutSetupRequest operation="${o.operation ?? 'create'}">
      <BuyerCookie>${o.buyerCookie ?? 'cookie-1234'}</BuyerCookie>
      <Extrinsic name="UserEmail">buyer@globex.test</Extrinsic>
      <BrowserFormPost><URL>${o.returnUrl}</URL></BrowserFormPost>
      <SupplierSetup><URL>http://vitrine.test/punchout/cxml</URL></SupplierSetup>
      ${lines}
    </PunchOutSetupRequest>
  </Request>
</cXML>`;
}

/** Posts a setup request; returns the cXML answer's status code and text and the StartPage URL. */
export async function sendCxmlSetup(base: string, xml: string): Promise<{ httpStatus: number; code: number; text: string; startUrl: string | null; body: string }> {
  const res = await fetch(new URL('/punchout/cxml', base), { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: xml });
  const body = await res.text();
  const status = /<Status code="(\d+)" text="([^"]*)"/.exec(body);
  const url = /<StartPage><URL>([^<]+)<\/URL><\/StartPage>/.exec(body);
  return { httpStatus: res.status, code: Number(status?.[1] ?? 0), text: (status?.[2] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&'), startUrl: url ? url[1]!.replace(/&amp;/g, '&') : null, body };
}

/** xmllint's verdict on a cXML document against the cXML 1.2.063 DTD of ../shared/data/cxml: '' when valid. */
export function cxmlDtdProblems(xml: string): string {
  const dtd = join(sharedData('cxml').path, 'cXML.dtd');
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-cxml-'));
  const file = join(dir, 'message.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('/usr/bin/xmllint', ['--noout', '--nonet', '--dtdvalid', dtd, file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The form a transfer page posts: its action and its fields in order. */
export function transferFormOf(html: string): { action: string; fields: URLSearchParams } {
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const action = /<form id="punchout-transfer" method="post" action="([^"]+)"/.exec(html);
  if (!action) throw new Error(`no transfer form in: ${html.slice(0, 300)}`);
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields.append(decode(m[1]!), decode(m[2]!));
  return { action: decode(action[1]!), fields };
}
