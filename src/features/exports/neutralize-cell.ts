// Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (or, for
// tab and carriage return, that let a cell smuggle one in after them).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made safe to open in a spreadsheet: a value that would run as a formula
 * ("=HYPERLINK(…)", "+1+2", "@SUM(…)") gets a leading apostrophe, as OWASP recommends for CSV
 * injection, so it shows as the text the supplier wrote instead of running.
 */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
