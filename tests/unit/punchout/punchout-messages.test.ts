import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCxmlSetupRequest } from '#features/punchout/cxml-setup-request.ts';
import { readOciSetupRequest, ociBasketFields } from '#features/punchout/oci-fields.ts';
import { cxmlOrderMessage } from '#features/punchout/cxml-documents.ts';
import { rec20Code, unknownUnits } from '#features/punchout/unit-codes.ts';
import { checkReturnUrl } from '#features/punchout/return-host.ts';
import { punchoutMayOpen } from '#features/auth/punchout-visit.ts';
import type { TransferLine } from '#features/punchout/transfer-line.ts';
import { cxmlDtdProblems } from '#tests/support/procurement-system.ts';
import { sharedData } from '#tests/support/shared-data.ts';

const cxml = sharedData('cxml');

const line = (over: Partial<TransferLine> = {}): TransferLine => ({
  sku: 'AF-1', catalogSlug: 'fasteners-2027', name: 'Screw <M3> & nut', description: 'A long text '.repeat(20), quantity: 12, unitNetMinor: 311, currency: 'EUR',
  unitCode: 'PK', classification: { domain: 'UNSPSC', code: '31161500' }, mpn: 'WS-1', manufacturer: 'Acme', gtin: '4012300000013', leadTimeDays: 5, ...over,
});

describe('cXML setup requests', () => {
  test.skipIf(!cxml.present)('the sample a real procurement platform sent is read: credentials, cookie, return URL, ItemOut lines', () => {
    const read = readCxmlSetupRequest(readFileSync(join(cxml.path, 'PunchOutSetupRequest.xml'), 'utf8'));
    expect(read.identities).toContain('inbound@prominate-platform.com');
    expect(read.sharedSecret).toBe('s3cr3t');
    expect(read.operation).toBe('create');
    expect(read.buyerCookie).toBe('550bce3e592023b2e7b015307f965133');
    expect(read.returnUrl).toBe('https://prominate-platform.com/hook-url');
    expect(read.lines).toEqual([{ sku: '5555', quantity: 2 }, { sku: '6666', quantity: 1 }]);
  });

  test('namespace prefixes are read through; an entity the document does not declare is refused, never fetched', () => {
    const prefixed = '<c:cXML xmlns:c="urn:x" payloadID="1"><c:Header><c:Sender><c:Credential domain="x"><c:Identity>id</c:Identity><c:SharedSecret>s</c:SharedSecret></c:Credential></c:Sender></c:Header><c:Request><c:PunchOutSetupRequest operation="edit"><c:BrowserFormPost><c:URL>http://127.0.0.1/r</c:URL></c:BrowserFormPost></c:PunchOutSetupRequest></c:Request></c:cXML>';
    expect(readCxmlSetupRequest(prefixed).operation).toBe('edit');
    expect(() => readCxmlSetupRequest('<!DOCTYPE cXML SYSTEM "http://evil.example/x.dtd"><cXML>&xxe;</cXML>')).toThrow(/not well-formed XML/);
  });

  test('an unknown operation and a missing return URL are named', () => {
    const request = (op: string, url: string) => `<cXML><Header><Sender><Credential domain="x"><Identity>i</Identity><SharedSecret>s</SharedSecret></Credential></Sender></Header><Request><PunchOutSetupRequest operation="${op}">${url}</PunchOutSetupRequest></Request></cXML>`;
    expect(() => readCxmlSetupRequest(request('delete', '<BrowserFormPost><URL>http://x/</URL></BrowserFormPost>'))).toThrow('The operation "delete" is not supported: use create, edit or inspect.');
    expect(() => readCxmlSetupRequest(request('create', ''))).toThrow('The request has no BrowserFormPost URL to return the basket to.');
  });
});

