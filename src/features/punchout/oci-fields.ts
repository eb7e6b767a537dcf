import { formatMinor } from '#kernel/money/parse-money.ts';
import { PunchoutProblem } from './punchout-problem.ts';
import type { TransferLine } from './transfer-line.ts';

/** The fields an OCI setup passes back unchanged with the basket. */
export const OCI_PASS_BACK = ['~OkCode', '~target', '~caller'] as const;

export interface OciSetupRequest { username: string; password: string; returnUrl: string; passBack: Record<string, string> }

/**
 * Reads an SAP OCI 5.0 call (query or form fields). OCI 4.0's names are accepted as well:
 * `HOOK_URL` was `hook_url` / `HOOKURL` in some systems, and the credentials are looked up
 * without regard to case.
 */
export function readOciSetupRequest(fields: URLSearchParams): OciSetupRequest {
  const byLower = new Map<string, string>();
  for (const [name, value] of fields) if (!byLower.has(name.toLowerCase())) byLower.set(name.toLowerCase(), value);
  const pick = (...names: string[]) => names.map((n) => byLower.get(n.toLowerCase())).find((v) => v !== undefined && v !== '') ?? '';
  const username = pick('USERNAME', 'USER', 'LOGIN');
  const password = pick('PASSWORD', 'PASS');
  if (!username || !password) throw new PunchoutProblem('The OCI call needs USERNAME and PASSWORD.', 401);
  const returnUrl = pick('HOOK_URL', 'HOOKURL', 'RETURNURL');
  if (!returnUrl) throw new PunchoutProblem('The OCI call needs a HOOK_URL to return the basket to.');
  const passBack: Record<string, string> = {};
  for (const name of OCI_PASS_BACK) {
    const value = byLower.get(name.toLowerCase());
    if (value !== undefined) passBack[name] = value;
  }
  return { username, password, returnUrl, passBack };
}

/** LONGTEXT is sent in lines of at most 132 characters. */
function longTextLines(text: string): string[] {
  const lines: string[] = [];
  for (let at = 0; at < text.length; at += 132) lines.push(text.slice(at, at + 132));
  return lines;
}

/**
 * The basket as OCI fields, in the order they are posted: `NEW_ITEM-…[n]` 1-based, prices with
 * a decimal point, then `~OkCode`, `~target`, `~caller` as the setup sent them.
 */
export function ociBasketFields(lines: readonly TransferLine[], passBack: Record<string, string>): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  lines.forEach((line, index) => {
    const n = index + 1;
    const add = (name: string, value: string) => fields.push([`NEW_ITEM-${name}[${n}]`, value]);
    add('DESCRIPTION', line.name.slice(0, 40));
    add('QUANTITY', String(line.quantity));
    add('UNIT', line.unitCode);
    add('PRICE', formatMinor(line.unitNetMinor, line.currency));
    add('PRICEUNIT', '1');
    add('CURRENCY', line.currency);
    add('VENDORMAT', line.sku);
    add('MANUFACTMAT', line.mpn ?? '');
    add('MANUFACTCODE', line.manufacturer ?? '');
    add('MATGROUP', line.classification.code);
    add('LEADTIME', line.leadTimeDays === null ? '' : String(line.leadTimeDays));
    add('EXT_PRODUCT_ID', line.gtin ?? '');
    for (const text of longTextLines(line.description)) fields.push([`NEW_ITEM-LONGTEXT_${n}:132[]`, text]);
  });
  for (const [name, value] of Object.entries(passBack)) fields.push([name, value]);
  return fields;
}
