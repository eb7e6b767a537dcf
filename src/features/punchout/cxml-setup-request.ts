import { PunchoutProblem } from './punchout-problem.ts';
import { child, childrenNamed, readXmlTree, textOf, type XmlNode } from './xml-tree.ts';

export const CXML_OPERATIONS = ['create', 'edit', 'inspect'] as const;
export type CxmlOperation = (typeof CXML_OPERATIONS)[number];

/** What a cXML PunchOutSetupRequest asks for, as far as Vitrine uses it. */
export interface CxmlSetupRequest {
  payloadId: string;
  /** Identities of From and Sender credentials: the connection may be named by any of them. */
  identities: string[];
  sharedSecret: string;
  operation: CxmlOperation;
  buyerCookie: string;
  returnUrl: string;
  /** ItemOut lines of an edit or inspect: the basket to start from. */
  lines: Array<{ sku: string; quantity: number }>;
}

function credentialIdentities(header: XmlNode | null, part: string): string[] {
  return childrenNamed(child(header, part), 'Credential').map((c) => textOf(c, 'Identity')).filter((s) => s !== '');
}

function readLines(setup: XmlNode): Array<{ sku: string; quantity: number }> {
  return childrenNamed(setup, 'ItemOut').flatMap((item) => {
    const sku = textOf(item, 'ItemID', 'SupplierPartID');
    const quantity = Number(item.attributes['quantity'] ?? '1');
    return sku && Number.isFinite(quantity) && quantity > 0 ? [{ sku, quantity: Math.ceil(quantity) }] : [];
  });
}

/**
 * Reads a PunchOutSetupRequest. Liberal in what it takes (namespaces, a DOCTYPE, elements it
 * does not know), but a request without credentials, a return URL or a known operation is
 * refused with the reason.
 */
export function readCxmlSetupRequest(xml: string): CxmlSetupRequest {
  const root = readXmlTree(xml);
  if (root.name !== 'cXML') throw new PunchoutProblem(`Expected a cXML document, got <${root.name}>.`);
  const header = child(root, 'Header');
  const setup = child(root, 'Request', 'PunchOutSetupRequest');
  if (!setup) throw new PunchoutProblem('The cXML request has no Request/PunchOutSetupRequest.');
  const identities = [...credentialIdentities(header, 'Sender'), ...credentialIdentities(header, 'From')];
  const sharedSecret = childrenNamed(child(header, 'Sender'), 'Credential').map((c) => textOf(c, 'SharedSecret')).find((s) => s !== '') ?? '';
  if (identities.length === 0 || sharedSecret === '') throw new PunchoutProblem('The request names no Sender credential with an Identity and a SharedSecret.', 401);
  const operation = (setup.attributes['operation'] ?? 'create').toLowerCase();
  if (!(CXML_OPERATIONS as readonly string[]).includes(operation)) throw new PunchoutProblem(`The operation "${operation}" is not supported: use create, edit or inspect.`);
  const returnUrl = textOf(setup, 'BrowserFormPost', 'URL');
  if (!returnUrl) throw new PunchoutProblem('The request has no BrowserFormPost URL to return the basket to.');
  return {
    payloadId: root.attributes['payloadID'] ?? '', identities, sharedSecret, operation: operation as CxmlOperation,
    buyerCookie: textOf(setup, 'BuyerCookie'), returnUrl, lines: readLines(setup),
  };
}
