import type { Db } from '#db/client.ts';
import { linkOrigin } from '#features/security/deployment-settings.ts';
import { escapeHtml } from '#features/security/escape-html.ts';
import { readSetupBody } from './setup-answers.ts';
import { recordRefusedSetup, setUpOciSession } from './setup.server.ts';
import { PunchoutProblem } from './punchout-problem.ts';

function refusal(status: number, message: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Procurement session refused · Vitrine</title></head><body><main><h1>The procurement session could not start</h1><p role="alert">${escapeHtml(message)}</p></main></body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

/**
 * GET or POST /punchout/oci: the buyer's browser arrives with the OCI fields (query or form);
 * a good call goes on to the start page, a refused one is told why on a page of its own.
 */
export async function answerOciSetup(db: Db, request: Request, ip: string | null, now: Date): Promise<Response> {
  const url = new URL(request.url);
  const fields = new URLSearchParams(url.search);
  if (request.method === 'POST') {
    const body = await readSetupBody(request);
    if (body === null) return refusal(413, 'The request is larger than an OCI call can be.');
    for (const [name, value] of new URLSearchParams(body)) fields.append(name, value);
  }
  try {
    const { startToken } = await setUpOciSession(db, fields, now, ip);
    return new Response(null, { status: 303, headers: { location: `${linkOrigin()}/punchout/start/${startToken}`, 'cache-control': 'no-store' } });
  } catch (e) {
    if (!(e instanceof PunchoutProblem)) throw e;
    await recordRefusedSetup(db, 'oci', e.message, ip, now);
    return refusal(e.status, e.message);
  }
}
