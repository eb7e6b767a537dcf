import fc from 'fast-check';
import { buildZip, type BuiltZip, type ZipEntrySpec } from '../zip-writer.ts';
import { escapeXml, DOCTYPES } from './xml-attacks.ts';
import { headersOf, tableRecipe, type TableRecipe } from './table.ts';

/** How a cell is written into the sheet XML: each a way Excel (or a broken tool) stores one. */
type CellStyle = 'shared' | 'inline' | 'number' | 'formula' | 'formula-no-value' | 'error' | 'bool' | 'date' | 'bad-shared-index' | 'str';

export interface XlsxRecipe {
  table: TableRecipe;
  styles: CellStyle[];
  /** How cell references are written: normal, beyond Excel's last column, missing, or nonsense. */
  refs: 'normal' | 'huge-column' | 'missing' | 'garbage' | 'huge-row' | 'descending';
  sheetName: string;
  /** A part replaced by something broken. */
  broken: 'none' | 'shared-strings-xml' | 'no-shared-strings' | 'no-workbook-rels' | 'sheet-missing' | 'doctype-sheet' | 'doctype-strings' | 'no-sheets' | 'styles-garbage' | 'dimension-huge' | 'numfmt-weird';
  doctype: string;
}

const cellStyle = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<CellStyle>('shared', 'inline', 'number') },
  { weight: 1, arbitrary: fc.constantFrom<CellStyle>('formula', 'formula-no-value', 'error', 'bool', 'date', 'bad-shared-index', 'str') },
);

export const xlsxRecipe: fc.Arbitrary<XlsxRecipe> = fc.record({
  table: tableRecipe,
  styles: fc.array(cellStyle, { minLength: 1, maxLength: 12 }),
  refs: fc.oneof({ weight: 6, arbitrary: fc.constant<XlsxRecipe['refs']>('normal') }, { weight: 1, arbitrary: fc.constantFrom<XlsxRecipe['refs']>('huge-column', 'missing', 'garbage', 'huge-row', 'descending') }),
  sheetName: fc.constantFrom('Sheet1', 'Preise 2028', '', 'A'.repeat(300), '<&>', 'Ünïcödé'),
  broken: fc.oneof({ weight: 6, arbitrary: fc.constant<XlsxRecipe['broken']>('none') }, {
    weight: 3,
    arbitrary: fc.constantFrom<XlsxRecipe['broken']>('shared-strings-xml', 'no-shared-strings', 'no-workbook-rels', 'sheet-missing', 'doctype-sheet', 'doctype-strings', 'no-sheets', 'styles-garbage', 'dimension-huge', 'numfmt-weird'),
  }),
  doctype: fc.constantFrom('billionLaughs', 'externalFile', 'externalHttp', 'quadraticBlowup'),
});

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function ref(recipe: XlsxRecipe, row: number, column: number): string {
  switch (recipe.refs) {
    case 'huge-column': return ` r="${column === 0 ? 'XFD' : 'ZZZZZZ'}${row}"`;
    case 'missing': return '';
    case 'garbage': return ` r="${['1A', '', 'A0', 'A-1', 'AAAAAAAAAA99999999999'][(row + column) % 5]}"`;
    case 'huge-row': return ` r="${columnName(column)}${1_048_576 + row * 1000}"`;
    case 'descending': return ` r="${columnName(5 - column)}${row}"`;
    default: return ` r="${columnName(column)}${row}"`;
  }
}

/** The workbook's parts as text in the order Excel writes them, before they are zipped (mutations may change them first). */
export function xlsxParts(recipe: XlsxRecipe): Record<string, string> {
  const strings: string[] = [];
  const rows = [headersOf(recipe.table), ...recipe.table.rows];
  const sheetRows = rows.map((cells, r) => {
    const rowNumber = r + 1;
    const xml = cells.map((value, c) => {
      const style = recipe.styles[(r * 7 + c) % recipe.styles.length]!;
      const at = ref(recipe, rowNumber, c);
      const numeric = /^-?\d+(\.\d+)?$/.test(value);
      switch (style) {
        case 'inline': return `<c${at} t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
        case 'number': return numeric ? `<c${at}><v>${value}</v></c>` : `<c${at} t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
        case 'formula': return `<c${at}><f>SUM(A1:XFD1048576)*${numeric ? value : 1}</f><v>${numeric ? value : '1'}</v></c>`;
        case 'formula-no-value': return `<c${at} t="str"><f>CONCATENATE("a",B2)</f></c>`;
        case 'error': return `<c${at} t="e"><v>#N/A</v></c>`;
        case 'bool': return `<c${at} t="b"><v>${value.length % 3}</v></c>`;
        case 'date': return `<c${at} s="1"><v>${numeric ? value : '46023.5'}</v></c>`;
        case 'bad-shared-index': return `<c${at} t="s"><v>${[99999, -1, 1.5][c % 3]}</v></c>`;
        case 'str': return `<c${at} t="str"><v>${escapeXml(value)}</v></c>`;
        default: strings.push(value); return `<c${at} t="s"><v>${strings.length - 1}</v></c>`;
      }
    }).join('');
    return `<row r="${recipe.refs === 'huge-row' ? 1_048_576 + r : rowNumber}">${xml}</row>`;
  }).join('');
  const doctype = DOCTYPES[recipe.doctype] ?? '';
  const dimension = recipe.broken === 'dimension-huge' ? '<dimension ref="A1:XFD1048576"/>' : '';
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${recipe.broken === 'doctype-sheet' ? doctype.replace('BMECAT', 'worksheet') : ''}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${dimension}<sheetData>${sheetRows}</sheetData></worksheet>`;
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${recipe.broken === 'doctype-strings' ? doctype.replace('BMECAT', 'sst') : ''}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('')}${recipe.broken === 'doctype-strings' ? '<si><t>&lol9;&xxe;</t></si>' : ''}</sst>`;
  const numFmt = recipe.broken === 'numfmt-weird' ? '<numFmts count="1"><numFmt numFmtId="164" formatCode="0000000000000;[Red]&quot;x&quot;;@@@@"/></numFmts>' : '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>';
  const parts: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${recipe.broken === 'no-sheets' ? '' : `<sheet name="${escapeXml(recipe.sheetName)}" sheetId="1" r:id="rId1"/>`}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': sheet,
    'xl/styles.xml': recipe.broken === 'styles-garbage' ? '<styleSheet><cellXfs count="9"><xf numFmtId="99999"/><xf numFmtId="-1"/></cellXfs>' : `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${numFmt}<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    'xl/sharedStrings.xml': recipe.broken === 'shared-strings-xml' ? sst.slice(0, Math.floor(sst.length / 2)) : sst,
  };
  if (recipe.broken === 'no-shared-strings') delete parts['xl/sharedStrings.xml'];
  if (recipe.broken === 'no-workbook-rels') delete parts['xl/_rels/workbook.xml.rels'];
  if (recipe.broken === 'sheet-missing') delete parts['xl/worksheets/sheet1.xml'];
  return parts;
}

export function zipParts(parts: Record<string, string | Uint8Array>, extra: Partial<ZipEntrySpec> = {}): BuiltZip {
  return buildZip({ entries: Object.entries(parts).map(([name, data]) => ({ name, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data, ...extra })) });
}

export function xlsxFile(recipe: XlsxRecipe): BuiltZip {
  return zipParts(xlsxParts(recipe));
}
