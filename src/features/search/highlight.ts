// Both engines mark matches with two private-use characters, never HTML: the page renders the
// pieces as text inside <mark>, so an item name like "<img onerror=…>" stays text.
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const MARKERS = /[\uE000\uE001]/g;

export interface TextPiece { text: string; match: boolean }

/** Removes marker characters from supplier text before it is indexed (they would confuse highlighting). */
export function stripMarkers(text: string): string {
  return text.replace(MARKERS, '');
}

/** Splits marked text into plain and matched pieces; unbalanced markers are ignored. */
export function toPieces(marked: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let match = false;
  let text = '';
  const push = () => {
    if (text === '') return;
    const last = pieces[pieces.length - 1];
    if (last && last.match === match) last.text += text;
    else pieces.push({ text, match });
    text = '';
  };
  for (const ch of marked) {
    if (ch === MARK_START || ch === MARK_END) {
      push();
      match = ch === MARK_START;
    } else text += ch;
  }
  push();
  return pieces;
}

export function plainPieces(text: string): TextPiece[] {
  return text === '' ? [] : [{ text, match: false }];
}
