// What the scanners aim at: every buyer page that reads the URL and every buyer form, then the
// supplier's. Real ids (a list with a line, a catalog, a revision) are made or read first, so each
// request reaches the code behind it instead of stopping at a 404.
import type { SqlmapTarget } from './sqlmap.ts';

export interface BuyerFixture { listId: number; spareListId: number; lineId: number; spareLineId: number; sku: string }
export interface SupplierFixture { catalogId: number; revisionId: number }

async function post(base: string, cookie: string, path: string, form: Record<string, string>): Promise<Response> {
  const res = await fetch(base + path, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(form),
    headers: { cookie, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
  });
  await res.arrayBuffer();
  if (res.status >= 400) throw new Error(`preparing the scan: POST ${path} answered ${res.status}`);
  return res;
}

async function page(base: string, cookie: string, path: string): Promise<string> {
  const res = await fetch(base + path, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`preparing the scan: ${path} answered ${res.status}`);
  return res.text();
}

function listIds(html: string): number[] {
  return [...new Set([...html.matchAll(/href="\/lists\/(\d+)"/g)].map((m) => Number(m[1])))];
}

/** Two lists of the buyer's own, one with a line, so the list forms have real ids to work on. */
export async function prepareBuyer(base: string, cookie: string): Promise<BuyerFixture> {
  const sku = /href="\/products\/fasteners-2027\/([^"/]+)"/.exec(await page(base, cookie, '/search?q=screw'))?.[1];
  if (!sku) throw new Error('preparing the scan: the search for "screw" shows no Fasteners 2027 product');
  await post(base, cookie, '/lists?_action=lists.create', { name: 'Scanned list' });
  await post(base, cookie, '/lists?_action=lists.create', { name: 'Spare list' });
  const [listId, spareListId] = listIds(await page(base, cookie, '/lists')).sort((a, b) => a - b);
  if (!listId || !spareListId) throw new Error('preparing the scan: the new lists are not on /lists');
  const lineOf = async (list: number) => {
    await post(base, cookie, '/catalogs/fasteners-2027?_action=lists.addItem', { catalog: 'fasteners-2027', sku: decodeURIComponent(sku), quantity: '5', list: String(list) });
    const lineId = Number(/name="lineId"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="lineId"/.exec(await page(base, cookie, `/lists/${list}`))?.slice(1).find(Boolean));
    if (!lineId) throw new Error('preparing the scan: the list shows no line after adding one');
    return lineId;
  };
  return { listId, spareListId, lineId: await lineOf(listId), spareLineId: await lineOf(spareListId), sku };
}

export async function prepareSupplier(base: string, cookie: string): Promise<SupplierFixture> {
  const html = await page(base, cookie, '/supplier');
  const catalogId = Number(/href="\/supplier\/catalogs\/(\d+)"/.exec(html)?.[1]);
  const revisionId = Number(/href="\/supplier\/revisions\/(\d+)"/.exec(html)?.[1]);
  if (!catalogId || !revisionId) throw new Error('preparing the scan: /supplier links to no catalog or revision');
  return { catalogId, revisionId };
}

