import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { ImageLookup } from '../images/image-lookup.ts';
import { ImportInputError } from '../checks/import-input-error.ts';
import { detectUpload } from '../detect/detect-upload.server.ts';
import { extractZip } from '../readers/zip-source.server.ts';
import { openBmecatSource } from '../readers/bmecat-reader.server.ts';
import { openCifSource } from '../readers/cif-reader.server.ts';
import type { CatalogFormat } from '../detect/judge-upload.ts';
import type { FormatContext } from '../readers/format-context.ts';
import type { ItemSource } from './item-source.ts';
import { withStoredImages } from '../images/stored-image-lookup.server.ts';

export interface ItemSourceOptions extends FormatContext {
  mediaDir: string;
  /** Images beside the file when they did not come in the same ZIP. */
  imageLookup?: ImageLookup;
  /** Where a ZIP is unpacked (default: the system's temporary folder). */
  tempRoot?: string;
}

// Entries of an upload ZIP that may hold a standard-format catalog (their content decides).
const CATALOG_ENTRIES = new Set(['.xml', '.cif']);

async function formatOf(path: string, name: string): Promise<CatalogFormat> {
  const detected = await detectUpload(path, { fileName: name });
  return detected.kind === 'text' ? detected.format : { kind: 'table' };
}

function refuse(format: Extract<CatalogFormat, { kind: 'other-xml' }>, name: string): never {
  const what = format.root === '' ? 'an XML file whose start is not well-formed XML' : format.root === 'cXML' ? 'a cXML document' : `an XML file whose root element is <${format.root}>`;
  throw new ImportInputError(`"${name}" is ${what}, not a catalog Vitrine reads. Upload BMEcat (1.2 or 2005), Ariba CIF 3.0, CSV or XLSX.`, { fileName: name });
}

/**
 * Opens an upload as a standard-format catalog when its content is one: BMEcat XML, Ariba
 * CIF, or a ZIP holding one of them with its images (unpacked with the usual limits). Returns
 * null for anything else (CSV, XLSX, a ZIP with a CSV or workbook), which the row pipeline
 * reads. The file's name plays no part: a BMEcat file named "prices.csv" is read as BMEcat.
 */
export async function openItemSource(path: string, originalName: string, options: ItemSourceOptions): Promise<ItemSource | null> {
  if ((await stat(path)).size === 0) return null;
  let format: CatalogFormat;
  let catalogPath = path;
  let catalogName = originalName;
  let imageLookup = options.imageLookup;
  let tempDir: string | undefined;
  const cleanup = async () => { if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true }); };
  try {
    const detected = await detectUpload(path, { fileName: originalName });
    if (detected.kind === 'zip') {
      if (detected.holds === 'xlsx' || !detected.entries.some((n) => CATALOG_ENTRIES.has(extname(n).toLowerCase()))) return null;
      tempDir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'vitrine-format-'));
      const contents = await extractZip(path, tempDir, { fileName: originalName });
      catalogPath = contents.priceList.path;
      catalogName = contents.priceList.entryName;
      imageLookup = contents.images;
      format = await formatOf(catalogPath, catalogName);
      if (format.kind === 'table') {
        await cleanup();
        return null;
      }
    } else {
      format = detected.kind === 'text' ? detected.format : { kind: 'table' };
    }
    if (format.kind === 'table') return null;
    if (format.kind === 'other-xml') refuse(format, catalogName);
    const opened = format.kind === 'bmecat' ? await openBmecatSource(catalogPath, catalogName, options) : await openCifSource(catalogPath, catalogName, options);
    const lookup = await withStoredImages(options.db, options.mediaDir, options.catalog.liveRevisionId, imageLookup);
    const items = opened.items as AsyncGenerator;
    // Stopping early (an error elsewhere in the pipeline) must close the file before it is deleted.
    const close = async () => { await items.return(undefined); await cleanup(); };
    return { ...opened, ...(lookup ? { imageLookup: lookup } : {}), cleanup: close };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
