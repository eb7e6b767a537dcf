import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { PunchoutProblem } from './punchout-problem.ts';

/** An element read from a small XML message: local name (prefix dropped), attributes, text, children. */
export interface XmlNode { name: string; attributes: Record<string, string>; text: string; children: XmlNode[] }

const localName = (qualified: string) => qualified.slice(qualified.indexOf(':') + 1);

/**
 * Reads a whole small XML message into a tree. Liberal where procurement systems differ:
 * namespace prefixes are dropped, a DOCTYPE is skipped without fetching its DTD (saxes never
 * fetches anything, and an entity it does not know is an error rather than an expansion).
 */
export function readXmlTree(xml: string): XmlNode {
  const parser = new SaxesParser();
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  parser.on('opentag', (tag) => {
    const plain = tag as SaxesTagPlain;
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(plain.attributes)) attributes[localName(name)] = value;
    const node: XmlNode = { name: localName(plain.name), attributes, text: '', children: [] };
    if (stack.length) stack[stack.length - 1]!.children.push(node);
    else root ??= node;
    stack.push(node);
  });
  parser.on('text', (text) => { if (stack.length) stack[stack.length - 1]!.text += text; });
  parser.on('cdata', (text) => { if (stack.length) stack[stack.length - 1]!.text += text; });
  parser.on('closetag', () => { stack.pop(); });
  try {
    parser.write(xml.replace(/^\uFEFF/, '')).close();
  } catch (e) {
    throw new PunchoutProblem(`The request is not well-formed XML (${e instanceof Error ? e.message : 'unreadable'}).`);
  }
  if (!root) throw new PunchoutProblem('The request has no XML document.');
  return root;
}

/** The first descendant reached by these element names, one level each, or null. */
export function child(node: XmlNode | null | undefined, ...names: string[]): XmlNode | null {
  let at: XmlNode | null = node ?? null;
  for (const name of names) {
    at = at?.children.find((c) => c.name === name) ?? null;
    if (!at) return null;
  }
  return at;
}

export function childrenNamed(node: XmlNode | null | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

/** Trimmed text of the element reached by these names, or '' when it is missing. */
export function textOf(node: XmlNode | null | undefined, ...names: string[]): string {
  return child(node, ...names)?.text.trim() ?? '';
}
