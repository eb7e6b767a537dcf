/**
 * A least-recently-used map bounded by entry count and by total size (in whatever unit
 * `sizeOf` returns, e.g. UTF-16 code units of HTML). Map keeps insertion order, so the first
 * key is the least recently used one once every hit re-inserts its key.
 */
export class LruCache<V> {
  readonly #entries = new Map<string, { value: V; size: number }>();
  readonly #loading = new Map<string, Promise<V>>();
  readonly #maxEntries: number;
  readonly #maxSize: number;
  readonly #sizeOf: (value: V) => number;
  #size = 0;

  constructor(options: { maxEntries: number; maxSize: number; sizeOf: (value: V) => number }) {
    this.#maxEntries = options.maxEntries;
    this.#maxSize = options.maxSize;
    this.#sizeOf = options.sizeOf;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    const size = this.#sizeOf(value);
    this.delete(key);
    if (size > this.#maxSize || this.#maxEntries < 1) return; // larger than the whole budget: never kept
    this.#entries.set(key, { value, size });
    this.#size += size;
    while (this.#entries.size > this.#maxEntries || this.#size > this.#maxSize) {
      const oldest = this.#entries.keys().next().value as string;
      this.delete(oldest);
    }
  }

  /**
   * The value kept under `key`; else the one being made for it; else made by `make` once for
   * everyone who asks meanwhile, and kept when it is made (a failure is not kept).
   */
  load(key: string, make: () => Promise<V>): Promise<V> {
    const kept = this.get(key);
    if (kept !== undefined) return Promise.resolve(kept);
    let loading = this.#loading.get(key);
    if (!loading) {
      loading = make().then((value) => { this.set(key, value); return value; }).finally(() => this.#loading.delete(key));
      this.#loading.set(key, loading);
    }
    return loading;
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#size -= entry.size;
  }

  clear(): void {
    this.#entries.clear();
    this.#size = 0;
  }

  get count(): number { return this.#entries.size; }
  get size(): number { return this.#size; }
}
