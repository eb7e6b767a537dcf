/**
 * Units of measure as catalog standards write them (UN/ECE Recommendation 20 codes in BMEcat,
 * the same codes or "EA" in Ariba CIF) and as Vitrine stores them (words people read). Only
 * the common codes are listed; any other code is kept as written.
 */
interface UnitWords { word: string; plural: string; symbol?: string }

const CODES: Record<string, UnitWords> = {
  C62: { word: 'piece', plural: 'pieces', symbol: 'pcs' },
  H87: { word: 'piece', plural: 'pieces', symbol: 'pcs' },
  PCE: { word: 'piece', plural: 'pieces', symbol: 'pcs' },
  EA: { word: 'piece', plural: 'pieces', symbol: 'pcs' },
  PK: { word: 'pack', plural: 'packs' },
  PA: { word: 'packet', plural: 'packets' },
  BX: { word: 'box', plural: 'boxes' },
  CT: { word: 'carton', plural: 'cartons' },
  CS: { word: 'case', plural: 'cases' },
  SET: { word: 'set', plural: 'sets' },
  PR: { word: 'pair', plural: 'pairs' },
  RO: { word: 'roll', plural: 'rolls' },
  BG: { word: 'bag', plural: 'bags' },
  BO: { word: 'bottle', plural: 'bottles' },
  CA: { word: 'can', plural: 'cans' },
  TU: { word: 'tube', plural: 'tubes' },
  DZN: { word: 'dozen', plural: 'dozens' },
  PF: { word: 'pallet', plural: 'pallets' },
  KT: { word: 'kit', plural: 'kits' },
  HUR: { word: 'hour', plural: 'hours', symbol: 'h' },
  DAY: { word: 'day', plural: 'days' },
  MON: { word: 'month', plural: 'months' },
  MTR: { word: 'metre', plural: 'metres', symbol: 'm' },
  CMT: { word: 'centimetre', plural: 'centimetres', symbol: 'cm' },
  MMT: { word: 'millimetre', plural: 'millimetres', symbol: 'mm' },
  KMT: { word: 'kilometre', plural: 'kilometres', symbol: 'km' },
  MTK: { word: 'square metre', plural: 'square metres', symbol: 'm²' },
  MTQ: { word: 'cubic metre', plural: 'cubic metres', symbol: 'm³' },
  LTR: { word: 'litre', plural: 'litres', symbol: 'l' },
  MLT: { word: 'millilitre', plural: 'millilitres', symbol: 'ml' },
  KGM: { word: 'kilogram', plural: 'kilograms', symbol: 'kg' },
  GRM: { word: 'gram', plural: 'grams', symbol: 'g' },
  TNE: { word: 'tonne', plural: 'tonnes', symbol: 't' },
  VLT: { word: 'volt', plural: 'volts', symbol: 'V' },
  WTT: { word: 'watt', plural: 'watts', symbol: 'W' },
  KWT: { word: 'kilowatt', plural: 'kilowatts', symbol: 'kW' },
  KWH: { word: 'kilowatt hour', plural: 'kilowatt hours', symbol: 'kWh' },
  AMP: { word: 'ampere', plural: 'amperes', symbol: 'A' },
  HTZ: { word: 'hertz', plural: 'hertz', symbol: 'Hz' },
  CEL: { word: 'degree Celsius', plural: 'degrees Celsius', symbol: '°C' },
  KEL: { word: 'kelvin', plural: 'kelvin', symbol: 'K' },
  NEW: { word: 'newton', plural: 'newtons', symbol: 'N' },
  NU: { word: 'newton metre', plural: 'newton metres', symbol: 'N·m' },
  BAR: { word: 'bar', plural: 'bar', symbol: 'bar' },
  LUM: { word: 'lumen', plural: 'lumens', symbol: 'lm' },
  P1: { word: 'percent', plural: 'percent', symbol: '%' },
};

// The code written back for a word; the first code of each word above is the preferred one.
const CODE_OF = new Map<string, string>();
for (const [code, words] of Object.entries(CODES)) {
  for (const key of [words.word, words.plural, code]) if (!CODE_OF.has(key.toLowerCase())) CODE_OF.set(key.toLowerCase(), code);
}
CODE_OF.set('pcs', 'C62');
CODE_OF.set('pc', 'C62');
CODE_OF.set('stück', 'C62');

/** The word for an order unit code ("C62" → "piece"); other codes are kept as written. */
export function unitWord(code: string): string {
  return CODES[code.trim().toUpperCase()]?.word ?? code.trim();
}

/** "N units" for a quantity of an order unit code: (100, "C62") → "100 pieces". */
export function unitQuantity(quantity: string, code: string): string {
  const words = CODES[code.trim().toUpperCase()];
  if (!words) return `${quantity} × ${code.trim()}`;
  return `${quantity} ${quantity === '1' ? words.word : words.plural}`;
}

/** How a feature's unit is shown after its value: a symbol ("MMT" → "mm"), else as written. */
export function unitSymbol(code: string): string {
  const words = CODES[code.trim().toUpperCase()];
  return words ? (words.symbol ?? words.plural) : code.trim();
}

/** The standard code for a unit as Vitrine stores it ("Pack" → "PK"), or undefined when it has none. */
export function unitCode(unit: string): string | undefined {
  return CODE_OF.get(unit.trim().toLowerCase());
}

/** "100 pieces" → { quantity: 100, code: "C62" }: a unit that is a bundle of a standard unit. */
export function bundleOf(unit: string): { quantity: number; code: string } | undefined {
  const match = /^(\d{1,9}) (?:× )?(.+)$/.exec(unit.trim());
  if (!match) return undefined;
  const quantity = Number(match[1]);
  const named = match[2]!;
  const code = unitCode(named) ?? (/^[A-Za-z0-9]{1,3}$/.test(named) ? named : undefined);
  return quantity > 1 && code ? { quantity, code } : undefined;
}
