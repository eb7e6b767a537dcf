/**
 * Many short strings kept as one, with where each begins: 100,000 SKUs are then two objects for
 * the garbage collector to walk instead of 100,000, and a file of them is read back without
 * splitting. A value is cut out when asked for (V8 slices rather than copies longer ones).
 *
 * The text may also come in pieces of PIECE_ROWS values each (pieces()): a serving process reads
 * a publish's file piece by piece, one per turn of its event loop. Making one 2 MB string took
 * 7–10 ms of a turn on a quiet machine, most of it the first touch of fresh memory, and 30–90 ms
 * under load.
 */
export class PackedStrings {
  /** Where each value begins in the whole text, and, one past the last, where a next one would. */
  readonly starts: Uint32Array;
  readonly #pieces: readonly string[];
  /** Where each piece begins in the whole text. */
  readonly #pieceStarts: Uint32Array;
  /** log2 of the values per piece (31 for a text in one piece). */
  readonly #shift: number;
  /** Characters between one value and the next (a separator the text came with), 0 or more. */
  readonly #gap: number;

  /** `text`: the whole text, or its pieces() of PIECE_ROWS values each. */
  constructor(text: string | readonly string[], starts: Uint32Array, gap = 0) {
    const pieces = typeof text === 'string' ? [text] : text;
    if (!PackedStrings.fitPieces(pieces, starts, gap)) throw new Error('packed strings: the offsets do not end where the text does');
    this.starts = starts;
    this.#pieces = pieces;
    this.#shift = pieces.length === 1 ? 31 : PIECE_SHIFT;
    this.#pieceStarts = Uint32Array.from(pieces, (_, c) => (pieces.length === 1 ? 0 : starts[c << PIECE_SHIFT]!));
    this.#gap = gap;
  }

  /** Whether `starts` end where `text` does (with `gap` after the last value): offsets from a file are checked before use. */
  static fits(text: string, starts: Uint32Array, gap = 0): boolean {
    return starts.length > 0 && starts[starts.length - 1] === text.length + gap;
  }

  /** Whether pieces of PIECE_ROWS values each (or one whole text) hold exactly the values `starts` say. */
  static fitPieces(pieces: readonly string[], starts: Uint32Array, gap = 0): boolean {
    if (pieces.length === 1) return PackedStrings.fits(pieces[0]!, starts, gap);
    const size = starts.length - 1;
    if (size < 0 || pieces.length !== Math.ceil(size / PIECE_ROWS)) return false;
    return pieces.every((piece, c) => {
      const end = Math.min((c + 1) * PIECE_ROWS, size);
      const last = end === size;
      return piece.length === starts[end]! - starts[c * PIECE_ROWS]! - (last ? gap : 0);
    });
  }

  static of(values: readonly string[]): PackedStrings {
    const starts = new Uint32Array(values.length + 1);
    let at = 0;
    for (let i = 0; i < values.length; i++) {
      starts[i] = at;
      at += values[i]!.length;
    }
    starts[values.length] = at;
    return new PackedStrings(values.join(''), starts);
  }

  /** The values of a text joined by a one-character separator none of them holds, kept as they are. */
  static split(text: string, separator: string): PackedStrings {
    let count = text.length === 0 ? 0 : 1;
    for (let at = text.indexOf(separator); at !== -1; at = text.indexOf(separator, at + 1)) count++;
    const starts = new Uint32Array(count + 1);
    let n = 0;
    if (count > 0) {
      starts[n++] = 0;
      for (let at = text.indexOf(separator); at !== -1; at = text.indexOf(separator, at + 1)) starts[n++] = at + 1;
    }
    starts[count] = text.length + 1; // as if a separator closed the last value
    return new PackedStrings(text, starts, 1);
  }

  get size(): number { return this.starts.length - 1; }

  at(i: number): string {
    const piece = i >>> this.#shift;
    const base = this.#pieceStarts[piece]!;
    return this.#pieces[piece]!.slice(this.starts[i]! - base, this.starts[i + 1]! - base - this.#gap);
  }

  /**
   * Which values hold `needle` (1 at their index): one search along the text instead of cutting
   * out every value, for a needle that is rare among many values.
   */
  markContaining(needle: string): Uint8Array {
    const marks = new Uint8Array(this.size);
    if (needle === '') return marks.fill(1);
    for (let piece = 0; piece < this.#pieces.length; piece++) {
      const text = this.#pieces[piece]!;
      const base = this.#pieceStarts[piece]!;
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
        const i = this.#valueAt(base + at);
        // Only a match wholly inside one value counts (values are not separated).
        if (base + at + needle.length <= this.starts[i + 1]! - this.#gap) marks[i] = 1;
      }
    }
    return marks;
  }

  /** The value whose text holds position `offset` of the whole text: the last start at or before it. */
  #valueAt(offset: number): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** The text cut into pieces of PIECE_ROWS values each (a separator stays with the value before it), for a file. */
  pieces(): string[] {
    const whole = this.#pieces.join('');
    const out: string[] = [];
    for (let first = 0; first < Math.max(this.size, 1); first += PIECE_ROWS) {
      const end = Math.min(first + PIECE_ROWS, this.size);
      out.push(whole.slice(this.starts[first] ?? 0, end === this.size ? whole.length : this.starts[end]!));
    }
    return out;
  }
}

const PIECE_SHIFT = 14;
/** Values per piece: 16,384 SKUs are about 300 KB of text. */
export const PIECE_ROWS = 1 << PIECE_SHIFT;
