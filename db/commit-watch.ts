import { closeSync, openSync, readSync } from 'node:fs';

/** The two copies of the WAL index header at the start of the `-shm` file (48 bytes each). */
const HEADER_BYTES = 96;

/**
 * Whether anyone, in any process, has committed to a WAL database since a moment, told by the WAL
 * index header SQLite keeps at the start of the database's `-shm` file: every commit rewrites it
 * (change counter, frame count, checksums), and readers see a commit only once it has, so equal
 * bytes mean no commit a reader could see. One pread of 96 bytes costs about 1 µs; a read
 * transaction's two fcntl locks and an fstat cost 3.5 µs on their own.
 *
 * The file stays the same while this process has the database open (SQLite removes it only when
 * the last connection closes), so it is opened once. Where it cannot be opened (not WAL) nothing
 * is known and every read goes to SQL.
 */
export class CommitWatch {
  readonly #path: string;
  #fd: number | undefined;
  readonly #now = Buffer.alloc(HEADER_BYTES);

  constructor(databasePath: string) {
    this.#path = `${databasePath}-shm`;
  }

  /** The header as it is now (a buffer reused by the next call), or null when it cannot be read. */
  read(): Buffer | null {
    try {
      this.#fd ??= openSync(this.#path, 'r');
    } catch {
      return null; // not there (yet): tried again next time
    }
    try {
      return readSync(this.#fd, this.#now, 0, HEADER_BYTES, 0) === HEADER_BYTES ? this.#now : null;
    } catch {
      return null;
    }
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/**
 * A value read by `read`, kept with the header seen just before it was read: while the header is
 * the same, no commit has come since, and the kept value is still what `read` would answer.
 */
export class UnchangedSinceCommit<T> {
  readonly #watch: CommitWatch;
  readonly #kept = new Map<string, { header: Buffer; value: T }>();

  constructor(watch: CommitWatch) {
    this.#watch = watch;
  }

  get(key: string, read: () => T): T {
    const header = this.#watch.read();
    const kept = this.#kept.get(key);
    if (header !== null && kept !== undefined && header.equals(kept.header)) return kept.value;
    // The header first, then the read: a commit between the two makes the next call read again.
    const remembered = header === null ? null : Buffer.from(header);
    const value = read();
    if (remembered !== null) this.#kept.set(key, { header: remembered, value });
    return value;
  }
}
