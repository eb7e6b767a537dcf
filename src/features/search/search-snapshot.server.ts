import { existsSync } from 'node:fs';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from './db-executor.ts';
import { loadDocTable, type DocTable } from './embedded-doc-table.server.ts';
import { readVocabularyWordsWithFields, withTermStarts, type VocabularyWords } from './embedded-vocabulary.server.ts';
import { indexGeneration } from './embedded-documents.server.ts';
import { readWholeFile } from '#kernel/read-whole-file.ts';
import { PackedStrings } from '#kernel/packed-strings.ts';
import { deserializeInParts, serializeInParts } from '#kernel/serialized-in-parts.ts';

// After a publish every serving process needs the new document table before it can answer a
// search, and the new word list for its corrections. Reading both from SQL cost each of them
// about half a second of CPU at 100,000 items, more under load, while the searches waiting for
// it piled up. The process doing the publish reads them once instead and leaves them beside the
// database file, where a serving process reads them off its thread and deserialises them in a
// few tens of milliseconds:
//  - the table inside the publish transaction, which has every new document at hand; its file
//    is put in place before the commit, so a serving process finds it as soon as it sees the new
//    generation (the publishing process may resume late after its commit). Rows in
//    search_fts_state say which publish wrote it, with a random id the file holds too: a
//    rolled-back publish's file, or one restored beside a database from a backup, is not taken
//    for another line of publishes' generation of the same number;
//  - the word list just after the commit, outside the write lock (searches go on with the
//    previous list meanwhile, embedded-vocabulary.server.ts).
// A serving process waits for an announced file only; anything else (another writer, a process
// dying before installing it, another Node version) falls back to reading SQL.

const MARKER = 'search_snapshot';
const MARKER_ID = 'search_snapshot_id';
/** What a file says of itself; a different V8 may not read another's serialisation. Its content follows, field by field. */
const FORMAT = 7;
interface SnapshotHeader { format: typeof FORMAT; v8: string; id: number; generation: number }

/**
 * The table as its file holds it: the SKUs and codes each as their offsets and their text in
 * pieces (packed-strings.ts), the typed arrays as their bytes (serialized-in-parts.ts). Read back,
 * no turn of a serving process's event loop makes more than one piece, and nothing is split.
 */
type PackedDocTable = Omit<DocTable, 'sku' | 'codes'> & { skuStarts: Uint32Array; skuPieces: string[]; codesStarts: Uint32Array; codesPieces: string[] };

function packTable(table: DocTable): PackedDocTable {
  const { sku, codes, ...rest } = table;
  return { ...rest, skuStarts: sku.starts, skuPieces: sku.pieces(), codesStarts: codes.starts, codesPieces: codes.pieces() };
}

function unpackTable(packed: PackedDocTable): DocTable | null {
  try {
    const { skuStarts, skuPieces, codesStarts, codesPieces, ...rest } = packed;
    const sku = new PackedStrings(skuPieces, skuStarts);
    const codes = new PackedStrings(codesPieces, codesStarts);
    return sku.size === packed.size && codes.size === packed.size ? { ...rest, sku, codes } : null;
  } catch {
    return null; // offsets that do not fit their text: read SQL instead
  }
}

/** The word list as its file holds it: sorted terms as offsets and pieces, like the table's SKUs. */
type PackedWords = Pick<VocabularyWords, 'sorted' | 'counts' | 'fields'> & ({ joined: string } | { termStarts: Uint32Array; pieces: string[] });

function packWords(words: VocabularyWords): PackedWords {
  const { sorted, counts, fields, joined, termStarts } = words;
  return termStarts ? { sorted, counts, fields, termStarts, pieces: new PackedStrings(joined, termStarts, 1).pieces() } : { sorted, counts, fields, joined };
}

function unpackWords(packed: PackedWords): VocabularyWords | null {
  const { sorted, counts, fields } = packed;
  if ('joined' in packed) return { sorted, counts, fields, joined: packed.joined };
  try {
    return { sorted, counts, fields, joined: '', packed: new PackedStrings(packed.pieces, packed.termStarts, 1) };
  } catch {
    return null; // offsets that do not end where the terms do: read SQL instead
  }
}
type Kind = 'table' | 'words';
/** How long a serving process waits for an announced file before reading SQL itself. */
const WAIT_MS = 3_000;
/**
 * How long for a word list no search waits for (there is a previous one to go on with): the
 * publishing process writes it from SQL after its commit, below the serving processes' priority,
 * which under load can take seconds; each serving process reading it from SQL itself meanwhile
 * would cost it half a second of work.
 */
export const PATIENT_WAIT_MS = 30_000;
const POLL_MS = 15;

