import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { detectCatalogFormat } from '#features/ingest/detect/detect-format.ts';
import { fixture } from './read-source.ts';

const detect = (text: string | Buffer) => detectCatalogFormat(typeof text === 'string' ? Buffer.from(text) : text);

describe('catalog formats are detected from content', () => {
  test('BMEcat 2005 and 1.2 by their root element and version, past comments and a DOCTYPE with an internal subset', async () => {
    expect(detect(await readFile(fixture('bmecat-2005-new-catalog.xml')))).toEqual({ kind: 'bmecat', version: '2005' });
    expect(detect(await readFile(fixture('bmecat-1.2-new-catalog-latin1.xml')))).toEqual({ kind: 'bmecat', version: '1.2' });
    const subset = '<?xml version="1.0"?>\n<!DOCTYPE BMECAT SYSTEM "x.dtd" [\n<!ENTITY % UDX "(UDX.A?)">\n<!ELEMENT UDX.A (#PCDATA)>\n]>\n<BMECAT version="1.2"><HEADER/></BMECAT>';
    expect(detect(subset)).toEqual({ kind: 'bmecat', version: '1.2' });
  });

  test('a namespace prefix, a BOM, or UTF-16 do not hide BMEcat; a version comes from the namespace when the attribute is missing', () => {
    expect(detect('\uFEFF<bme:BMECAT xmlns:bme="http://www.bmecat.org/bmecat/2005"><bme:HEADER/></bme:BMECAT>')).toEqual({ kind: 'bmecat', version: '2005' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('<?xml version="1.0" encoding="UTF-16"?><BMECAT version="2005"/>', 'utf-16le')]);
    expect(detect(utf16)).toEqual({ kind: 'bmecat', version: '2005' });
  });

  test('a BMEcat file broken before its root still goes to the BMEcat reader (which names the line)', () => {
    expect(detect('<?xml version="1.0"?>\n<!-- unclosed comment <BMECAT version="2005">')).toEqual({ kind: 'bmecat', version: 'unknown' });
  });

  test('Ariba CIF by its signature line', async () => {
    expect(detect(await readFile(fixture('cif-3.0-full.cif')))).toEqual({ kind: 'cif', version: '3.0' });
    expect(detect('\r\n  CIF_I_V2.1\r\nDATA')).toEqual({ kind: 'cif', version: '2.1' });
  });

  test('other XML is named by its root; CSV text is left to the table reader', async () => {
    expect(detect(await readFile(fixture('cxml-index.xml')))).toEqual({ kind: 'other-xml', root: 'Index' });
    expect(detect('<html><body>price list</body></html>')).toEqual({ kind: 'other-xml', root: 'html' });
    expect(detect('SKU;Name;Preis\nA-1;Schraube;1,20\n')).toEqual({ kind: 'table' });
    expect(detect('"<b>SKU</b>",Name\n')).toEqual({ kind: 'table' });
  });
});
