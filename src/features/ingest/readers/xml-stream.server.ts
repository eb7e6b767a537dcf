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

/** The parser's state while it reads: the open elements, the one being captured, and those ready to hand out. */
interface Capture {
  stack: string[];
  ready: CapturedElement[];
  current: XmlElement | null;
  captureAncestors: string[];
  capturedChars: number;
  startLine: number;
  sawRoot: boolean;
  /** Depth (in `stack`) of a skipped element being passed over, or -1. */
  skipping: number;
}

function addText(capture: Capture, parser: SaxesParser, chunk: string, fileName: string, maxChars: number): void {
  const { current } = capture;
  // Whitespace between child elements is layout, not content: values are trimmed anyway.
  if (current === null || capture.skipping >= 0 || !NOT_SPACE.test(chunk)) return;
  capture.capturedChars += chunk.length;
  if (capture.capturedChars > maxChars) {
    throw new ImportInputError(
      `"${fileName}": the <${capture.stack[capture.stack.length - 1]}> element that starts before line ${parser.line} holds more than ${Math.round(maxChars / 1024 / 1024)} MB of text, more than one product can sensibly hold; check the file.`,
      { fileName, rowNumber: parser.line },
    );
  }
  current.text += chunk;
}

function openElement(capture: Capture, parser: SaxesParser, tag: SaxesTagPlain, options: XmlStreamOptions): void {
  const { fileName } = options;
  const name = localName(tag.name);
  const attributes = tag.attributes;
  const { stack } = capture;
  capture.sawRoot = true;
  if (stack.length >= MAX_DEPTH) throw new ImportInputError(`"${fileName}" nests elements more than ${MAX_DEPTH} levels deep at line ${parser.line}; this is not a catalog file.`, { fileName });
  if (capture.skipping >= 0) {
    // Inside an element that is passed over: only its depth is tracked.
  } else if (capture.current !== null && options.skip?.has(name)) {
    capture.skipping = stack.length;
  } else if (capture.current !== null) {
    const element: XmlElement = { name, attributes, children: [], text: '', line: capture.startLine, parent: capture.current };
    capture.current.children.push(element);
    capture.current = element;
  } else if (options.capture(name, attributes, stack)) {
    capture.current = { name, attributes, children: [], text: '', line: capture.startLine, parent: null };
    capture.captureAncestors = [...stack];
    capture.capturedChars = 0;
  }
  stack.push(name);
}

function closeElement(capture: Capture): void {
  capture.stack.pop();
  if (capture.skipping >= 0) {
    if (capture.stack.length === capture.skipping) capture.skipping = -1;
    return;
  }
  const { current } = capture;
  if (current === null) return;
  if (current.parent === null) capture.ready.push({ element: current, ancestors: capture.captureAncestors });
  capture.current = current.parent;
}

/** A saxes parser that builds the elements `capture` asks for into `ready`, in file order. */
function capturingParser(options: XmlStreamOptions): { parser: SaxesParser; capture: Capture } {
  const maxChars = options.maxElementChars ?? DEFAULT_MAX_ELEMENT_CHARS;
  const parser = new SaxesParser({ position: true });
  const capture: Capture = { stack: [], ready: [], current: null, captureAncestors: [], capturedChars: 0, startLine: 1, sawRoot: false, skipping: -1 };
  const onText = (chunk: string) => addText(capture, parser, chunk, options.fileName, maxChars);
  parser.on('opentagstart', () => { capture.startLine = parser.line; });
  parser.on('opentag', (tag) => openElement(capture, parser, tag as SaxesTagPlain, options));
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => closeElement(capture));
  return { parser, capture };
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
  const encoding = detectXmlEncoding(await readFileHead(path, 1024));
  if (!encoding.ok) {
    throw new ImportInputError(`"${fileName}" declares the text encoding "${encoding.declared}", which we cannot read; save it as UTF-8.`, { fileName });
  }
  const text = decodedChunks(path, encoding.encoding, encoding.bomLength);
  const { parser, capture } = capturingParser(options);
  try {
    for await (const chunk of text) {
      parser.write(chunk);
      if (capture.ready.length > 0) {
        const batch = capture.ready;
        capture.ready = [];
        yield* batch;
      }
    }
    parser.close();
    yield* capture.ready;
  } catch (error) {
    if (error instanceof ImportInputError) throw error;
    throw notWellFormed(fileName, error, capture.stack);
  } finally {
    await text.return(undefined);
  }
  if (!capture.sawRoot) throw new ImportInputError(`"${fileName}" holds no XML elements.`, { fileName });
}
