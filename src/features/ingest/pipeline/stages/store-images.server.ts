import type { ItemDraft } from '../../checks/validate-row.ts';
import type { ImageLookup } from '../../images/image-lookup.ts';
import { noteProblem, type ReportSoFar, type StageDeps } from '../revision-in-progress.ts';
import type { CheckedRow } from './check-items.ts';
import { storeNamedImage } from './store-named-image.server.ts';

/** An item with its images stored: their content hashes in the order the row named them. */
export type ItemWithImages = ItemDraft & { imageHashes: string[] };

/**
 * The images stage: stores the images each item names, once per name (a name several items
 * share is read once). An image that cannot be had is a warning on its row; the item stays.
 */
export async function* storeImages(deps: StageDeps, rows: AsyncIterable<CheckedRow>, lookup: ImageLookup | undefined, imageColumn: string | null, report: ReportSoFar): AsyncGenerator<CheckedRow<ItemWithImages>> {
  const stored = new Map<string, string | { problem: string }>();
  for await (const { rowNumber, item } of rows) {
    if (!item) {
      yield { rowNumber, item: null };
      continue;
    }
    const hashes: string[] = [];
    for (const name of item.images) {
      let image = stored.get(name);
      if (image === undefined) {
        image = await storeNamedImage(deps, lookup, name);
        stored.set(name, image);
      }
      if (typeof image === 'string') hashes.push(image);
      else noteProblem(report, { severity: 'warning', rowNumber, sku: item.sku, column: imageColumn, value: name, expected: 'an image file delivered with the price list', message: `Row ${rowNumber}: image ${image.problem}` });
    }
    yield { rowNumber, item: { ...item, imageHashes: hashes } };
  }
}
