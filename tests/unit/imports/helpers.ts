import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll } from 'vitest';
import type { RawRow } from '#features/ingest/readers/raw-row.ts';

/** A temporary folder for one test file, deleted after its tests. */
export function useTempDir(): { path: (name: string) => string; write: (name: string, content: string | Uint8Array) => Promise<string> } {
  let dir: string | undefined;
  const ready = mkdtemp(join(tmpdir(), 'vitrine-imports-test-')).then((d) => (dir = d));
  afterAll(async () => { await ready; if (dir) await rm(dir, { recursive: true, force: true }); });
  return {
    path: (name) => { if (!dir) throw new Error('temp dir not ready: await write() first or use it inside a test'); return join(dir, name); },
    write: async (name, content) => { const path = join(await ready, name); await writeFile(path, content); return path; },
  };
}

export async function collect(rows: AsyncIterable<RawRow>): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** Awaits a promise that must reject, and returns the error for assertions. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

export interface HandMadeEntry {
  name: string;
  data: Buffer;
  /** Size written in the headers; defaults to the true size (set it lower to make the ZIP lie). */
  declaredSize?: number;
  store?: boolean;
}

/**
 * Assembles a ZIP by hand (local headers, central directory, end record) so tests can write what
 * normal tools refuse to: sizes that lie, names that climb out of their folder.
 */
export function handMadeZip(entries: HandMadeEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = entry.store ? entry.data : deflateRawSync(entry.data, { level: 9 });
    const size = entry.declaredSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(entry.store ? 0 : 8, 8); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(entry.store ? 0 : 8, 10); central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(size, 24); central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
