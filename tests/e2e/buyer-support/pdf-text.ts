import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as Chromium (Skia) writes it, for tests to check what a printout says.
 * No PDF library is installed, and Skia's text is not searchable in the raw bytes: it draws
 * glyph ids of subset fonts from compressed content streams. So this reads just enough of the
 * format: objects, Flate streams, each page's fonts and their ToUnicode maps, and the text
 * operators (Tf, Tj, TJ, BT/ET). Returns one string per page; each text object (a line as laid
 * out) ends with a newline. Skia draws spaces as glyphs, so words keep their spaces.
 */
export function pdfPageTexts(pdf: Uint8Array): string[] {
  const buffer = Buffer.from(pdf);
  const text = buffer.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const header = /(\d+) 0 obj\s*/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) { objects.set(Number(m[1]), { dict: body, stream: null }); continue; }
    const dict = body.slice(0, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? '0');
    let dataStart = start + streamAt + 'stream'.length;
    if (text[dataStart] === '\r') dataStart++;
    if (text[dataStart] === '\n') dataStart++;
    const raw = buffer.subarray(dataStart, dataStart + length);
    objects.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  const cmaps = new Map<number, Map<number, string>>();
  const cmapOf = (ref: number): Map<number, string> => {
    const known = cmaps.get(ref);
    if (known) return known;
    const map = new Map<number, string>();
    const source = objects.get(ref)?.stream?.toString('latin1') ?? '';
    const hex = (h: string) => parseInt(h, 16);
    const unicode = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map(hex));
    for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, from, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(hex(from!), unicode(to!));
    }
    for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, lo, hi, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const first = hex(to!);
        for (let code = hex(lo!); code <= hex(hi!); code++) map.set(code, String.fromCodePoint(first + code - hex(lo!)));
      }
    }
    cmaps.set(ref, map);
    return map;
  };
  const pages = [...objects.values()].filter((o) => /\/Type \/Page[^s]/.test(o.dict));
  return pages.map((page) => {
    const fonts = new Map<string, Map<number, string>>();
    for (const [, name, ref] of (/\/Font <<([\s\S]*?)>>/.exec(page.dict)?.[1] ?? '').matchAll(/\/(\S+) (\d+) 0 R/g)) {
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref))?.dict ?? '')?.[1];
      if (toUnicode) fonts.set(name!, cmapOf(Number(toUnicode)));
    }
    const contents = [...(/\/Contents \[?([\d\s0R]+)\]?/.exec(page.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((r) => objects.get(Number(r[1]))?.stream?.toString('latin1') ?? '').join('\n');
    let out = '';
    let font = new Map<number, string>();
    const glyphs = (hexText: string) => (hexText.match(/.{4}/g) ?? []).map((g) => font.get(parseInt(g, 16)) ?? '').join('');
    const tokens = /\/(\S+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj|\[([^\]]*)\] TJ|\bET\b/g;
    for (const t of contents.matchAll(tokens)) {
      if (t[1] !== undefined) font = fonts.get(t[1]) ?? new Map();
      else if (t[2] !== undefined) out += glyphs(t[2]);
      else if (t[3] !== undefined) out += [...t[3].matchAll(/<([0-9A-Fa-f]*)>/g)].map((g) => glyphs(g[1]!)).join('');
      else out += '\n';
    }
    return out;
  });
}
