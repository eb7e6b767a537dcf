/**
 * A small in-process memo for the fast lane: values the normal request path read from the
 * database, trusted for `freshMs`. After that, the first request to ask is told to go the normal
 * way (which reads again and remembers anew) while the others keep the remembered value for up to
 * `staleMs` more: a burst of requests does not all fall through at once when an entry ages.
 * `forgetAll` ends every entry at once, including values being read at that moment (those carry
 * the older generation and are refused).
 */
export class RevalidatingMemo<K, V> {
  readonly #entries = new Map<K, { value: V; freshUntil: number; staleUntil: number; claimedAt: number | null }>();
  readonly #freshMs: number;
  readonly #staleMs: number;
  readonly #maxEntries: number;
  #generation = 0;

  constructor(options: { freshMs: number; staleMs: number; maxEntries: number }) {
    this.#freshMs = options.freshMs;
    this.#staleMs = options.staleMs;
    this.#maxEntries = options.maxEntries;
  }

  /** Read before the database is, and pass to remember. */
  get generation(): number {
    return this.#generation;
  }

  remember(key: K, value: V, readAt: number, readGeneration: number): void {
    if (readGeneration !== this.#generation) return;
    if (this.#entries.size >= this.#maxEntries && !this.#entries.has(key)) this.#entries.clear(); // a flood only costs reads
    this.#entries.set(key, { value, freshUntil: readAt + this.#freshMs, staleUntil: readAt + this.#freshMs + this.#staleMs, claimedAt: null });
  }

  /** The remembered value, or undefined when this request must read it the normal way. */
  recall(key: K, now: number): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (now < entry.freshUntil) return entry.value;
    if (now >= entry.staleUntil) {
      this.#entries.delete(key);
      return undefined;
    }
    // Aged: one request at a time (per second) goes to read it again; the rest keep the value.
    if (entry.claimedAt === null || now - entry.claimedAt >= 1_000) {
      entry.claimedAt = now;
      return undefined;
    }
    return entry.value;
  }

  forget(key: K): void {
    this.#entries.delete(key);
  }

  forgetAll(): void {
    this.#generation++;
    this.#entries.clear();
  }
}
