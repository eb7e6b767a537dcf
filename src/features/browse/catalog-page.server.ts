import type { Db } from '#db/client.ts';
import type { LiveCatalog } from '#features/visibility/browse-context.server.ts';
import type { BrowseRequest } from './browse-request.server.ts';
import { categoryOfSegments, childrenOf, itemCountOf, trailOf, type LinkedCategory, type LinkedCategoryTree } from './category-links.ts';
import type { VisibleItem } from '#features/visibility/visible-items.server.ts';
import { itemsOfListingPage } from './listing-order.server.ts';
import { categoryTreeOf } from './category-tree.server.ts';
import { PAGE_SIZE, type ListingParams } from './listing-params.ts';
import { loadImages } from './images.server.ts';
import type { ImageInfo } from './image-sources.ts';

export interface CatalogPage {
  catalog: LiveCatalog;
  tree: LinkedCategoryTree;
  /** The category shown, or null for the catalog's own page. */
  category: LinkedCategory | null;
  trail: LinkedCategory[];
  subcategories: LinkedCategory[];
  items: VisibleItem[];
  images: Map<string, ImageInfo>;
  total: number;
  pageCount: number;
  params: ListingParams;
  title: string;
}

/**
 * A catalog's page or one of its categories' pages, one page of items at the buyer's prices.
 * Null (the page answers 404) when the scope does not reach the catalog, no visible category
 * has these segments, or the page number is past the last page.
 */
export async function loadCatalogPage(db: Db, request: BrowseRequest, catalog: LiveCatalog, rest: string | undefined, params: ListingParams): Promise<CatalogPage | null> {
  const tree = await categoryTreeOf(db, request, catalog);
  const segments = (rest ?? '').split('/').filter((s) => s !== '');
  const category = segments.length === 0 ? null : categoryOfSegments(tree, rest);
  if (segments.length > 0 && !category) return null;
  const total = itemCountOf(tree, category);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (params.page > pageCount) return null;
  const items = await itemsOfListingPage(db, request, { catalog, categoryPath: category?.path, sort: params.sort, page: params.page, pageSize: PAGE_SIZE, total });
  const images = await loadImages(db, items.flatMap((i) => i.images.slice(0, 1)));
  return {
    catalog, tree, category, trail: category ? trailOf(tree, category) : [],
    subcategories: childrenOf(tree, category?.path ?? null),
    items, images, total, pageCount, params,
    title: category ? `${category.name} · ${catalog.name}` : catalog.name,
  };
}
