import type { CellValue } from 'exceljs';

// Excel keeps 15 significant digits; more digits in the file are binary noise (12.3 stored as
// 12.300000000000001), so numbers are shown the way Excel shows them.
const EXCEL_DIGITS = 15;

/** A number as plain decimal text the way Excel displays it: 15 significant digits, no exponent. */
export function formatExcelNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isSafeInteger(value)) return String(value);
  const [mantissa = '0', exponentText = '0'] = value.toExponential(EXCEL_DIGITS - 1).split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '').replace(/0+$/, '') || '0';
  const exponent = Number(exponentText);
  let text: string;
  if (exponent < 0) text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  else if (digits.length > exponent + 1) text = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  else text = digits + '0'.repeat(exponent + 1 - digits.length);
  return negative ? `-${text}` : text;
}

/** A date as ISO yyyy-mm-dd, with the time (THH:MM:SS) only when it is not midnight. */
export function formatExcelDate(date: Date): string {
  const iso = date.toISOString();
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)}T${time}`;
}

/**
 * The text of a cell: numbers and dates typed as above; formulas give their cached result;
 * rich text and hyperlinks their text; errors their code (#N/A). A number format made only of
 * zeros ("0000000000000", used to keep a GTIN's leading zeros) pads the number as Excel shows it.
 */
export function cellText(value: CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    // exceljs's streaming reader turns a formula's error result (#N/A…) into NaN.
    if (Number.isNaN(value)) return '#ERROR';
    const text = formatExcelNumber(value);
    return numFmt && /^0+$/.test(numFmt) && /^\d+$/.test(text) ? text.padStart(numFmt.length, '0') : text;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatExcelDate(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined ? '' : cellText(result, numFmt);
  }
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as CellValue);
  return '';
}
