/**
 * Many short strings kept as one, with where each begins: 100,000 SKUs are then two objects for
 * the garbage collector to walk instead of 100,000, and a file of them is read back without
 * splitting. A value is cut out when asked for (V8 slices rather than copies longer ones).
 */
export class PackedStrings {
  readonly text: string;
  /** Where each value begins in `text`, and, one past the last, where a next one would. */
  readonly starts: Uint32Array;
  /** Characters between one value and the next (a separator the text came with), 0 or more. */
  readonly #gap: number;

  constructor(text: string, starts: Uint32Array, gap = 0) {
    if (!PackedStrings.fits(text, starts, gap)) throw new Error('packed strings: the offsets do not end where the text does');
    this.text = text;
    this.starts = starts;
    this.#gap = gap;
  }

  /** Whether `starts` end where `text` does (with `gap` after the last value): offsets from a file are checked before use. */
  static fits(text: string, starts: Uint32Array, gap = 0): boolean {
    return starts.length > 0 && starts[starts.length - 1] === text.length + gap;
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
    return this.text.slice(this.starts[i]!, this.starts[i + 1]! - this.#gap);
  }
}
