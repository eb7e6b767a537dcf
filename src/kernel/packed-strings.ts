/**
 * Many short strings kept as one, with where each begins: 100,000 SKUs are then two objects for
 * the garbage collector to walk instead of 100,000, and a file of them is read back without
 * splitting. A value is cut out when asked for (V8 slices rather than copies longer ones).
 */
export class PackedStrings {
  readonly text: string;
  /** Where each value begins in `text`, and after the last, where it ends. */
  readonly starts: Uint32Array;

  constructor(text: string, starts: Uint32Array) {
    if (starts.length === 0 || starts[starts.length - 1] !== text.length) throw new Error('packed strings: the offsets do not end where the text does');
    this.text = text;
    this.starts = starts;
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

  get size(): number { return this.starts.length - 1; }

  at(i: number): string {
    return this.text.slice(this.starts[i]!, this.starts[i + 1]!);
  }
}
