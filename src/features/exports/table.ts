/** A column of an export: text, a whole number, or money in the row's currency. */
export interface ExportColumn { header: string; kind: 'text' | 'int' | 'money'; width?: number }

/** One cell: text, a whole number, money in minor units (with the row's currency), or empty. */
export type ExportCell = string | number | { minor: number; currency: string } | null;

export interface ExportTable {
  columns: ExportColumn[];
  rows: AsyncIterable<ExportCell[]> | Iterable<ExportCell[]>;
  /** The worksheet's name in XLSX. */
  sheetName: string;
  /**
   * XLSX only: write text cells exactly as they are. A typed text cell never runs as a formula,
   * so a file meant to be uploaded again (a supplier's own export) needs no protective apostrophe.
   */
  textAsWritten?: boolean;
}
