import { element, optional, xmlText } from '#features/exports/xml-writer.ts';
import { formatMinor } from '#kernel/money/parse-money.ts';
import { totalsByCurrency, lineTotal } from '#kernel/money/totals-by-currency.ts';
import type { TransferLine } from './transfer-line.ts';

/** The DTD every document Vitrine sends names and is tested against. */
export const CXML_DOCTYPE = '<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">';

export interface CxmlEnvelope { payloadId: string; timestamp: Date }

function open(envelope: CxmlEnvelope): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${CXML_DOCTYPE}\n<cXML payloadID="${xmlText(envelope.payloadId)}" timestamp="${envelope.timestamp.toISOString().replace(/\.\d{3}Z$/, '+00:00')}" xml:lang="en">`;
}

/** A cXML Response carrying only a Status: the answer to a setup request that is refused. */
export function cxmlStatusResponse(envelope: CxmlEnvelope, code: number, text: string): string {
  return `${open(envelope)}<Response>${element('Status', text, { code: String(code), text: code === 200 ? 'OK' : text })}</Response></cXML>\n`;
}

/** The successful answer to a PunchOutSetupRequest: where the buyer's browser starts. */
export function cxmlSetupResponse(envelope: CxmlEnvelope, startUrl: string): string {
  return `${open(envelope)}<Response><Status code="200" text="OK"/><PunchOutSetupResponse><StartPage>${element('URL', startUrl)}</StartPage></PunchOutSetupResponse></Response></cXML>\n`;
}

const credential = (identity: string) => `<Credential domain="NetworkId">${element('Identity', identity)}</Credential>`;

function itemIn(line: TransferLine): string {
  const amount = formatMinor(line.unitNetMinor, line.currency);
  return `<ItemIn quantity="${line.quantity}">`
    + `<ItemID>${element('SupplierPartID', line.sku)}${element('SupplierPartAuxiliaryID', line.catalogSlug)}</ItemID>`
    + '<ItemDetail>'
    + `<UnitPrice>${element('Money', amount, { currency: line.currency })}</UnitPrice>`
    + `<Description xml:lang="en">${element('ShortName', line.name)}${xmlText(line.description)}</Description>`
    + element('UnitOfMeasure', line.unitCode)
    + element('Classification', line.classification.code, { domain: line.classification.domain })
    + optional('ManufacturerPartID', line.mpn)
    + optional('ManufacturerName', line.manufacturer)
    + optional('LeadTime', line.leadTimeDays === null ? null : String(line.leadTimeDays))
    + '</ItemDetail></ItemIn>';
}

export interface OrderMessageInput {
  envelope: CxmlEnvelope;
  /** Vitrine's own identity (From, Sender) and the procurement system's (To). */
  supplierIdentity: string;
  buyerIdentity: string;
  buyerCookie: string;
  operationAllowed: 'create' | 'edit' | 'inspect';
  /** The catalogs' currency when the basket is empty. */
  currency: string;
  lines: readonly TransferLine[];
}

/**
 * The basket as a cXML 1.2 PunchOutOrderMessage, valid against the 1.2.063 DTD. A basket has
 * one currency (the transfer refuses to mix them), so the Total is one Money.
 */
export function cxmlOrderMessage(input: OrderMessageInput): string {
  const totals = totalsByCurrency(input.lines.map((l) => ({ amountMinor: lineTotal(l.unitNetMinor, l.quantity), currency: l.currency })));
  const total = totals[0] ?? { amountMinor: 0, currency: input.currency };
  return `${open(input.envelope)}<Header>`
    + `<From>${credential(input.supplierIdentity)}</From><To>${credential(input.buyerIdentity)}</To>`
    + `<Sender>${credential(input.supplierIdentity)}<UserAgent>Vitrine</UserAgent></Sender></Header>`
    + '<Message><PunchOutOrderMessage>'
    + element('BuyerCookie', input.buyerCookie)
    + `<PunchOutOrderMessageHeader operationAllowed="${input.operationAllowed}"><Total>${element('Money', formatMinor(total.amountMinor, total.currency), { currency: total.currency })}</Total></PunchOutOrderMessageHeader>`
    + input.lines.map(itemIn).join('')
    + '</PunchOutOrderMessage></Message></cXML>\n';
}
