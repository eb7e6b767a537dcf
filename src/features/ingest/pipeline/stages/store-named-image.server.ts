import { storeImageFile } from '#features/media/store-image.server.ts';
import { StorageFull } from '#features/media/storage-quota.server.ts';
import type { ImageLookup } from '../../images/image-lookup.ts';
import { checkImage } from '../../images/check-image.server.ts';
import type { StageDeps } from '../revision-in-progress.ts';

/** Stores the image a row names, once checked: its content hash, or what is wrong with it in words. */
export async function storeNamedImage(deps: StageDeps, lookup: ImageLookup | undefined, name: string): Promise<string | { problem: string }> {
  if (!lookup) return { problem: `"${name}" was not delivered: upload a ZIP holding the price list and its images.` };
  const match = lookup.find(name);
  if (!match.found) return { problem: match.reason };
  const check = await checkImage(match.path, { fileName: match.entryName });
  if (!check.ok) return { problem: check.message };
  try {
    return (await storeImageFile(deps.db, deps.mediaDir, match.path)).hash;
  } catch (e) {
    if (e instanceof StorageFull) throw e; // the whole revision fails: its items would lose their images
    return { problem: `"${match.entryName}" ${e instanceof Error ? e.message : 'could not be stored'}` };
  }
}
