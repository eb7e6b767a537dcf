/**
 * Item units as UN/ECE Recommendation 20 codes, which cXML's UnitOfMeasure and SAP's OCI UNIT
 * expect. Suppliers write units in their own words and languages; a unit not named here is not
 * guessed: the transfer reports it (see unknownUnits) instead of sending a wrong code.
 */
const REC20: ReadonlyArray<[code: string, words: readonly string[]]> = [
  ['EA', ['piece', 'pieces', 'pc', 'pcs', 'each', 'ea', 'stück', 'stueck', 'stk', 'unit', 'units', 'item', 'c62']],
  ['PK', ['pack', 'packs', 'package', 'packung', 'pck', 'pk', 'pkg']],
  ['BX', ['box', 'boxes', 'karton', 'bx']],
  ['SET', ['set', 'sets', 'satz']],
  ['PR', ['pair', 'pairs', 'paar', 'pr']],
  ['RO', ['roll', 'rolls', 'rolle', 'ro']],
  ['MTR', ['metre', 'metres', 'meter', 'm', 'mtr']],
  ['CMT', ['centimetre', 'centimeter', 'cm']],
  ['MMT', ['millimetre', 'millimeter', 'mm']],
  ['MTK', ['square metre', 'square meter', 'm2', 'm²', 'qm', 'mtk']],
  ['MTQ', ['cubic metre', 'cubic meter', 'm3', 'm³', 'mtq']],
  ['KGM', ['kilogram', 'kilograms', 'kg', 'kgm']],
  ['GRM', ['gram', 'grams', 'g', 'grm']],
  ['TNE', ['tonne', 'tonnes', 't']],
  ['LTR', ['litre', 'litres', 'liter', 'l', 'ltr']],
  ['HUR', ['hour', 'hours', 'h', 'std', 'hur']],
  ['DAY', ['day', 'days', 'tag']],
];

const BY_WORD = new Map(REC20.flatMap(([code, words]) => words.map((w) => [w, code] as const)));

/** The Rec 20 code of a unit as the catalog writes it, or null when it is not known. */
export function rec20Code(unit: string): string | null {
  return BY_WORD.get(unit.trim().toLowerCase().replace(/\.$/, '')) ?? null;
}

/** The distinct units of these lines that have no Rec 20 code, in the order met. */
export function unknownUnits(units: readonly string[]): string[] {
  return [...new Set(units.filter((u) => rec20Code(u) === null))];
}
