import { LruCache } from '#kernel/lru.ts';
import { WHO_BAR_END, WHO_BAR_START } from '#features/auth/who-bar.ts';

/**
 * Whole cached pages with the part naming the person cut out: the fast lane (fast-lane.server.ts)
 * serves them by putting the visitor's own bar back in between `before` and `after`. An entry
 * is keyed like a cached fragment plus the visitor's role (the navigation differs by role), so
 * it holds nothing that one buyer of a customer may see and another may not.
 */
export interface PageTemplate { before: Buffer; after: Buffer }

const templates = new LruCache<PageTemplate>({ maxEntries: 5_000, maxSize: 16 * 1024 * 1024, sizeOf: (t) => t.before.byteLength + t.after.byteLength });

export function pageTemplateKey(fragmentKey: string, role: string): string {
  return `${fragmentKey}\u0000${role}`;
}

export function getPageTemplate(key: string): PageTemplate | undefined {
  return templates.get(key);
}

export function hasPageTemplate(key: string): boolean {
  return templates.get(key) !== undefined;
}

const START = Buffer.from(WHO_BAR_START);
const END = Buffer.from(WHO_BAR_END);

/**
 * Keeps a rendered page (its UTF-8 bytes: nothing is decoded) as a template when it holds
 * exactly one person bar and that bar is the one given (the visitor's): anything else on the
 * page that could name them is not expected, so such a page is simply not kept. Returns
 * whether it was kept.
 */
export function storePageTemplate(key: string, html: Buffer, whoBar: string): boolean {
  const start = html.indexOf(START);
  if (start < 0 || html.indexOf(START, start + 1) >= 0) return false;
  const end = html.indexOf(END, start);
  if (end < 0 || !html.subarray(start, end + END.length).equals(Buffer.from(whoBar))) return false;
  // Copies, so the template does not keep the whole response buffer alive through a slice.
  templates.set(key, { before: Buffer.from(html.subarray(0, start)), after: Buffer.from(html.subarray(end + END.length)) });
  return true;
}

export function clearPageTemplates(): void {
  templates.clear();
}
