/** One row as read from a file, before any mapping: cells as text, numbered as in the file. */
export interface RawRow {
  /** 1-based row number as the supplier sees it in the file (the header is usually row 1). */
  rowNumber: number;
  cells: string[];
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}
