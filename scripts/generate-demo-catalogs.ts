/**
 * Writes the demo suppliers' price lists and product images into content/demo-catalogs/.
 * The output is committed; run again (`node scripts/generate-demo-catalogs.ts`) only to change it.
 * Deterministic: the same files every run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import sharp from 'sharp';

const OUT = join(import.meta.dirname, '..', 'content', 'demo-catalogs');
const IMAGES = join(OUT, 'images');
mkdirSync(IMAGES, { recursive: true });

let seed = 20270101;
function rand(): number { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }

function ean13(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return body12 + ((10 - (sum % 10)) % 10);
}
let eanCounter = 0;
function nextEan(prefix: string): string { eanCounter++; return ean13(prefix + String(eanCounter).padStart(12 - prefix.length, '0')); }

const de = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
const en = (cents: number) => (cents / 100).toFixed(2);
function csvCell(v: string, sep: string): string { return /["\n\r]/.test(v) || v.includes(sep) ? `"${v.replace(/"/g, '""')}"` : v; }
function csv(rows: string[][], sep: string): string { return rows.map((r) => r.map((c) => csvCell(c, sep)).join(sep)).join('\r\n') + '\r\n'; }

const images: Array<{ file: string; label: string; hue: number; shape: 'screw' | 'bolt' | 'anchor' | 'washer' | 'lamp' | 'panel' | 'flood' | 'sensor' }> = [];
function image(file: string, label: string, hue: number, shape: (typeof images)[number]['shape']): string {
  if (!images.some((i) => i.file === file)) images.push({ file, label, hue, shape });
  return file;
}

// ---- Acme Fasteners: German-style price list, semicolon separated, Windows-1252 ----
const fastRows: string[][] = [['Artikelnummer', 'Bezeichnung', 'Beschreibung', 'Warengruppe', 'Mengeneinheit', 'Preis', 'Staffelpreis ab 10', 'Staffelpreis ab 50', 'EAN', 'Hersteller', 'Herstellerartikelnummer', 'Mindestmenge', 'Bild', 'Material', 'Oberfläche', 'Norm']];
const screwKinds = [
  { group: 'Screws > Wood screws > Countersunk', code: 'WS-CS', name: 'Wood screw, countersunk', norm: 'DIN 7997', shape: 'screw' as const, hue: 30 },
  { group: 'Screws > Wood screws > Pan head', code: 'WS-PH', name: 'Wood screw, pan head', norm: 'DIN 7996', shape: 'screw' as const, hue: 40 },
  { group: 'Screws > Machine screws > Hex socket', code: 'MS-HX', name: 'Hex socket cap screw', norm: 'ISO 4762', shape: 'bolt' as const, hue: 210 },
  { group: 'Screws > Machine screws > Countersunk', code: 'MS-CS', name: 'Countersunk machine screw', norm: 'ISO 10642', shape: 'bolt' as const, hue: 220 },
  { group: 'Screws > Self-tapping > Drilling screws', code: 'ST-DR', name: 'Self-drilling screw', norm: 'DIN 7504', shape: 'screw' as const, hue: 0 },
  { group: 'Bolts and nuts > Hex bolts > Fully threaded', code: 'HB-FT', name: 'Hex bolt, fully threaded', norm: 'ISO 4017', shape: 'bolt' as const, hue: 200 },
  { group: 'Bolts and nuts > Nuts > Hex nuts', code: 'NU-HX', name: 'Hex nut', norm: 'ISO 4032', shape: 'washer' as const, hue: 190 },
  { group: 'Anchors > Plastic anchors > Universal', code: 'AN-UX', name: 'Universal plastic anchor', norm: 'ETA', shape: 'anchor' as const, hue: 120 },
  { group: 'Anchors > Metal anchors > Wedge anchors', code: 'AN-WE', name: 'Wedge anchor', norm: 'ETA Option 7', shape: 'anchor' as const, hue: 100 },
  { group: 'Washers > Flat washers > Form A', code: 'WA-FA', name: 'Flat washer', norm: 'ISO 7089', shape: 'washer' as const, hue: 60 },
];
const materials = [{ code: 'Z', name: 'steel, zinc plated', de: 'Stahl', finish: 'verzinkt', factor: 1 }, { code: 'A2', name: 'stainless steel A2', de: 'Edelstahl A2', finish: 'blank', factor: 2.4 }, { code: 'A4', name: 'stainless steel A4', de: 'Edelstahl A4', finish: 'blank', factor: 3.6 }];
const diameters = [3, 4, 5, 6, 8, 10];
const lengths = [12, 16, 20, 25, 30, 40, 50, 60, 80, 100];
for (const k of screwKinds) {
  for (const m of materials) {
    for (const d of diameters) {
      for (const l of lengths) {
        if (fastRows.length > 1000) break;
        if (rand() < 0.45) continue;
        const sku = `AF-${k.code}-${d}${String(l).padStart(3, '0')}-${m.code}`;
        const pack = l > 50 ? 50 : 100;
        const base = Math.round((180 + d * d * l * 0.9) * m.factor * (0.9 + rand() * 0.2));
        const withImage = rand() < 0.9;
        const img = withImage ? image(`${k.code.toLowerCase()}-${m.code.toLowerCase()}.png`, k.name, k.hue + (m.code === 'Z' ? 0 : 15), k.shape) : '';
        fastRows.push([
          sku, `${k.name} M${d} x ${l} mm, ${m.name}, pack of ${pack}`,
          `${k.name} to ${k.norm}, ${m.name}. Diameter ${d} mm, length ${l} mm. Sold in packs of ${pack}.`,
          k.group, 'Pack', de(base), de(Math.round(base * 0.93)), de(Math.round(base * 0.86)),
          nextEan('40123'), 'Acme Fasteners', `${k.code}${d}${l}${m.code}`, '1', img, m.de, m.finish, k.norm,
        ]);
      }
    }
  }
}
writeFileSync(join(OUT, 'acme-fasteners-2027.csv'), iconv.encode(csv(fastRows, ';'), 'win1252'));

// ---- Bright Lighting indoor: English, comma separated, UTF-8 ----
const lightRows: string[][] = [['SKU', 'Name', 'Description', 'Category', 'Unit', 'Price', 'Price 10+', 'GTIN', 'Manufacturer', 'MPN', 'Image', 'Wattage', 'Colour temperature', 'Luminous flux', 'IP rating']];
const lightKinds = [
  { cat: 'Indoor > Panels > Recessed', code: 'PAN', name: 'LED panel 600x600', shape: 'panel' as const, hue: 45, watts: [25, 30, 36, 40] },
  { cat: 'Indoor > Panels > Surface mounted', code: 'PSM', name: 'Surface LED panel 1200x300', shape: 'panel' as const, hue: 50, watts: [30, 36, 40] },
  { cat: 'Indoor > Downlights > Fixed', code: 'DLF', name: 'LED downlight, fixed', shape: 'lamp' as const, hue: 35, watts: [6, 9, 12, 18, 24] },
  { cat: 'Indoor > Downlights > Adjustable', code: 'DLA', name: 'LED downlight, adjustable', shape: 'lamp' as const, hue: 25, watts: [7, 10, 15, 20] },
  { cat: 'Indoor > High bay > Round', code: 'HBR', name: 'LED high bay UFO', shape: 'flood' as const, hue: 260, watts: [100, 150, 200, 240] },
  { cat: 'Indoor > Battens > Linear', code: 'BAT', name: 'LED batten', shape: 'panel' as const, hue: 55, watts: [18, 36, 54, 72] },
  { cat: 'Lamps > LED bulbs > E27', code: 'E27', name: 'LED bulb E27', shape: 'lamp' as const, hue: 48, watts: [5, 8, 10, 13, 15] },
  { cat: 'Lamps > LED bulbs > GU10', code: 'G10', name: 'LED spot GU10', shape: 'lamp' as const, hue: 42, watts: [3, 5, 7] },
  { cat: 'Lamps > LED tubes > T8', code: 'T8', name: 'LED tube T8', shape: 'panel' as const, hue: 58, watts: [9, 14, 18, 22] },
];
const cct = [2700, 3000, 3500, 4000, 5000, 6500];
const finishes = [{ code: 'W', name: 'white' }, { code: 'B', name: 'black' }, { code: 'S', name: 'silver' }, { code: 'G', name: 'graphite' }];
for (const k of lightKinds) {
  for (const w of k.watts) {
    for (const t of cct) {
      for (const f of finishes) {
        if (lightRows.length > 750) break;
        if (rand() < 0.2) continue;
        const base = Math.round((900 + w * 55) * (0.9 + rand() * 0.25));
        const img = rand() < 0.88 ? image(`bl-${k.code.toLowerCase()}-${f.code.toLowerCase()}.png`, k.name, k.hue + (f.code === 'B' ? 180 : 0), k.shape) : '';
        lightRows.push([
          `BL-${k.code}-${w}W-${t / 100}-${f.code}`, `${k.name} ${w} W ${t} K, ${f.name}`,
          `${k.name}, ${w} W, ${t} K, housing ${f.name}. Flicker-free driver, 50,000 h rated life.`,
          k.cat, 'Piece', en(base), rand() < 0.6 ? en(Math.round(base * 0.92)) : '', nextEan('50987'), 'Bright Lighting',
          `${k.code}${w}${t}${f.code}`, img, `${w} W`, `${t} K`, `${w * 110} lm`, k.code === 'HBR' ? 'IP65' : 'IP20',
        ]);
      }
    }
  }
}
writeFileSync(join(OUT, 'bright-lighting-indoor-2027.csv'), '\ufeff' + csv(lightRows, ','));

// ---- Bright Lighting outdoor & controls: tab separated, UTF-8, category per level ----
const outRows: string[][] = [['Item number', 'Product name', 'Long description', 'Category 1', 'Category 2', 'Category 3', 'UOM', 'Net price', 'EAN', 'Brand', 'Manufacturer part number', 'MOQ', 'Picture', 'Sensor', 'Beam angle']];
const outKinds = [
  { c: ['Outdoor', 'Floodlights', 'Standard'], code: 'FL', name: 'LED floodlight', shape: 'flood' as const, hue: 280, sizes: [10, 20, 30, 50, 100, 150] },
  { c: ['Outdoor', 'Floodlights', 'With sensor'], code: 'FLS', name: 'LED floodlight with PIR sensor', shape: 'sensor' as const, hue: 300, sizes: [10, 20, 30, 50] },
  { c: ['Outdoor', 'Wall lights', 'Up and down'], code: 'WUD', name: 'LED wall light up/down', shape: 'lamp' as const, hue: 15, sizes: [6, 10, 14] },
  { c: ['Outdoor', 'Bollards', 'Round'], code: 'BOL', name: 'LED bollard', shape: 'lamp' as const, hue: 160, sizes: [7, 9, 12] },
  { c: ['Controls', 'Sensors', 'Motion'], code: 'PIR', name: 'Motion sensor', shape: 'sensor' as const, hue: 320, sizes: [1, 2, 3] },
  { c: ['Controls', 'Dimmers', 'Rotary'], code: 'DIM', name: 'LED dimmer', shape: 'sensor' as const, hue: 340, sizes: [100, 200, 400] },
  { c: ['Emergency', 'Exit signs', 'Ceiling'], code: 'EXI', name: 'Emergency exit sign', shape: 'panel' as const, hue: 130, sizes: [2, 3, 4] },
];
const beams = ['30°', '60°', '90°', '120°'];
for (const k of outKinds) {
  for (const s of k.sizes) {
    for (const b of beams) {
      for (const f of finishes) {
        for (const ip of ['IP54', 'IP65', 'IP66']) {
          if (outRows.length > 500) break;
          if (rand() < 0.55) continue;
          const base = Math.round((1500 + s * 70) * (0.9 + rand() * 0.3));
          const img = rand() < 0.9 ? image(`bl-${k.code.toLowerCase()}.png`, k.name, k.hue, k.shape) : '';
          outRows.push([
            `BLO-${k.code}-${s}-${b.replace('°', '')}-${f.code}-${ip.slice(2)}`, `${k.name} ${s} W, ${b}, ${f.name}, ${ip}`,
            `${k.name}, ${s} W, beam ${b}, ${f.name} die-cast housing, ${ip}.`, ...k.c, 'Piece', en(base), nextEan('50988'),
            'Bright Lighting', `${k.code}-${s}-${b.replace('°', '')}${f.code}${ip.slice(2)}`, s >= 100 ? '2' : '1', img,
            k.shape === 'sensor' ? 'PIR' : 'none', b,
          ]);
        }
      }
    }
  }
}
writeFileSync(join(OUT, 'bright-lighting-outdoor-2027.tsv'), csv(outRows, '\t'));

// ---- Images: simple product drawings rendered by sharp from SVG ----
function svgFor(i: (typeof images)[number]): string {
  const c = `hsl(${i.hue},55%,45%)`;
  const body = {
    screw: `<rect x="190" y="60" width="20" height="230" fill="${c}"/><rect x="150" y="40" width="100" height="30" rx="8" fill="${c}"/>${Array.from({ length: 10 }, (_, n) => `<line x1="180" y1="${100 + n * 18}" x2="220" y2="${108 + n * 18}" stroke="#fff" stroke-width="4"/>`).join('')}`,
    bolt: `<rect x="180" y="90" width="40" height="220" fill="${c}"/><polygon points="140,50 260,50 280,90 120,90" fill="${c}"/>`,
    anchor: `<path d="M170 60 h60 v200 l-30 60 l-30 -60 z" fill="${c}"/><line x1="170" y1="120" x2="230" y2="120" stroke="#fff" stroke-width="6"/>`,
    washer: `<circle cx="200" cy="170" r="110" fill="${c}"/><circle cx="200" cy="170" r="45" fill="#f4f6f8"/>`,
    lamp: `<circle cx="200" cy="150" r="95" fill="${c}"/><rect x="165" y="240" width="70" height="60" fill="#555"/>`,
    panel: `<rect x="70" y="80" width="260" height="180" rx="10" fill="${c}"/><rect x="90" y="100" width="220" height="140" fill="#fff8dc"/>`,
    flood: `<rect x="90" y="90" width="220" height="160" rx="16" fill="${c}"/><rect x="110" y="110" width="180" height="120" fill="#fffbe6"/><rect x="185" y="250" width="30" height="50" fill="#555"/>`,
    sensor: `<rect x="120" y="80" width="160" height="200" rx="30" fill="${c}"/><circle cx="200" cy="150" r="40" fill="#fff"/>`,
  }[i.shape];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 400 400"><rect width="400" height="400" fill="#f4f6f8"/>${body}<text x="200" y="370" font-family="sans-serif" font-size="22" text-anchor="middle" fill="#333">${i.label}</text></svg>`;
}
for (const i of images) {
  const out = sharp(Buffer.from(svgFor(i)));
  await (i.file.endsWith('.png') ? out.png({ compressionLevel: 9, palette: true }) : out.jpeg({ quality: 80 })).toFile(join(IMAGES, i.file));
}
console.log(`fasteners ${fastRows.length - 1}, indoor ${lightRows.length - 1}, outdoor ${outRows.length - 1} rows; ${images.length} images`);
