import { isMainThread } from 'node:worker_threads';
import type { Client, InArgs, InStatement, InValue, ResultSet, Row } from '@libsql/client';
import Libsql from 'libsql';
import { readsOnly } from './write-queue.ts';
import { overrideMethods, statementOf } from './override-methods.ts';
import type { HotReads } from './hot-reads.ts';
import { CommitWatch, UnchangedSinceCommit } from './commit-watch.ts';
import { ReadThread } from './read-thread.ts';

/**
 * Reads outside a transaction, run on read-only connections of their own with each statement
 * prepared once. The client prepares every statement anew, asks for its columns twice and
 * builds each row with two property definitions per column; under load that was a seventh of a
 * serving process's time (prepare, columns, row conversion and the garbage they leave). The rows
 * here look the same to every reader: the column names as enumerable properties, the values by
 * index and `length` beside them, not enumerable.
 *
 * In a serving process (`thread`, the default) statements run in a thread of their own
 * (read-thread.ts), so SQLite's time is not the event loop's, except those quicker than the hop
 * (below); the hot reads, one small value each and mostly kept between commits, stay on this
 * thread's connection. WAL gives both connections the latest commit at each statement, as the
 * client's own connection has outside a transaction. A statement this path cannot take (a row
 * shape it does not build, an error of any kind) goes to the client, which answers or throws as
 * it always did.
 */
export function preparedReads(client: Client, path: string, options: { thread?: boolean } = {}): { client: Client; hot: HotReads; close(): void } {
  let connection: Libsql.Database | undefined;
  const statements = new Map<string, Prepared>();
  const commits = new CommitWatch(path);
  // Hot reads are a handful of fixed statements (hot-reads.ts): one kept value each.
  const unchanged = new UnchangedSinceCommit<unknown>(commits);

  const prepared = (sql: string): Prepared => {
    let entry = statements.get(sql);
    if (entry !== undefined) {
      // Most recently used last, so the oldest is the one to let go.
      statements.delete(sql);
      statements.set(sql, entry);
      return entry;
    }
    if (connection === undefined) {
      // libsql's Database ignores a read-only option: the pragma makes this connection one.
      connection = new Libsql(path);
      connection.exec('PRAGMA query_only = 1');
    }
    entry = prepare(connection, sql);
    statements.set(sql, entry);
    if (statements.size > STATEMENTS_KEPT) statements.delete(statements.keys().next().value!);
    return entry;
  };

  // Only a process's main thread hands its reads on: a worker thread is already off the loop
  // that serves, and one that is terminated must not have a statement under way in another.
  const thread = (options.thread ?? true) && isMainThread ? new ReadThread(path) : null;
  const makers = new Map<string, RowMaker | null>();
  const built = (names: string[], types: string[], raw: unknown[][]): ResultSet | null => {
    const key = names.join('\u0000');
    let makeRow = makers.get(key);
    if (makeRow === undefined) {
      makeRow = rowMaker(names);
      makers.set(key, makeRow);
      if (makers.size > STATEMENTS_KEPT) makers.delete(makers.keys().next().value!);
    }
    if (makeRow === null) return null;
    const rows = new Array<Row>(raw.length);
    for (let r = 0; r < raw.length; r++) rows[r] = makeRow(raw[r]!);
    return resultSet(names, types, rows);
  };

  // Where each statement runs. The hop to the thread and back, and copying the rows, cost about
  // 0.1 ms: more than most statements (a session, an item by id). So a statement the thread
  // answered quickly, with a few rows, runs here from then on, until one run here is slow; every
  // other statement runs in the thread. A statement whose cost depends on its values (a count
  // over one revision's items) may thus take the loop once per process before it moves for good.
  const onLoop = new Map<string, boolean>();
  const route = (sql: string, here: boolean) => {
    onLoop.delete(sql);
    onLoop.set(sql, here);
    if (onLoop.size > ROUTES_KEPT) onLoop.delete(onLoop.keys().next().value!);
  };

  const runHere = (sql: string, args: unknown[] | Record<string, unknown>): ResultSet | null => {
    const started = performance.now();
    let result: ResultSet | null = null;
    try {
      const entry = prepared(sql);
      result = built(entry.names, entry.types, entry.statement.all(args) as unknown[][]);
    } catch {
      result = null; // the client answers instead, with its own error if there is one
    }
    if (performance.now() - started > SLOW_ON_LOOP_MS) route(sql, false);
    return result;
  };

  const execute = ((stmt: InStatement | string, args?: InArgs) => {
    const statement = statementOf(stmt, args);
    if (!readsOnly(statement)) return client.execute(statement);
    let bound: unknown[] | Record<string, unknown>;
    try {
      bound = bindable(statement.args ?? []);
    } catch {
      return client.execute(statement); // the client refuses it in its own words
    }
    const { sql } = statement;
    const here = onLoop.get(sql);
    if (here || thread === null) {
      const result = runHere(sql, bound);
      return result ? Promise.resolve(result) : client.execute(statement);
    }
    return thread.run(sql, bound).then(
      (raw) => {
        if (here === undefined) route(sql, raw.ms < QUICK_IN_THREAD_MS && raw.rows.length <= FEW_ROWS);
        return built(raw.names, raw.types, raw.rows) ?? client.execute(statement);
      },
      () => client.execute(statement), // the client answers instead, with its own error if there is one
    );
  }) as Client['execute'];

  const first = (sql: string) => (prepared(sql).statement.get() as unknown[] | undefined)?.[0];

  return {
    client: overrideMethods(client, { execute }),
    // One value, straight from the statement's first row: no row object, no promise; and while
    // nobody has committed since it was read, not even the statement (commit-watch.ts).
    hot: { value: (sql) => unchanged.get(sql, () => first(sql)), ask: first },
    close() {
      void thread?.close();
      commits.close();
      statements.clear();
      connection?.close();
      connection = undefined;
    },
  };
}

