// Tags catalog systems put into long descriptions. Text is converted only when one of them
// appears, so a plain description such as "for gaps < 5 mm" stays exactly as written.
const KNOWN_TAG = /<\/?(p|br|ul|ol|li|b|i|u|strong|em|div|span|h[1-6]|table|tr|td|th|tbody|thead|sup|sub|a|font|small|hr)\b[^<>]*>/i;
const BLOCK_END = /<\/(p|div|h[1-6]|table|ul|ol)\s*>|<br\s*\/?>|<hr\s*\/?>/gi;
const LIST_ITEM = /<li\b[^<>]*>/gi;
const ROW_END = /<\/(tr|li)\s*>/gi;
const CELL_END = /<\/t[dh]\s*>/gi;
const ANY_TAG = /<\/?[a-zA-Z][^<>]*>/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '', ndash: '–', mdash: '—', euro: '€', deg: '°', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', micro: 'µ', times: '×', plusmn: '±', reg: '®', copy: '©', trade: '™', bull: '•', hellip: '…', laquo: '«', raquo: '»', bdquo: '„', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return Object.hasOwn(ENTITIES, name) ? ENTITIES[name]! : whole; // "&valueOf;" is no entity
  });
}

/**
 * A description as plain text. BMEcat allows HTML in DESCRIPTION_LONG (escaped in the XML), and
 * Vitrine shows descriptions as text: paragraphs and line breaks become new lines, list items
 * "• " lines, table cells are separated by " | ", other tags are dropped, entities decoded and
 * empty lines removed.
 */
export function descriptionText(text: string): string {
  if (!KNOWN_TAG.test(text)) return text.trim();
  const plain = text
    .replace(/\r\n?/g, '\n')
    .replace(/\s*\n\s*/g, ' ')
    .replace(LIST_ITEM, '\n• ')
    .replace(ROW_END, '\n')
    .replace(CELL_END, ' | ')
    .replace(BLOCK_END, '\n')
    .replace(ANY_TAG, '');
  return decodeEntities(plain)
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').replace(/ \|\s*$/, '').trim())
    .filter((line) => line !== '')
    .join('\n')
    .trim();
}
