import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from './db-executor.ts';
import { loadDocTable, type DocTable } from './embedded-doc-table.server.ts';
import { readVocabularyWords, type VocabularyWords } from './embedded-vocabulary.server.ts';

// After a publish every serving process needs the new document table before it can answer a
// search, and the new word list for its corrections. Reading both from SQL cost each of them
// about half a second of CPU at 100,000 items, more under load, while the searches waiting for
// it piled up. The publish transaction has every new document at hand, so it reads both once,
// there (in the process doing heavy work), and writes them beside the database file: a serving
// process reads the file off its thread and deserialises it in a few tens of milliseconds.
// A generation's file is installed only after the transaction has committed, and a row in
// search_fts_state says one is coming, so a serving process waits for it only when it will
// appear; anything else (another writer, a process dying between commit and rename, another
// Node version) falls back to reading SQL.

/**
 * The search_fts_state keys naming the generation whose snapshot the publish wrote, and the
 * snapshot's own random id, which its file holds too: a database restored from a backup may
 * name a generation whose file beside it came from another line of publishes.
 */
const MARKER = 'search_snapshot';
const MARKER_ID = 'search_snapshot_id';
/** What the file holds; a different V8 may not read another's serialisation. */
interface SnapshotFile { format: 1; v8: string; id: number; table: DocTable; words: VocabularyWords }
export type SearchSnapshot = Pick<SnapshotFile, 'table' | 'words'>;
/** How long a serving process waits for an announced file before reading SQL itself. */
const WAIT_MS = 3_000;
const POLL_MS = 15;

const fileOf = (databaseFile: string, generation: number) => `${databaseFile}.search-${generation}`;

export interface PreparedSnapshot {
  /** After the commit: the file takes its name, and those two or more generations old go. */
  install(): Promise<void>;
  /** After a rollback: the file is removed. */
  discard(): Promise<void>;
}

/**
 * Reads the document table and the word list as the transaction sees them (call after its last
 * document write), writes them to a temporary file and records that they are coming. The caller
 * installs the file after the commit, or discards it.
 */
export async function prepareSearchSnapshot(tx: DbOrTx, databaseFile: string): Promise<PreparedSnapshot> {
  const [row] = await tx.all<{ value: number }>(sql`SELECT value FROM search_fts_state WHERE key = 'generation'`);
  const generation = row?.value ?? 0;
  const id = randomInt(2 ** 47);
  const content: SnapshotFile = { format: 1, v8: process.versions.v8, id, table: await loadDocTable(tx, generation), words: await readVocabularyWords(tx) };
  const file = fileOf(databaseFile, generation);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, serialize(content));
  await tx.run(sql`INSERT INTO search_fts_state (key, value) VALUES (${MARKER}, ${generation}), (${MARKER_ID}, ${id}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  return {
    async install() {
      await rename(temporary, file);
      await removeOlder(databaseFile, generation - 1);
    },
    async discard() {
      await rm(temporary, { force: true });
    },
  };
}

/** Removes snapshots of generations before `keepFrom` (a reader may still be opening the one before the newest). */
async function removeOlder(databaseFile: string, keepFrom: number): Promise<void> {
  const prefix = `${basename(databaseFile)}.search-`;
  const folder = dirname(databaseFile);
  for (const name of await readdir(folder)) {
    if (!name.startsWith(prefix)) continue;
    const generation = Number(name.slice(prefix.length));
    if (Number.isInteger(generation) && generation < keepFrom) await rm(join(folder, name), { force: true });
  }
}

/** The newest read, shared by the document table and the vocabulary of this process. */
let latest: { key: string; read: Promise<SearchSnapshot | null> } | null = null;

/**
 * The snapshot of `generation` when its publish announced one, waiting for the file up to
 * WAIT_MS (it is renamed into place just after the commit); null when none is announced, or it
 * does not come, or cannot be read here.
 */
export function readSearchSnapshot(db: DbOrTx, databaseFile: string, generation: number): Promise<SearchSnapshot | null> {
  const key = `${databaseFile}\u0000${generation}`;
  if (latest?.key !== key) latest = { key, read: readAnnounced(db, databaseFile, generation) };
  return latest.read;
}

async function readAnnounced(db: DbOrTx, databaseFile: string, generation: number): Promise<SearchSnapshot | null> {
  const [row] = await db.all<{ generation: number | null; id: number | null }>(sql`
    SELECT (SELECT value FROM search_fts_state WHERE key = ${MARKER}) AS generation, (SELECT value FROM search_fts_state WHERE key = ${MARKER_ID}) AS id`);
  if (row?.generation !== generation || row.id === null) return null;
  const file = fileOf(databaseFile, generation);
  const until = Date.now() + WAIT_MS;
  for (;;) {
    let content: Partial<SnapshotFile> | null = null;
    try {
      content = deserialize(await readFile(file)) as Partial<SnapshotFile>;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return null;
    }
    if (content) {
      if (content.format !== 1 || content.v8 !== process.versions.v8) return null;
      if (content.id === row.id && content.table?.generation === generation && content.words) return { table: content.table, words: content.words };
    }
    // Not there yet, or another publish's: the announced one is renamed into place just after its commit.
    if (Date.now() >= until) return null;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
