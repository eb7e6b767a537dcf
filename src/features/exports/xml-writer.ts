// Characters XML 1.0 cannot hold at all (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or an attribute value made safe inside XML: markup characters escaped, impossible characters dropped. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<NAME a="1">text</NAME>`; attributes in the given order. */
export function element(name: string, text: string, attributes: Record<string, string> = {}): string {
  const attrs = Object.entries(attributes).map(([k, v]) => ` ${k}="${xmlText(v)}"`).join('');
  return `<${name}${attrs}>${xmlText(text)}</${name}>`;
}

/** Elements only for values that are present: optional fields stay out instead of being empty. */
export function optional(name: string, value: string | null | undefined, attributes: Record<string, string> = {}): string {
  return value === null || value === undefined || value === '' ? '' : element(name, value, attributes);
}
