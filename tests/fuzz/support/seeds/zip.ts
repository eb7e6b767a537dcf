import fc from 'fast-check';
import { crc32, deflateRawSync } from 'node:zlib';
import { buildZip, type BuiltZip, type ZipEntrySpec } from '../zip-writer.ts';
import { applyByteMutations, byteMutation, type ByteMutation } from '../mutate.ts';
import { bmecatBytes, bmecatRecipe } from './bmecat.ts';
import { cifBytes, cifRecipe } from './cif.ts';
import type { ImageSeed } from './images.ts';
import { csvBytes, csvRecipe } from './table.ts';
import { xlsxFile, xlsxRecipe } from './xlsx.ts';

/** What a crafted archive does wrong, on top of holding a price list and images. */
export const ZIP_ATTACKS = [
  'none', 'slip-dotdot', 'slip-absolute', 'slip-drive', 'slip-backslash', 'control-name', 'cp437-name', 'declared-huge', 'declared-small',
  'overlap', 'duplicate-directory', 'method-bzip2', 'method-unknown', 'encrypted', 'count-lie', 'comment-lie', 'zip64-marker', 'bomb', 'nested-zip',
  'duplicate-name', 'two-price-lists', 'only-folders', 'system-files', 'many-entries', 'bad-crc',
] as const;
export type ZipAttack = (typeof ZIP_ATTACKS)[number];

export interface ZipRecipe {
  priceList: { kind: 'csv' | 'xlsx' | 'bmecat' | 'cif' | 'txt'; bytes: Uint8Array };
  folder: string;
  images: { seed: number; name: string; mutations: ByteMutation[] }[];
  attack: ZipAttack;
}

const priceList = fc.oneof(
  { weight: 4, arbitrary: csvRecipe.map((r) => ({ kind: 'csv' as const, bytes: csvBytes(r) })) },
  { weight: 2, arbitrary: xlsxRecipe.map((r) => ({ kind: 'xlsx' as const, bytes: xlsxFile(r).bytes })) },
  { weight: 1, arbitrary: bmecatRecipe.map((r) => ({ kind: 'bmecat' as const, bytes: bmecatBytes(r) })) },
  { weight: 1, arbitrary: cifRecipe.map((r) => ({ kind: 'cif' as const, bytes: cifBytes(r) })) },
  { weight: 1, arbitrary: csvRecipe.map((r) => ({ kind: 'txt' as const, bytes: csvBytes(r) })) },
);

export function zipRecipe(imageCount: number): fc.Arbitrary<ZipRecipe> {
  return fc.record({
    priceList,
    folder: fc.constantFrom('', 'catalog/', 'Katalog 2027/', 'a/b/c/'),
    images: fc.array(fc.record({
      seed: fc.nat({ max: imageCount - 1 }),
      name: fc.constantFrom('red.png', 'img/blue.jpg', 'RED.PNG', 'anim.gif', 'photo.webp', 'scan.tif', 'evil.svg', 'page.jpg', 'bomb.png', 'x.png'),
      mutations: fc.oneof({ weight: 2, arbitrary: fc.constant([] as ByteMutation[]) }, { weight: 1, arbitrary: fc.array(byteMutation, { minLength: 1, maxLength: 2 }) }),
    }), { maxLength: 4 }),
    attack: fc.oneof({ weight: 4, arbitrary: fc.constant<ZipAttack>('none') }, { weight: 3, arbitrary: fc.constantFrom(...ZIP_ATTACKS) }),
  });
}

// 40 MB of zeros deflate to about 40 KB: made once, it is a ZIP bomb far beyond the 200× ratio.
let bomb: { packed: Uint8Array; crc: number; size: number } | undefined;
function bombEntry(name: string): ZipEntrySpec {
  if (!bomb) { const zeros = new Uint8Array(40 * 1024 * 1024); bomb = { packed: deflateRawSync(zeros), crc: crc32(zeros), size: zeros.length }; }
  return { name, data: new Uint8Array(), packed: bomb.packed, crc: bomb.crc, declaredSize: bomb.size };
}

