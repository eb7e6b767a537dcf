import type { BrowsePaths } from '#src/paths.ts';
import type { LiveCatalog } from '#features/visibility/browse-context.server.ts';
import type { LinkedCategory } from './category-links.ts';

/** Catalogs › catalog › each level of the category trail, as links. */
export function catalogTrail(paths: BrowsePaths, catalog: LiveCatalog, trail: readonly LinkedCategory[]): Array<{ href: string; label: string }> {
  return [
    { href: paths.catalogs(), label: 'Catalogs' },
    { href: paths.catalog(catalog.slug), label: catalog.name },
    ...trail.map((c) => ({ href: paths.category(catalog.slug, c.segments), label: c.name })),
  ];
}
