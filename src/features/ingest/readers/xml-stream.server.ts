import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ImportInputError } from '../checks/import-input-error.ts';
import { readFileHead } from '../detect/read-file-head.server.ts';
import { detectXmlEncoding } from '../detect/xml-encoding.ts';
import { localName, type XmlElement } from './xml-element.ts';

export interface XmlStreamOptions {
  /** The name the supplier knows the file by, for messages. */
  fileName: string;
  /**
   * Called at each start tag outside a captured element, with the names of the open
   * ancestors; returning true captures the element whole (e.g. one PRODUCT). Elements that
   * are not captured cost no memory beyond their name on the stack.
   */
  capture(name: string, attributes: Readonly<Record<string, string>>, ancestors: readonly string[]): boolean;
  /** Text allowed in one captured element: bounds memory against a runaway element. */
  maxElementChars?: number;
  /** Elements inside a captured one that are never read: not built, nor anything in them. */
  skip?: ReadonlySet<string>;
}

export interface CapturedElement { element: XmlElement; ancestors: string[] }

const CHUNK_BYTES = 256 * 1024;
const DEFAULT_MAX_ELEMENT_CHARS = 4 * 1024 * 1024;
const MAX_DEPTH = 256;
const NOT_SPACE = /\S/;

/** saxes reports errors as "line:column: message". */
function notWellFormed(fileName: string, error: unknown, where: readonly string[]): ImportInputError {
  const text = error instanceof Error ? error.message : String(error);
  const match = /^(\d+):(\d+): (.*)$/s.exec(text);
  const position = match ? `line ${match[1]}, column ${match[2]}` : 'near the end';
  const inside = where.length > 0 ? ` (inside ${where.slice(-3).join('/')})` : '';
  const detail = (match?.[3] ?? text).replace(/\.$/, '');
  return new ImportInputError(
    `"${fileName}" is not well-formed XML at ${position}${inside}: ${detail}. The file may be cut short or was edited by hand; export it again from your catalog system.`,
    { fileName, rowNumber: match ? Number(match[1]) : undefined, cause: error },
  );
}

/**
 * The file as text chunks. UTF-8 (nearly every BMEcat file) goes through the built-in
 * TextDecoder, several times faster than a decoding stream; other encodings through iconv-lite.
 */
async function* decodedChunks(path: string, encoding: string, start: number): AsyncGenerator<string> {
  const bytes = createReadStream(path, { start, highWaterMark: CHUNK_BYTES });
  try {
    if (encoding === 'utf-8') {
      const decoder = new TextDecoder('utf-8');
      for await (const chunk of bytes) yield decoder.decode(chunk as Buffer, { stream: true });
      const rest = decoder.decode();
      if (rest !== '') yield rest;
    } else {
      const decoder = iconv.getDecoder(encoding);
      for await (const chunk of bytes) yield decoder.write(chunk as Buffer);
      const rest = decoder.end();
      if (rest) yield rest;
    }
  } finally {
    bytes.destroy();
  }
}

/**
 * Streams an XML file through saxes (a maintained, non-validating streaming parser that never
 * loads external entities or DTDs) and yields the elements `capture` asks for, each as a small
 * tree, in file order. The file is decoded as its BOM or XML declaration says. Memory stays
 * bounded by the largest captured element, whatever the file's size. A file that is not
 * well-formed stops with an ImportInputError naming the line, column and enclosing elements.
 */
export async function* readXmlElements(path: string, options: XmlStreamOptions): AsyncGenerator<CapturedElement> {
  const { fileName } = options;
  const maxChars = options.maxElementChars ?? DEFAULT_MAX_ELEMENT_CHARS;
  const encoding = detectXmlEncoding(await readFileHead(path, 1024));
  if (!encoding.ok) {
    throw new ImportInputError(`"${fileName}" declares the text encoding "${encoding.declared}", which we cannot read; save it as UTF-8.`, { fileName });
  }
  const text = decodedChunks(path, encoding.encoding, encoding.bomLength);

  const parser = new SaxesParser({ position: true });
  const stack: string[] = [];
  let ready: CapturedElement[] = [];
  let current: XmlElement | null = null;
  let captureAncestors: string[] = [];
  let capturedChars = 0;
  let startLine = 1;
  let sawRoot = false;
  // Depth (in `stack`) of a skipped element being passed over, or -1.
  let skipping = -1;

  const addText = (chunk: string) => {
    // Whitespace between child elements is layout, not content: values are trimmed anyway.
    if (current === null || skipping >= 0 || !NOT_SPACE.test(chunk)) return;
    capturedChars += chunk.length;
    if (capturedChars > maxChars) {
      throw new ImportInputError(
        `"${fileName}": the <${stack[stack.length - 1]}> element that starts before line ${parser.line} holds more than ${Math.round(maxChars / 1024 / 1024)} MB of text, more than one product can sensibly hold; check the file.`,
        { fileName, rowNumber: parser.line },
      );
    }
    current.text += chunk;
  };
  parser.on('opentagstart', () => { startLine = parser.line; });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attributes = (tag as SaxesTagPlain).attributes;
    sawRoot = true;
    if (stack.length >= MAX_DEPTH) throw new ImportInputError(`"${fileName}" nests elements more than ${MAX_DEPTH} levels deep at line ${parser.line}; this is not a catalog file.`, { fileName });
    if (skipping >= 0) {
      // Inside an element that is passed over: only its depth is tracked.
    } else if (current !== null && options.skip?.has(name)) {
      skipping = stack.length;
    } else if (current !== null) {
      const element: XmlElement = { name, attributes, children: [], text: '', line: startLine, parent: current };
      current.children.push(element);
      current = element;
    } else if (options.capture(name, attributes, stack)) {
      current = { name, attributes, children: [], text: '', line: startLine, parent: null };
      captureAncestors = [...stack];
      capturedChars = 0;
    }
    stack.push(name);
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    stack.pop();
    if (skipping >= 0) {
      if (stack.length === skipping) skipping = -1;
      return;
    }
    if (current === null) return;
    if (current.parent === null) ready.push({ element: current, ancestors: captureAncestors });
    current = current.parent;
  });

  try {
    for await (const chunk of text) {
      parser.write(chunk);
      if (ready.length > 0) {
        const batch = ready;
        ready = [];
        yield* batch;
      }
    }
    parser.close();
    yield* ready;
  } catch (error) {
    if (error instanceof ImportInputError) throw error;
    throw notWellFormed(fileName, error, stack);
  } finally {
    await text.return(undefined);
  }
  if (!sawRoot) throw new ImportInputError(`"${fileName}" holds no XML elements.`, { fileName });
}