export function buyerTargets(base: string, f: BuyerFixture): SqlmapTarget[] {
  return [
    { label: 'search: words, facets, price, sort, page', url: `${base}/search?q=screw&supplier=acme-fasteners&catalog=fasteners-2027&category=Screws&maker=Acme+Fasteners&price=EUR:2-5&sort=name&page=1`, params: ['q', 'supplier', 'catalog', 'category', 'maker', 'price', 'sort', 'page'] },
    { label: 'category page: sort, layout, page', url: `${base}/catalogs/fasteners-2027/screws?sort=price&layout=grid&page=1`, params: ['sort', 'layout', 'page'] },
    { label: 'category page: catalog and category in the path', url: `${base}/catalogs/fasteners-2027*/screws*/wood-screws*` },
    { label: 'product page: catalog and SKU in the path', url: `${base}/products/fasteners-2027*/${f.sku}*` },
    { label: 'changes since a date', url: `${base}/changes?since=2027-01-01`, params: ['since'] },
    { label: 'list page: id in the path', url: `${base}/lists/${f.listId}*` },
    { label: 'form: create a list', url: `${base}/lists?_action=lists.create`, data: 'name=Scanned', params: ['name'] },
    { label: 'form: rename a list', url: `${base}/lists/${f.listId}?_action=lists.rename`, data: `listId=${f.listId}&name=Renamed`, params: ['listId', 'name'] },
    { label: 'form: add to a list', url: `${base}/catalogs/fasteners-2027?_action=lists.addItem`, data: `catalog=fasteners-2027&sku=${f.sku}&quantity=2&list=${f.listId}&newListName=`, params: ['catalog', 'sku', 'quantity', 'list', 'newListName'] },
    { label: 'form: change quantities', url: `${base}/lists/${f.listId}?_action=lists.updateQuantities`, data: `listId=${f.listId}&lineId=${f.lineId}&quantity=3`, params: ['listId', 'lineId', 'quantity'] },
    { label: 'form: quick order', url: `${base}/lists?_action=lists.quickOrder`, data: `lines=${f.sku}%203&list=${f.listId}&newListName=`, params: ['lines', 'list', 'newListName'] },
    // The first request of these two removes what they name; the rest answer 404 ("does not exist").
    { label: 'form: remove a line', url: `${base}/lists/${f.spareListId}?_action=lists.removeLine`, data: `listId=${f.spareListId}&line=${f.spareLineId}`, params: ['listId', 'line'], ignore404: true },
    { label: 'form: delete a list', url: `${base}/lists?_action=lists.remove`, data: `listId=${f.spareListId}`, params: ['listId'], ignore404: true },
    { label: 'form: name an API token', url: `${base}/account/tokens?_action=apiTokens.create`, data: 'name=ERP', params: ['name'] },
    { label: 'form: change password', url: `${base}/account?_action=ownAccount.changePassword`, data: 'currentPassword=wrong-password&newPassword=another-pass-2027&confirmPassword=another-pass-2027', params: ['currentPassword'] },
    // Last: failed sign-ins count towards the per-address limit (the scan's sessions were opened before).
    { label: 'form: sign in', url: `${base}/login?_action=auth.signIn`, data: 'email=nobody%40scan.test&password=wrong&next=%2Fcatalogs', params: ['email', 'password', 'next'] },
  ];
}

export function supplierTargets(base: string, f: SupplierFixture): SqlmapTarget[] {
  return [
    { label: 'supplier catalog: id, page', url: `${base}/supplier/catalogs/${f.catalogId}*?page=1`, params: ['page'] },
    { label: 'revision report: severity, page', url: `${base}/supplier/revisions/${f.revisionId}/report?severity=error&page=1`, params: ['severity', 'page'] },
    { label: 'revision diff: kind, sort, page', url: `${base}/supplier/revisions/${f.revisionId}*/diff?kind=changed&sort=sku&page=1`, params: ['kind', 'sort', 'page'] },
    { label: 'form: new catalog', url: `${base}/supplier?_action=revisions.createCatalog`, data: 'name=Scanned+catalog&currency=EUR', params: ['name', 'currency'] },
    { label: 'form: discard a revision', url: `${base}/supplier/revisions/${f.revisionId}?_action=revisions.discard`, data: `revisionId=${f.revisionId}`, params: ['revisionId'], ignore404: true },
  ];
}

/** Every form the scan posts to, for the cross-origin check. */
export function formPaths(targets: SqlmapTarget[]): Array<{ label: string; path: string; data: string }> {
  return targets.filter((t) => t.data !== undefined).map((t) => ({ label: t.label, path: new URL(t.url).pathname + new URL(t.url).search, data: t.data! }));
}
