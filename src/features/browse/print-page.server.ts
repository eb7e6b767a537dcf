import type { Db } from '#db/client.ts';
import type { LiveCatalog } from '#features/visibility/browse-context.server.ts';
import type { BrowseRequest } from './browse-request.server.ts';
import { categoryOfSegments, itemCountOf, trailOf, type LinkedCategory, type LinkedCategoryTree } from './category-links.ts';
import { visibleItemBatches, type VisibleItem } from '#features/visibility/visible-items.server.ts';
import { categoryTreeOf } from './category-tree.server.ts';
import { loadImages } from './images.server.ts';
import type { ImageInfo } from './image-sources.ts';

/** More items than this make a printout nobody reads; the page then offers its categories instead. */
export const PRINT_LIMIT = 3000;

export interface PrintSection { path: string; trail: string[]; topLevel: string; items: VisibleItem[] }

export interface PrintPage {
  catalog: LiveCatalog;
  tree: LinkedCategoryTree;
  category: LinkedCategory | null;
  total: number;
  /** Empty when `total` is above PRINT_LIMIT. */
  sections: PrintSection[];
  images: Map<string, ImageInfo>;
  title: string;
}

/**
 * A category or a whole catalog laid out for print: one section per category (in tree order)
 * with its items by name, at the buyer's prices. Null (404) for an unknown category.
 */
export async function loadPrintPage(db: Db, request: BrowseRequest, catalog: LiveCatalog, rest: string | undefined): Promise<PrintPage | null> {
  const ctx = request.context();
  const tree = await categoryTreeOf(db, request, catalog);
  const hasSegments = (rest ?? '').split('/').some((s) => s !== '');
  const category = hasSegments ? categoryOfSegments(tree, rest) : null;
  if (hasSegments && !category) return null;
  const total = itemCountOf(tree, category);
  const title = `${category ? `${category.name} · ` : ''}${catalog.name} (print)`;
  if (total > PRINT_LIMIT) return { catalog, tree, category, total, sections: [], images: new Map(), title };
  const byPath = new Map<string, VisibleItem[]>();
  for await (const batch of visibleItemBatches(db, ctx, catalog.id, category?.path)) {
    for (const item of batch) byPath.set(item.categoryPath, [...(byPath.get(item.categoryPath) ?? []), item]);
  }
  const order = new Map(tree.nodes.map((n, index) => [n.path, index]));
  const sections = [...byPath.entries()]
    .sort(([a], [b]) => (order.get(a) ?? -1) - (order.get(b) ?? -1))
    .map(([path, items]): PrintSection => {
      const node = tree.byPath.get(path);
      const trail = node ? trailOf(tree, node).map((n) => n.name) : ['Other items'];
      return { path, trail, topLevel: trail[0]!, items: items.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }) || (a.sku < b.sku ? -1 : 1)) };
    });
  const images = await loadImages(db, sections.flatMap((s) => s.items.flatMap((i) => i.images.slice(0, 1))));
  return { catalog, tree, category, total, sections, images, title };
}