// Enough for every distinct read the app sends (id lists of each length included).
const STATEMENTS_KEPT = 500;
const ROUTES_KEPT = 2_000;
/** A statement the thread ran this fast, with at most this many rows, costs less here than the hop. */
const QUICK_IN_THREAD_MS = 0.2;
const FEW_ROWS = 50;
/** A run here this slow sends the statement to the thread for good. */
const SLOW_ON_LOOP_MS = 1;

interface Prepared { statement: Libsql.Statement<unknown[]>; names: string[]; types: string[] }

function prepare(connection: Libsql.Database, sql: string): Prepared {
  const statement = connection.prepare(sql);
  statement.raw(true);
  const columns = statement.columns();
  return { statement, names: columns.map((c) => c.name), types: columns.map((c) => c.type ?? '') };
}

type RowMaker = (values: unknown[]) => Row;

/** Where a row of a column list with a name twice keeps its values, for reading by index. */
const VALUES = Symbol('row values');

/** A blob reads as an ArrayBuffer of its own, as the client gives it (it crosses from the thread as a Uint8Array). */
const fromSql = (value: unknown) => (value instanceof Uint8Array ? value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) : value);

/**
 * Builds rows of one column list: the values as own properties by name, in column order (one
 * hidden class for all of them), and by index through the shared prototype. Null for a column
 * list where names and indexes would clash (a number, "length").
 *
 * A name twice (a join's ids: every session check selects three tables' columns) is named by
 * its first column, as the client does, and every value stays reachable by index, which is how
 * drizzle reads a join. Such lists once went back to the client, which ran the statement a
 * second time on the event loop, prepared anew: half a millisecond of every signed-in page.
 */
function rowMaker(names: readonly string[]): RowMaker | null {
  if (names.some((name) => name === 'length' || name === '__proto__' || /^\d+$/.test(name))) return null;
  const shape: object = Object.create(Object.prototype) as object;
  Object.defineProperty(shape, 'length', { value: names.length });
  if (new Set(names).size === names.length) {
    names.forEach((name, index) => {
      Object.defineProperty(shape, index, { get(this: Record<string, unknown>) { return this[name]; } });
    });
    return (values) => {
      const row = Object.create(shape) as Record<string, unknown>;
      for (let i = 0; i < names.length; i++) row[names[i]!] = fromSql(values[i]);
      return row as unknown as Row;
    };
  }
  names.forEach((_, index) => {
    Object.defineProperty(shape, index, { get(this: { [VALUES]: unknown[] }) { return this[VALUES][index]; } });
  });
  const named = names.map((name, index) => names.indexOf(name) === index);
  return (values) => {
    const row = Object.create(shape) as Record<string, unknown>;
    for (let i = 0; i < names.length; i++) {
      const value = (values[i] = fromSql(values[i]));
      if (named[i]) row[names[i]!] = value;
    }
    // Not enumerable: keys, spreading and JSON see the names only, as with the client's rows.
    Object.defineProperty(row, VALUES, { value: values });
    return row as unknown as Row;
  };
}

/** The client's conversion of arguments (booleans as 1/0, dates as milliseconds, bytes as a Buffer). */
function bindable(args: InArgs): unknown[] | Record<string, unknown> {
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) named[/^[@$:]/.test(name) ? name.slice(1) : name] = toSql(value);
  return named;
}

function toSql(value: InValue): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('not a finite number');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be bound');
  return value;
}

function resultSet(columns: string[], columnTypes: string[], rows: Row[]): ResultSet {
  return {
    columns, columnTypes, rows, rowsAffected: 0, lastInsertRowid: undefined,
    toJSON: () => ({
      columns, columnTypes,
      rows: rows.map((row) => Array.prototype.map.call(row, (v: unknown) => (v instanceof ArrayBuffer ? Buffer.from(v).toString('base64') : v))),
      rowsAffected: 0, lastInsertRowid: null,
    }),
  };
}
