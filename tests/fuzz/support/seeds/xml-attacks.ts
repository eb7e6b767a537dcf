import fc from 'fast-check';

/** DOCTYPEs that attack XML readers that expand entities or fetch external ones. */
export const DOCTYPES: Record<string, string> = {
  none: '',
  dtdReference: '<!DOCTYPE BMECAT SYSTEM "bmecat_2005.dtd">',
  billionLaughs: `<!DOCTYPE BMECAT [\n<!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n')}\n]>`,
  externalFile: '<!DOCTYPE BMECAT [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  externalHttp: '<!DOCTYPE BMECAT SYSTEM "http://127.0.0.1:9/evil.dtd">',
  parameterEntity: '<!DOCTYPE BMECAT [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>',
  quadraticBlowup: `<!DOCTYPE BMECAT [<!ENTITY a "${'a'.repeat(50_000)}">]>`,
  unterminated: '<!DOCTYPE BMECAT [<!ENTITY x "',
};

/** Entity references placed into text: the expanding ones above, undefined ones, and character references. */
export const ENTITY_REFS = ['&lol9;', '&xxe;', '&a;', '&undefined;', '&#0;', '&#x110000;', '&#xD800;', '&amp;lt;', '&#65;', '&valueOf;', '&toString;'];

export const doctype = fc.oneof({ weight: 5, arbitrary: fc.constant('none') }, { weight: 2, arbitrary: fc.constantFrom(...Object.keys(DOCTYPES)) });

/** An XML declaration, sometimes lying about the encoding or naming one nobody knows. */
export const declaration = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?>', '') },
  { weight: 1, arbitrary: fc.constantFrom('<?xml version="1.0" encoding="ISO-8859-1"?>', '<?xml version="1.0" encoding="UTF-16"?>', '<?xml version="1.0" encoding="x-unknown-8"?>', '<?xml version="1.1" encoding="windows-1252" standalone="yes"?>', '<?xml encoding="utf-8"?>') },
);

/** Wraps `inner` in `depth` nested elements: deeply nested XML. */
export function nested(inner: string, depth: number, name = 'X'): string {
  return `<${name}>`.repeat(depth) + inner + `</${name}>`.repeat(depth);
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
