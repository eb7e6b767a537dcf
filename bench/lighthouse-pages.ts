// The pages Lighthouse audits: the main pages of every role, found by following the links a
// person would follow from each role's home (so the bench keeps working when ids or demo
// data change), each with the session cookie of a demo account of that role.
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

export interface AuditedPage { role: string; label: string; path: string; cookie?: string }

/** Pages whose scores the issue sets a bar for (buyer's category, product and search pages). */
export const TARGETED = new Set(['buyer category', 'buyer product', 'buyer search']);

export async function signIn(app: string, email: string): Promise<string> {
  const res = await fetch(`${app}/login?_action=auth.signIn`, {
    method: 'POST', redirect: 'manual', headers: { origin: app, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0]!;
  if ((res.status !== 302 && res.status !== 303) || !cookie) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  return cookie;
}

async function html(app: string, path: string, cookie?: string): Promise<string> {
  const res = await fetch(app + path, { headers: cookie ? { cookie } : {} });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return res.text();
}

/** The first link on a page whose path matches the pattern. */
async function firstLink(app: string, from: string, cookie: string, pattern: RegExp): Promise<string> {
  const page = await html(app, from, cookie);
  for (const [, href] of page.matchAll(/href="([^"#]+)"/g)) {
    const path = href!.replaceAll('&amp;', '&');
    if (pattern.test(path)) return path;
  }
  throw new Error(`no link matching ${pattern} on ${from}`);
}

export async function discoverPages(app: string): Promise<AuditedPage[]> {
  const buyer = await signIn(app, 'buyer@globex.test');
  const supplier = await signIn(app, 'supplier@acme.test');
  const sales = await signIn(app, 'sales@vitrine.test');
  const admin = await signIn(app, 'admin@vitrine.test');

  const catalog = await firstLink(app, '/catalogs', buyer, /^\/catalogs\/[^/?]+$/);
  const category = await firstLink(app, catalog, buyer, new RegExp(`^${catalog}/(?!print|export)[^/?]+/[^?]+$`));
  const product = await firstLink(app, category, buyer, /^\/products\//);
  // A word of the product's name, so the search has results whatever the demo catalogs hold.
  const title = /<h1[^>]*>([^<]+)</.exec(await html(app, product, buyer))?.[1] ?? '';
  const word = title.split(/[^\p{L}]+/u).find((w) => w.length >= 4) ?? 'screw';
  const supplierCatalog = await firstLink(app, '/supplier', supplier, /^\/supplier\/catalogs\/\d+$/);
  const revision = await firstLink(app, supplierCatalog, supplier, /^\/supplier\/revisions\/\d+$/);
  const view = await firstLink(app, '/sales', sales, /^\/sales\/views\/\d+$/);

  return [
    { role: 'anonymous', label: 'home', path: '/' },
    { role: 'anonymous', label: 'sign-in', path: '/login' },
    { role: 'anonymous', label: 'help', path: '/help' },
    { role: 'buyer', label: 'catalogs', path: '/catalogs', cookie: buyer },
    { role: 'buyer', label: 'catalog', path: catalog, cookie: buyer },
    { role: 'buyer', label: 'category', path: category, cookie: buyer },
    { role: 'buyer', label: 'product', path: product, cookie: buyer },
    { role: 'buyer', label: 'search', path: `/search?q=${encodeURIComponent(word.toLowerCase())}`, cookie: buyer },
    { role: 'buyer', label: 'lists', path: '/lists', cookie: buyer },
    { role: 'buyer', label: 'changes', path: '/changes', cookie: buyer },
    { role: 'supplier', label: 'home', path: '/supplier', cookie: supplier },
    { role: 'supplier', label: 'catalog', path: supplierCatalog, cookie: supplier },
    { role: 'supplier', label: 'revision', path: revision, cookie: supplier },
    { role: 'sales', label: 'home', path: '/sales', cookie: sales },
    { role: 'sales', label: 'view editor', path: view, cookie: sales },
    { role: 'admin', label: 'home', path: '/admin', cookie: admin },
    { role: 'admin', label: 'users', path: '/admin/users', cookie: admin },
  ];
}
