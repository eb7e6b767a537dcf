import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a hand-built ZIP, with every field a crafted archive can lie about. */
export interface ZipEntrySpec {
  name: string | Uint8Array;
  data: Uint8Array;
  store?: boolean;
  /** Sizes written in the headers (default: the true ones). */
  declaredSize?: number;
  declaredCompressedSize?: number;
  method?: number;
  flags?: number;
  crc?: number;
  /** Already-compressed bytes (then `data` is ignored for the body; give crc and declaredSize). */
  packed?: Uint8Array;
  /** Offset of the local header the central directory points to (default: its own). */
  pointAt?: number;
}

export interface ZipSpec {
  entries: ZipEntrySpec[];
  /** Entry count written in the end record (default: the true count). */
  declaredCount?: number;
  comment?: Uint8Array;
  /** Comment length written in the end record (default: the true length). */
  declaredCommentLength?: number;
  /** Central directory entries written twice (the same file listed twice). */
  duplicateDirectory?: boolean;
}

export interface BuiltZip {
  bytes: Uint8Array;
  /** Offsets of every local header, data start, central record and the end record. */
  boundaries: number[];
  /** Where each entry's local header starts. */
  localOffsets: number[];
}

/**
 * Writes a ZIP by hand (local headers, central directory, end record) so the fuzz tests can
 * produce what archivers refuse to: lying sizes and counts, climbing names, overlapping
 * entries, unknown methods, encryption flags, a comment that runs past the end.
 */
export function buildZip(spec: ZipSpec): BuiltZip {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  const boundaries: number[] = [];
  const localOffsets: number[] = [];
  let offset = 0;
  for (const entry of spec.entries) {
    const name = typeof entry.name === 'string' ? Buffer.from(entry.name, 'utf8') : Buffer.from(entry.name);
    const packed = entry.packed ?? (entry.store ? Buffer.from(entry.data) : deflateRawSync(entry.data));
    const method = entry.method ?? (entry.store ? 0 : 8);
    const flags = entry.flags ?? 0x800;
    const crc = entry.crc ?? crc32(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const compressed = entry.declaredCompressedSize ?? packed.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(flags, 6); local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14); local.writeUInt32LE(compressed >>> 0, 18); local.writeUInt32LE(size >>> 0, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(flags, 8); central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16); central.writeUInt32LE(compressed >>> 0, 20); central.writeUInt32LE(size >>> 0, 24); central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((entry.pointAt ?? offset) >>> 0, 42);
    boundaries.push(offset, offset + 30, offset + 30 + name.length);
    localOffsets.push(offset);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(spec.duplicateDirectory ? [...centrals, ...centrals] : centrals);
  const count = spec.duplicateDirectory ? spec.entries.length * 2 : spec.entries.length;
  const comment = Buffer.from(spec.comment ?? new Uint8Array());
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE((spec.declaredCount ?? count) & 0xffff, 8); end.writeUInt16LE((spec.declaredCount ?? count) & 0xffff, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16); end.writeUInt16LE((spec.declaredCommentLength ?? comment.length) & 0xffff, 20);
  boundaries.push(offset, offset + directory.length, offset + directory.length + 22);
  return { bytes: Buffer.concat([...locals, directory, end, comment]), boundaries, localOffsets };
}