const EXTENSIONS = { csv: 'prices.csv', xlsx: 'prices.xlsx', bmecat: 'catalog.xml', cif: 'catalog.cif', txt: 'prices.txt' };

/** The upload ZIP: the price list, its images (maybe damaged), and the attack. */
export function zipFile(recipe: ZipRecipe, images: readonly ImageSeed[]): BuiltZip {
  const listName = recipe.folder + EXTENSIONS[recipe.priceList.kind];
  const entries: ZipEntrySpec[] = [{ name: listName, data: recipe.priceList.bytes }];
  for (const image of recipe.images) {
    const seed = images[image.seed % images.length]!;
    entries.push({ name: recipe.folder + image.name, data: applyByteMutations(seed.bytes, image.mutations), store: image.seed % 2 === 0 });
  }
  const spec = { entries, declaredCount: undefined as number | undefined, comment: undefined as Uint8Array | undefined, declaredCommentLength: undefined as number | undefined, duplicateDirectory: false };
  const first = entries[0]!;
  switch (recipe.attack) {
    case 'slip-dotdot': first.name = `../../${listName}`; break;
    case 'slip-absolute': first.name = `/etc/${listName}`; break;
    case 'slip-drive': first.name = `C:\\Windows\\${EXTENSIONS[recipe.priceList.kind]}`; break;
    case 'slip-backslash': first.name = `a\\..\\..\\${EXTENSIONS[recipe.priceList.kind]}`; break;
    case 'control-name': first.name = `pri\u0000ces\u0007.csv`; break;
    case 'cp437-name': first.name = Uint8Array.from([0x50, 0x81, 0x94, 0xe1, 0x2e, 0x63, 0x73, 0x76]); first.flags = 0; break;
    case 'declared-huge': first.declaredSize = 0xfffffffe; break;
    case 'declared-small': first.declaredSize = 1; break;
    case 'overlap': entries.push({ name: `${recipe.folder}other.csv`, data: new Uint8Array(), pointAt: 0 }); break;
    case 'duplicate-directory': spec.duplicateDirectory = true; break;
    case 'method-bzip2': first.method = 12; break;
    case 'method-unknown': first.method = 99; break;
    case 'encrypted': first.flags = 0x801; break;
    case 'count-lie': spec.declaredCount = 65535; break;
    case 'comment-lie': spec.comment = Buffer.from('comment'); spec.declaredCommentLength = 40_000; break;
    case 'zip64-marker': first.declaredSize = 0xffffffff; first.declaredCompressedSize = 0xffffffff; break;
    case 'bomb': entries.push(bombEntry(`${recipe.folder}bomb.png`)); break;
    case 'nested-zip': entries.push({ name: `${recipe.folder}inner.zip`, data: buildZip({ entries: [{ name: '../evil.csv', data: Buffer.from('sku,name,price\n') }] }).bytes }); break;
    case 'duplicate-name': entries.push({ ...first }); break;
    case 'two-price-lists': entries.push({ name: `${recipe.folder}second.csv`, data: Buffer.from('SKU,Name,Price\nA-1,x,1\n') }); break;
    case 'only-folders': entries.splice(0, entries.length, { name: 'folder/', data: new Uint8Array() }, { name: 'folder/sub/', data: new Uint8Array() }); break;
    case 'system-files': entries.push({ name: '__MACOSX/._prices.csv', data: Buffer.from('junk') }, { name: `${recipe.folder}.DS_Store`, data: Buffer.from('junk') }, { name: `${recipe.folder}Thumbs.db`, data: Buffer.from('junk') }); break;
    case 'many-entries': for (let i = 0; i < 10_050; i++) entries.push({ name: `${recipe.folder}f${i}.txt`, data: new Uint8Array(), store: true }); break;
    case 'bad-crc': first.crc = 0x12345678; break;
    default: break;
  }
  return buildZip(spec);
}
