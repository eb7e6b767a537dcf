import iconv from 'iconv-lite';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { detectXmlEncoding } from './xml-encoding.ts';
import { localName } from '../readers/xml-element.ts';

/** What a catalog file is, judged by its content (never by its name). */
export type CatalogFormat =
  | { kind: 'bmecat'; version: string }
  | { kind: 'cif'; version: string }
  | { kind: 'other-xml'; root: string }
  /** Anything else: a CSV or workbook for the row pipeline, which judges it further. */
  | { kind: 'table' };

/** The first element of an XML text: its local name and attributes (the prolog, comments and DOCTYPE skipped). */
function rootElement(text: string): SaxesTagPlain | undefined {
  const parser = new SaxesParser();
  let root: SaxesTagPlain | undefined;
  parser.on('opentag', (tag) => {
    root ??= tag as SaxesTagPlain;
  });
  try {
    // Feed in small pieces and stop at the root: the rest of the head may be cut anywhere.
    for (let at = 0; at < text.length && root === undefined; at += 4096) parser.write(text.slice(at, at + 4096));
  } catch {
    // Not well-formed before the root element: not XML we recognize.
  }
  return root;
}

function bmecatVersion(root: SaxesTagPlain): string {
  const declared = root.attributes['version']?.trim();
  if (declared) return declared;
  const namespace = Object.entries(root.attributes).find(([name]) => name === 'xmlns' || name.startsWith('xmlns:'))?.[1] ?? '';
  if (namespace.includes('2005')) return '2005';
  if (namespace.includes('1.2')) return '1.2';
  return 'unknown';
}

/**
 * Judges the first bytes of a text file: an XML document (after an optional BOM, declaration,
 * comments and DOCTYPE) whose root is BMECAT is BMEcat; one starting with "CIF_I_V<version>" is
 * an Ariba CIF catalog; other XML is named by its root so the supplier is told what it is.
 */
export function detectCatalogFormat(head: Uint8Array): CatalogFormat {
  const encoding = detectXmlEncoding(head);
  const text = encoding.ok
    ? iconv.decode(Buffer.from(head.subarray(encoding.bomLength)), encoding.encoding)
    : Buffer.from(head).toString('latin1');
  const start = text.replace(/^\uFEFF/, '').trimStart();
  const cif = /^CIF_I_V(\d+(?:\.\d+)*)/i.exec(start);
  if (cif) return { kind: 'cif', version: cif[1]! };
  if (!start.startsWith('<')) return { kind: 'table' };
  const root = rootElement(start);
  if (root === undefined) {
    // Broken before its root element: a BMEcat file still goes to the BMEcat reader, which names the line.
    return /<([\w.-]+:)?BMECAT[\s>]/i.test(start) ? { kind: 'bmecat', version: 'unknown' } : { kind: 'other-xml', root: '' };
  }
  const name = localName(root.name);
  if (name.toUpperCase() === 'BMECAT') return { kind: 'bmecat', version: bmecatVersion(root) };
  return { kind: 'other-xml', root: name };
}