const fileOf = (databaseFile: string, kind: Kind, generation: number) => `${databaseFile}.search-${kind}-${generation}`;

/** Where this process writes a file before renaming it into place: a reader never sees half of one. */
const temporaryOf = (path: string) => `${path}.${process.pid}.tmp`;

/** Writes a file under the temporary name of `path` (temporaryOf), where no reader looks. */
async function writeUnplaced<T extends object>(path: string, header: SnapshotHeader, content: T): Promise<void> {
  await writeFile(temporaryOf(path), serializeInParts(header, content as Record<string, unknown>));
}

async function writeSnapshot<T extends object>(path: string, header: SnapshotHeader, content: T): Promise<void> {
  await writeUnplaced(path, header, content);
  await rename(temporaryOf(path), path);
}

const headerOf = (id: number, generation: number): SnapshotHeader => ({ format: FORMAT, v8: process.versions.v8, id, generation });

/** Every catalog's live revision, as one text to compare (`id:revision,…`), with `change` applied when given. */
async function liveRevisions(db: DbOrTx, change?: { catalogId: number; revisionId: number }): Promise<{ key: string; revisions: number[] }> {
  const rows = await db.all<{ id: number; live: number | null }>(sql`SELECT id, live_revision_id AS live FROM catalogs ORDER BY id`);
  const live = rows.map((r) => (r.id === change?.catalogId ? change.revisionId : r.live));
  return { key: rows.map((r, i) => `${r.id}:${live[i] ?? ''}`).join(','), revisions: live.filter((id) => id !== null) };
}

/** A document table written before a publish's transaction, as its switch will leave the index: in a temporary file until the transaction puts it in place. */
export interface TableAhead { generation: number; id: number; live: string }

/**
 * Before a publish's transaction, whose revision's documents are already written (ahead, not
 * live): reads the document table as the switch will leave it, with that revision for its
 * catalog, and writes it for the generation the switch will make, under a temporary name.
 * Reading it inside the transaction held the write lock half a second more at 100,000 items,
 * longer under load. The transaction takes it only when the index is as it was read
 * (prepareSearchSnapshot); null when it could not be written.
 */
export async function writeTableAhead(db: DbOrTx, databaseFile: string, catalogId: number, revisionId: number): Promise<TableAhead | null> {
  const generation = (await indexGeneration(db)) + 1;
  const after = await liveRevisions(db, { catalogId, revisionId });
  const id = randomInt(2 ** 47);
  const tableFile = fileOf(databaseFile, 'table', generation);
  try {
    const table = await loadDocTable(db, generation, undefined, after.revisions);
    // Read in steps: another publish in between may have left a mixture.
    if ((await indexGeneration(db)) + 1 !== generation || (await liveRevisions(db, { catalogId, revisionId })).key !== after.key) return null;
    await writeUnplaced<PackedDocTable>(tableFile, headerOf(id, generation), packTable(table));
    return { generation, id, live: after.key };
  } catch (e) {
    console.error(`search state for generation ${generation} not written ahead; the publish will write it`, e);
    await rm(temporaryOf(tableFile), { force: true }).catch(() => undefined);
    return null;
  }
}

export interface PreparedSnapshot {
  /** After the commit: reads and writes the word list, and removes files two or more generations old. Never throws: the publish stands. */
  install(db: DbOrTx): Promise<void>;
  /** After a rollback: the table's file is removed. */
  discard(): Promise<void>;
}

/** After the publish's transaction, whatever its outcome: a table written ahead and not put in place is removed. */
export async function removeTableAhead(databaseFile: string, ahead: TableAhead | null): Promise<void> {
  if (ahead) await rm(temporaryOf(fileOf(databaseFile, 'table', ahead.generation)), { force: true });
}

/**
 * Puts the document table as the transaction sees it (call after its last document write)
 * beside the database, and records in the transaction which publish wrote it: the table written
 * ahead when the generation and every catalog's live revision are the ones it was read for and
 * the transaction took the documents written ahead (`ahead`), otherwise read here. The caller
 * completes it after the commit, or discards it. The files only spare the serving processes
 * work: when one cannot be written (a full disk) the publish goes on without it, and they read SQL.
 */
