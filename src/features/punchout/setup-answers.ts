import { randomBytes } from 'node:crypto';
import { cxmlSetupResponse, cxmlStatusResponse } from './cxml-documents.ts';

/** How many bytes of a setup request are read at most: setups are small, a basket of ItemOut lines at most. */
export const SETUP_MAX_BYTES = 512 * 1024;

const envelope = (origin: string) => ({ payloadId: `${Date.now()}.${randomBytes(6).toString('hex')}@${new URL(origin).hostname}`, timestamp: new Date() });

const XML_HEADERS = { 'content-type': 'text/xml; charset=utf-8', 'cache-control': 'no-store' };

export function cxmlStatusAnswer(origin: string, code: 400 | 401 | 500, text: string): Response {
  return new Response(cxmlStatusResponse(envelope(origin), code, text), { status: code, headers: XML_HEADERS });
}

export function cxmlStartAnswer(origin: string, startUrl: string): Response {
  return new Response(cxmlSetupResponse(envelope(origin), startUrl), { status: 200, headers: XML_HEADERS });
}

/** The setup's body as text, or null when it is larger than a setup can be. */
export async function readSetupBody(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > SETUP_MAX_BYTES) return null;
  const body = await request.arrayBuffer();
  return body.byteLength > SETUP_MAX_BYTES ? null : new TextDecoder().decode(body);
}