describe('what goes back', () => {
  test.skipIf(!cxml.present)('a PunchOutOrderMessage with markup in names, several lines and an empty basket is valid against the cXML 1.2.063 DTD', () => {
    const message = (lines: TransferLine[]) => cxmlOrderMessage({ envelope: { payloadId: 'p@x', timestamp: new Date('2027-01-01T10:00:00Z') }, supplierIdentity: 'vitrine.test', buyerIdentity: 'globex', buyerCookie: 'c', operationAllowed: 'edit', currency: 'EUR', lines });
    const full = message([line(), line({ sku: 'B-2', quantity: 1, unitNetMinor: 2128, mpn: null, manufacturer: null, leadTimeDays: null, classification: { domain: 'Fasteners 2027', code: 'Screws › Wood' } })]);
    expect(cxmlDtdProblems(full)).toBe('');
    expect(full).toContain('<Total><Money currency="EUR">58.60</Money></Total>'); // 12 × 3.11 + 21.28
    expect(full).toContain('<ShortName>Screw &lt;M3&gt; &amp; nut</ShortName>');
    expect(cxmlDtdProblems(message([]))).toBe('');
  });

  test('OCI fields are 1-based with a decimal point, long texts in 132-character lines, the pass-back fields last', () => {
    const fields = ociBasketFields([line(), line({ sku: 'B-2' })], { '~OkCode': 'ADDI', '~caller': 'CTLG' });
    const get = (name: string) => fields.filter(([n]) => n === name).map(([, v]) => v);
    expect(get('NEW_ITEM-PRICE[1]')).toEqual(['3.11']);
    expect(get('NEW_ITEM-VENDORMAT[2]')).toEqual(['B-2']);
    expect(get('NEW_ITEM-LONGTEXT_1:132[]').every((t) => t.length <= 132)).toBe(true);
    expect(get('NEW_ITEM-LONGTEXT_1:132[]').join('')).toBe(line().description);
    expect(fields.slice(-2)).toEqual([['~OkCode', 'ADDI'], ['~caller', 'CTLG']]);
  });

  test('OCI 4.0 field spellings are accepted', () => {
    const read = readOciSetupRequest(new URLSearchParams({ username: 'u', password: 'p', hook_url: 'http://localhost/r', '~okcode': 'ADDI' }));
    expect(read).toEqual({ username: 'u', password: 'p', returnUrl: 'http://localhost/r', passBack: { '~OkCode': 'ADDI' } });
  });
});

describe('units, return hosts and reach', () => {
  test('units map to UN/ECE Rec 20 codes; an unknown one is reported, not guessed', () => {
    expect([rec20Code('Piece'), rec20Code('pack'), rec20Code('Stück'), rec20Code('metre'), rec20Code('kg'), rec20Code('EA')]).toEqual(['C62', 'PK', 'C62', 'MTR', 'KGM', 'EA']);
    expect(unknownUnits(['Piece', 'Bündel', 'Bündel', 'pack'])).toEqual(['Bündel']);
  });

  test('a return URL must be on an allowed host', () => {
    expect(checkReturnUrl('http://localhost:8080/hook', ['127.0.0.1', 'localhost'])).toBe('http://localhost:8080/hook');
    expect(() => checkReturnUrl('https://127.0.0.1.evil.example/', ['127.0.0.1'])).toThrow('The return host 127.0.0.1.evil.example is not allowed for this connection (allowed: 127.0.0.1).');
    expect(() => checkReturnUrl('javascript:alert(1)', ['localhost'])).toThrow('The return URL must be http or https, not javascript.');
  });

  test('a punchout session opens browsing routes only', () => {
    expect(['/catalogs', '/catalogs/[catalog]/[...category]', '/products/[catalog]/[...sku]', '/search', '/punchout/cart'].every(punchoutMayOpen)).toBe(true);
    expect(['/lists', '/account', '/catalogs/[catalog]/export.[format]', '/catalogs/[catalog]/print/[...category]', '/changes', '/api/v1/me', '/_actions/[...path]', '/punchout/connections'].some(punchoutMayOpen)).toBe(false);
  });
});
