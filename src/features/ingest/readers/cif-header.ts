import { CsvError } from 'csv-parse';
import { parse as parseCsv } from 'csv-parse/sync';

/** The CIF 3.0 header: the lines between "CIF_I_V3.0" and "DATA". */
export interface CifHeader {
  version: string;
  /** "F" replaces the catalog, "I" changes it (Ariba's default is F). */
  loadMode: 'F' | 'I';
  currency: string | null;
  charset: string | null;
  fieldNames: string[];
  itemCount: { value: number; line: number } | null;
}

/** The fields of a CIF 3.0 file that has no FIELDNAMES line, in Ariba's default order. */
export const DEFAULT_CIF_FIELDS = [
  'Supplier ID', 'Supplier Part ID', 'Manufacturer Part ID', 'Item Description', 'SPSC Code', 'Unit Price',
  'Unit of Measure', 'Lead Time', 'Manufacturer Name', 'Supplier URL', 'Manufacturer URL', 'Market Price',
];

/** A "KEY: value" header line, or null for anything else. */
export function headerLine(line: string): { key: string; value: string } | null {
  const match = /^([A-Za-z_]+)\s*:\s?(.*)$/s.exec(line.trim());
  return match ? { key: match[1]!.toUpperCase(), value: match[2]!.trim() } : null;
}

/** The field names of a FIELDNAMES value: a comma-separated list, quoted or not; null when its quoting is broken. */
export function parseFieldNames(value: string): string[] | null {
  let records: string[][];
  try {
    records = parseCsv(value, { relax_quotes: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    // csv-parse throws (even with relax_quotes) on text after a closing quote: '"Unit" Price'.
    if (error instanceof CsvError) return null;
    throw error;
  }
  return (records[0] ?? []).map((n) => n.trim());
}

/** The iconv-lite name for a CIF CHARSET value ("8859_1", "UTF-8", "Cp1252"), or null when unknown. */
export function charsetEncoding(charset: string): string | null {
  const name = charset.trim().toLowerCase().replace(/_/g, '-');
  if (['utf-8', 'utf8'].includes(name)) return 'utf-8';
  if (['8859-1', 'iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'cp1252', 'windows-1252', 'us-ascii', 'ascii'].includes(name)) return 'windows-1252';
  if (['utf-16', 'utf16', 'unicode'].includes(name)) return 'utf-16le';
  return null;
}
