import type { Db } from '#db/client.ts';
import { answerCxmlSetup } from './cxml-setup-answer.server.ts';
import { answerOciSetup } from './oci-setup-answer.server.ts';

export interface TryOutcome { sent: string; answerStatus: number; answer: string; startUrl: string | null }

function cxmlSetupXml(identity: string, secret: string, returnUrl: string, now: Date): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="try-${now.getTime()}@vitrine" timestamp="${now.toISOString()}" xml:lang="en">
  <Header>
    <From><Credential domain="NetworkId"><Identity>${esc(identity)}</Identity></Credential></From>
    <To><Credential domain="NetworkId"><Identity>vitrine</Identity></Credential></To>
    <Sender><Credential domain="NetworkId"><Identity>${esc(identity)}</Identity><SharedSecret>${esc(secret)}</SharedSecret></Credential><UserAgent>Vitrine try-out</UserAgent></Sender>
  </Header>
  <Request deploymentMode="test">
    <PunchOutSetupRequest operation="create">
      <BuyerCookie>try-${now.getTime()}</BuyerCookie>
      <BrowserFormPost><URL>${esc(returnUrl)}</URL></BrowserFormPost>
    </PunchOutSetupRequest>
  </Request>
</cXML>
`;
}

/**
 * Plays the procurement system for staff trying a connection: sends the setup through the same
 * code a real one reaches, and returns what was sent, what came back and the start page. The
 * secret is typed by the person (only its hash is stored) and is blanked in what is shown.
 */
export async function tryConnection(db: Db, input: { protocol: 'cxml' | 'oci'; identity: string; secret: string; returnUrl: string; origin: string }, now: Date): Promise<TryOutcome> {
  if (input.protocol === 'cxml') {
    const xml = cxmlSetupXml(input.identity, input.secret, input.returnUrl, now);
    const answer = await answerCxmlSetup(db, new Request(`${input.origin}/punchout/cxml`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml }), null, now);
    const text = await answer.text();
    const start = /<StartPage><URL>([^<]+)<\/URL>/.exec(text);
    return { sent: xml.replace(/<SharedSecret>[^<]*<\/SharedSecret>/, '<SharedSecret>…</SharedSecret>'), answerStatus: answer.status, answer: text, startUrl: start ? start[1]!.replace(/&amp;/g, '&') : null };
  }
  const url = new URL(`${input.origin}/punchout/oci`);
  for (const [k, v] of Object.entries({ USERNAME: input.identity, PASSWORD: input.secret, HOOK_URL: input.returnUrl, '~OkCode': 'ADDI', '~target': '_top', '~caller': 'CTLG' })) url.searchParams.set(k, v);
  const answer = await answerOciSetup(db, new Request(url), null, now);
  const shown = new URL(url);
  shown.searchParams.set('PASSWORD', '…');
  return { sent: `GET ${shown.pathname}?${shown.searchParams.toString()}`, answerStatus: answer.status, answer: answer.headers.get('location') ?? (await answer.text()), startUrl: answer.headers.get('location') };
}

/** A basket as the procurement system received it, decoded for reading: the cXML message, or the OCI fields. */
export function decodeReceivedBasket(fields: URLSearchParams): { cxml: string | null; oci: Array<[string, string]> } {
  const cxml = fields.get('cxml-urlencoded') ?? fields.get('cXML-urlencoded');
  return { cxml: cxml ? cxml.replace(/></g, '>\n<') : null, oci: cxml ? [] : [...fields.entries()] };
}