export async function prepareSearchSnapshot(tx: DbOrTx, databaseFile: string, ahead: TableAhead | null = null): Promise<PreparedSnapshot | null> {
  const generation = await indexGeneration(tx);
  const tableFile = fileOf(databaseFile, 'table', generation);
  const taken = ahead !== null && ahead.generation === generation && ahead.live === (await liveRevisions(tx)).key;
  const id = taken ? ahead.id : randomInt(2 ** 47);
  const header = headerOf(id, generation);
  try {
    const put = taken && await rename(temporaryOf(tableFile), tableFile).then(() => true, () => false);
    if (!put) await writeSnapshot<PackedDocTable>(tableFile, header, packTable(await loadDocTable(tx, generation)));
  } catch (e) {
    console.error(`search state for generation ${generation} not written; serving processes will read it from the database`, e);
    await rm(temporaryOf(tableFile), { force: true }).catch(() => undefined);
    return null;
  }
  await tx.run(sql`INSERT INTO search_fts_state (key, value) VALUES (${MARKER}, ${generation}), (${MARKER_ID}, ${id}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  return {
    async install(db) {
      try {
        // A later publish may have committed meanwhile: its words are as good a list for this generation.
        await writeSnapshot<PackedWords>(fileOf(databaseFile, 'words', generation), header, packWords(withTermStarts(await readVocabularyWordsWithFields(db))));
        await removeOlder(databaseFile, generation - 1);
      } catch (e) {
        // The publish has committed: a missing file makes serving processes read SQL after a short wait.
        console.error(`search words for generation ${generation} not written; serving processes will read them from the database`, e);
      }
    },
    async discard() {
      await rm(tableFile, { force: true });
    },
  };
}

/** Removes the files of generations before `keepFrom` (a reader may still be opening the one before the newest). */
async function removeOlder(databaseFile: string, keepFrom: number): Promise<void> {
  const prefix = `${basename(databaseFile)}.search-`;
  const folder = dirname(databaseFile);
  for (const name of await readdir(folder)) {
    if (!name.startsWith(prefix)) continue;
    const generation = Number(/^(?:table|words)-(\d+)$/.exec(name.slice(prefix.length))?.[1]);
    if (Number.isInteger(generation) && generation < keepFrom) await rm(join(folder, name), { force: true });
  }
}

/** The newest read of each kind, shared by the engines of this process. */
const latest = new Map<Kind, { key: string; read: Promise<unknown> }>();

function readKind<F, T>(db: DbOrTx, databaseFile: string, kind: Kind, generation: number, decode: (content: F) => T | null, waitMs = WAIT_MS): Promise<T | null> {
  const key = `${databaseFile}\u0000${generation}`;
  let entry = latest.get(kind);
  if (entry?.key !== key) latest.set(kind, entry = { key, read: readAnnounced<F>(db, databaseFile, kind, generation, waitMs).then((c) => (c === null ? null : decode(c))) });
  return entry.read as Promise<T | null>;
}

/** The document table of `generation` when its publish announced one (waiting up to WAIT_MS for the file); null otherwise. */
export function readSnapshotTable(db: DbOrTx, databaseFile: string, generation: number): Promise<DocTable | null> {
  return readKind(db, databaseFile, 'table', generation, unpackTable);
}

/** The word list of `generation` when its publish announced one (waiting up to `waitMs` for the file); null otherwise. */
export function readSnapshotWords(db: DbOrTx, databaseFile: string, generation: number, waitMs = WAIT_MS): Promise<VocabularyWords | null> {
  return readKind(db, databaseFile, 'words', generation, unpackWords, waitMs);
}

/** The publish that made `generation` announced its files: its id, or null. */
async function announcedId(db: DbOrTx, generation: number): Promise<number | null> {
  const [row] = await db.all<{ generation: number | null; id: number | null }>(sql`
    SELECT (SELECT value FROM search_fts_state WHERE key = ${MARKER}) AS generation, (SELECT value FROM search_fts_state WHERE key = ${MARKER_ID}) AS id`);
  return row?.generation === generation ? row.id : null;
}

/**
 * Whether the word list of `generation` is announced but not written yet: the publishing process
 * writes it after its commit, from SQL, which takes it half a second or more.
 */
export async function snapshotWordsComing(db: DbOrTx, databaseFile: string, generation: number): Promise<boolean> {
  return (await announcedId(db, generation)) !== null && !existsSync(fileOf(databaseFile, 'words', generation));
}

async function readAnnounced<T>(db: DbOrTx, databaseFile: string, kind: Kind, generation: number, waitMs: number): Promise<T | null> {
  const id = await announcedId(db, generation);
  if (id === null) return null;
  const path = fileOf(databaseFile, kind, generation);
  const until = Date.now() + waitMs;
  const usable = (h: Partial<SnapshotHeader>) => h.format === FORMAT && h.v8 === process.versions.v8;
  for (;;) {
    try {
      const { header, content } = await deserializeInParts<Partial<SnapshotHeader>>(await readWholeFile(path), (h) => usable(h) && h.id === id && h.generation === generation);
      if (content) return content as T;
      if (!usable(header)) return null;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return null;
    }
    // Not there yet, or another publish's: the announced one is put in place just after the commit.
    if (Date.now() >= until) return null;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
