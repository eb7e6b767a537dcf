import iconv from 'iconv-lite';

export type XmlEncoding = { ok: true; encoding: string; bomLength: number } | { ok: false; declared: string };

const DECLARED = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

/**
 * How to decode an XML file, from its first bytes: a byte-order mark wins, then UTF-16 without
 * one (recognized by "<?" with NUL bytes), then the encoding named in the XML declaration,
 * else UTF-8 (XML's default). A file declaring ISO-8859-1 is read as Windows-1252, which agrees
 * on every printable character and also covers "€" and typographic quotes, which Windows
 * programs write into files they label ISO-8859-1.
 */
export function detectXmlEncoding(head: Uint8Array): XmlEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { ok: true, encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { ok: true, encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { ok: true, encoding: 'utf-16be', bomLength: 2 };
  if (head[0] === 0x3c && head[1] === 0x00 && head[2] === 0x3f && head[3] === 0x00) return { ok: true, encoding: 'utf-16le', bomLength: 0 };
  if (head[0] === 0x00 && head[1] === 0x3c && head[2] === 0x00 && head[3] === 0x3f) return { ok: true, encoding: 'utf-16be', bomLength: 0 };
  const start = Buffer.from(head.subarray(0, 512)).toString('latin1');
  const declared = DECLARED.exec(start)?.[1];
  if (declared === undefined) return { ok: true, encoding: 'utf-8', bomLength: 0 };
  const name = declared.toLowerCase();
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'iso_8859-1', 'us-ascii', 'ascii'].includes(name)) return { ok: true, encoding: 'windows-1252', bomLength: 0 };
  if (name === 'utf-16') return { ok: true, encoding: 'utf-16le', bomLength: 0 };
  return iconv.encodingExists(name) ? { ok: true, encoding: name, bomLength: 0 } : { ok: false, declared };
}
