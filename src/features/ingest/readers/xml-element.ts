/**
 * One element of an XML file captured whole (e.g. one BMEcat PRODUCT), as a small tree.
 * Names are local names: a namespace prefix ("bmecat:PRODUCT") is dropped, since BMEcat files
 * are read by element names and some generators prefix every element.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (CDATA included), as written; children's text is not in it. */
  text: string;
  /** 1-based line of the start tag in the file. */
  line: number;
  parent: XmlElement | null;
}

/** The element's text with surrounding whitespace removed and inner runs of whitespace kept. */
export function textOf(element: XmlElement | undefined): string {
  return element ? element.text.trim() : '';
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** The trimmed text of the first child with one of `names` (BMEcat 1.2 and 2005 spell some fields differently). */
export function childText(element: XmlElement | undefined, ...names: string[]): string {
  for (const name of names) {
    const found = child(element, name);
    if (found) return textOf(found);
  }
  return '';
}

/**
 * Where an element is, for a supplier's report: "PRODUCT[12]/PRODUCT_DETAILS/INTERNATIONAL_PID[2]".
 * The captured root is written with its ordinal in the file (`rootLabel`); below it, an index
 * appears only where several siblings share the name.
 */
export function elementPath(element: XmlElement, rootLabel: string): string {
  const parts: string[] = [];
  for (let at: XmlElement | null = element; at; at = at.parent) {
    if (at.parent === null) {
      parts.push(rootLabel);
      break;
    }
    const twins = at.parent.children.filter((c) => c.name === at!.name);
    parts.push(twins.length > 1 ? `${at.name}[${twins.indexOf(at) + 1}]` : at.name);
  }
  return parts.reverse().join('/');
}

/** The local name of a qualified XML name: "bmecat:PRODUCT" → "PRODUCT". */
export function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}
