// Generated supplier price lists for the import benches: realistic fasteners rows in 15
// columns (the shape of the demo's Acme list), written as CSV streams so a million rows never
// sit in memory. Deterministic: the same seed writes the same file.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { gtinCheckDigit } from '#features/ingest/checks/gtin.ts';

export const BENCH_HEADERS = [
  'Article number', 'Name', 'Description', 'Category', 'Unit', 'Price', 'Price 10+', 'Price 50+',
  'EAN', 'Manufacturer', 'Manufacturer part number', 'Min order quantity', 'Material', 'Finish', 'Weight (kg)',
] as const;

/** A small fast PRNG (mulberry32), so runs are repeatable. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = [
  ['Hex bolt', 'Screws > Bolts > Hex bolts'], ['Wood screw', 'Screws > Wood screws > Countersunk'], ['Machine screw', 'Screws > Machine screws > Pan head'],
  ['Hex nut', 'Nuts > Hex nuts > Regular'], ['Lock nut', 'Nuts > Lock nuts > Nylon insert'], ['Washer', 'Washers > Flat washers > DIN 125'],
  ['Nylon anchor', 'Anchors > Plastic anchors > Universal'], ['Sleeve anchor', 'Anchors > Metal anchors > Sleeve'], ['Threaded rod', 'Rods > Threaded rods > DIN 976'],
] as const;
const MATERIALS = ['steel', 'stainless steel A2', 'stainless steel A4', 'brass', 'nylon'] as const;
const FINISHES = ['zinc plated', 'hot-dip galvanized', 'plain', 'black oxide'] as const;
const MAKERS = ['Acme Fasteners', 'Würth', 'Fischer', 'Bossard', 'Hilti'] as const;

export interface BenchRow { sku: string; priceMinor: number; cells: string[] }

const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Row `n` of the base list: SKU, name, prices and codes derived from n. */
export function baseRow(n: number, rnd: () => number): BenchRow {
  const [kind, category] = KINDS[n % KINDS.length]!;
  const size = 3 + (n % 10);
  const length = 10 + ((n * 7) % 190);
  const material = MATERIALS[n % MATERIALS.length]!;
  const finish = FINISHES[(n >> 2) % FINISHES.length]!;
  const maker = MAKERS[(n >> 3) % MAKERS.length]!;
  const priceMinor = 50 + Math.floor(rnd() * 20_000);
  const sku = `AF-${String(n).padStart(7, '0')}`;
  const body = `40${String(1_000_000_000 + n).slice(-10)}`;
  const cells = [
    sku,
    `${kind} M${size} x ${length} mm, ${material}, ${finish}, pack of 100`,
    `${kind} to DIN standard, ${material}, ${finish}. Diameter ${size} mm, length ${length} mm. Sold in packs of 100, "${maker}" quality.`,
    category,
    'Pack',
    money(priceMinor),
    money(Math.floor(priceMinor * 0.95)),
    money(Math.floor(priceMinor * 0.9)),
    body + gtinCheckDigit(body),
    maker,
    `${maker.slice(0, 3).toUpperCase()}-${size}${length}-${n % 1000}`,
    String(1 + (n % 5)),
    material,
    finish,
    (0.01 + (n % 300) / 100).toFixed(2),
  ];
  return { sku, priceMinor, cells };
}

/**
 * The revised list: about 5% of rows differ from the base (2% new prices, a few beyond 50%;
 * 1% renamed; 1% dropped; 1% new SKUs), the rest identical.
 */
export function revisedRow(n: number, rnd: () => number): BenchRow | null {
  const row = baseRow(n, rnd);
  const pick = n % 100;
  if (pick === 0) return null; // dropped
  if (pick === 1 || pick === 2) {
    const factor = n % 1000 === 1 ? 1.8 : 1.05;
    const priceMinor = Math.round(row.priceMinor * factor);
    row.cells[5] = money(priceMinor);
    return { ...row, priceMinor };
  }
  if (pick === 3) row.cells[1] = `${row.cells[1]} (new design)`;
  return row;
}

export function addedRow(n: number, rnd: () => number): BenchRow {
  const row = baseRow(n, rnd);
  row.cells[0] = `AF-N${String(n).padStart(7, '0')}`;
  return { ...row, sku: row.cells[0] };
}

/** Writes a CSV with the header and `rows` rows, streaming, and resolves when it is on disk. */
export async function writeCsv(path: string, rows: Iterable<BenchRow>): Promise<void> {
  const out = createWriteStream(path);
  out.write(BENCH_HEADERS.join(',') + '\n');
  for (const row of rows) {
    if (!out.write(row.cells.map(quote).join(',') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export function* baseRows(count: number, seed = 1): Generator<BenchRow> {
  const rnd = random(seed);
  for (let n = 0; n < count; n++) yield baseRow(n, rnd);
}

export function* revisedRows(count: number, seed = 1): Generator<BenchRow> {
  const rnd = random(seed);
  const added = random(seed + 1);
  for (let n = 0; n < count; n++) {
    const row = revisedRow(n, rnd);
    if (row) yield row;
    if (n % 100 === 0) yield addedRow(n, added);
  }
}
