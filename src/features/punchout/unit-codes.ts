import { unitCode } from '#features/ingest/readers/units.ts';

/**
 * Item units as UN/ECE Recommendation 20 codes, which cXML's UnitOfMeasure and SAP's OCI UNIT
 * expect: the catalog readers' own table ("Piece" → C62, "Pack" → PK…), plus German words
 * suppliers write in their price lists. A unit known to neither is not guessed: the transfer
 * reports it (see unknownUnits) instead of sending a wrong code.
 */
const MORE_WORDS: ReadonlyMap<string, string> = new Map([
  ['stk', 'C62'], ['stueck', 'C62'], ['each', 'C62'], ['unit', 'C62'], ['units', 'C62'],
  ['packung', 'PK'], ['pckg', 'PK'], ['pkg', 'PK'], ['karton', 'CT'], ['satz', 'SET'], ['paar', 'PR'], ['rolle', 'RO'],
  ['m', 'MTR'], ['cm', 'CMT'], ['mm', 'MMT'], ['kg', 'KGM'], ['g', 'GRM'], ['l', 'LTR'], ['h', 'HUR'], ['std', 'HUR'], ['tag', 'DAY'],
]);

/** The Rec 20 code of a unit as the catalog writes it, or null when it is not known. */
export function rec20Code(unit: string): string | null {
  const clean = unit.trim().replace(/\.$/, '');
  return unitCode(clean) ?? MORE_WORDS.get(clean.toLowerCase()) ?? null;
}

/** The distinct units of these lines that have no Rec 20 code, in the order met. */
export function unknownUnits(units: readonly string[]): string[] {
  return [...new Set(units.filter((u) => rec20Code(u) === null))];
}
