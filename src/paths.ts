// Every URL the app links to is built here, so a route can move in one place.
export const paths = {
  home: () => '/',
  help: (slug?: string) => (slug ? `/help/${slug}` : '/help'),
  suppliers: () => '/suppliers',
  login: (next?: string) => (next ? `/login?next=${encodeURIComponent(next)}` : '/login'),
  logout: () => '/logout',
  account: () => '/account',
  catalogs: () => '/catalogs',
  supplierHome: () => '/supplier',
  salesHome: () => '/sales',
  salesCustomer: (orgId: number) => `/sales/customers/${orgId}`,
  /** Sales' item-by-item preview of a customer (a view's draft, a date), beside the catalog pages of preview(). */
  salesPreview: (orgId: number, q: { draftOf?: number; catalog?: string; text?: string; at?: string; page?: number } = {}) => {
    const params = new URLSearchParams();
    if (q.draftOf !== undefined) params.set('draft', String(q.draftOf));
    if (q.catalog) params.set('catalog', q.catalog);
    if (q.text) params.set('q', q.text);
    if (q.at) params.set('at', q.at);
    if (q.page !== undefined && q.page > 1) params.set('page', String(q.page));
    const query = params.toString();
    return `${previewBase(orgId)}/items${query ? `?${query}` : ''}`;
  },
  salesView: (viewId: number) => `/sales/views/${viewId}`,
  salesViewReview: (viewId: number) => `/sales/views/${viewId}/review`,
  salesViewCatalog: (viewId: number, catalogId: number, q?: string) => `/sales/views/${viewId}/catalogs/${catalogId}${q ? `?q=${encodeURIComponent(q)}` : ''}`,
  adminHome: () => '/admin',
  adminSettings: () => '/admin/settings',
  adminMail: () => '/admin/mail',
  forgotPassword: () => '/login/forgot',
  operatorLogo: (version: number) => `/operator-logo.png?v=${version}`,
  health: () => '/healthz',
  lists: () => '/lists',
  list: (id: number) => `/lists/${id}`,
  listExport: (id: number, format: 'csv' | 'xlsx') => `/lists/${id}/export.${format}`,
  previews: () => '/preview',
  preview: (customerOrgId: number) => browsePaths(previewBase(customerOrgId)).catalogs(),
};

/** Where sales sees a customer's catalogs as that customer does. */
export const previewBase = (customerOrgId: number) => `/preview/${customerOrgId}`;

// A SKU may contain "/": each part is encoded on its own and the product route takes the rest of the path.
const skuPath = (sku: string) => sku.split('/').map(encodeURIComponent).join('/');
const tail = (segments: readonly string[]) => (segments.length ? `/${segments.join('/')}` : '');

/**
 * The buyer's catalog pages under a base: '' for a buyer, previewBase(id) when sales previews a
 * customer, so every link of a previewed page stays in the preview. Category segments come
 * from the category tree (see browse/category-tree.ts).
 */
export function browsePaths(base = '') {
  return {
    base,
    catalogs: () => `${base}/catalogs`,
    catalog: (slug: string) => `${base}/catalogs/${slug}`,
    category: (slug: string, segments: readonly string[]) => `${base}/catalogs/${slug}${tail(segments)}`,
    print: (slug: string, segments: readonly string[] = []) => `${base}/catalogs/${slug}/print${tail(segments)}`,
    catalogExport: (slug: string, format: 'csv' | 'xlsx') => `${base}/catalogs/${slug}/export.${format}`,
    product: (slug: string, sku: string) => `${base}/products/${slug}/${skuPath(sku)}`,
    changes: (since?: string) => `${base}/changes${since ? `?since=${encodeURIComponent(since)}` : ''}`,
  };
}
export type BrowsePaths = ReturnType<typeof browsePaths>;

/** A supplier's catalogs, uploads and revisions. */
export const supplierPaths = {
  catalogs: () => '/supplier',
  catalog: (catalogId: number, page?: number) => `/supplier/catalogs/${catalogId}${page && page > 1 ? `?page=${page}` : ''}`,
  upload: (catalogId: number) => `/supplier/catalogs/${catalogId}/upload`,
  revision: (revisionId: number) => `/supplier/revisions/${revisionId}`,
  report: (revisionId: number, q: { severity?: string | null; page?: number } = {}) => `/supplier/revisions/${revisionId}/report${query(q)}`,
  reportCsv: (revisionId: number) => `/supplier/revisions/${revisionId}/report.csv`,
  diff: (revisionId: number, q: { kind?: string | null; sort?: string | null; page?: number } = {}) => `/supplier/revisions/${revisionId}/diff${query(q)}`,
  columns: (revisionId: number) => `/supplier/revisions/${revisionId}/columns`,
  /** The live revision as Vitrine's CSV or XLSX layout, or BMEcat 2005 ("xml"). */
  export: (catalogId: number, format: 'csv' | 'xlsx' | 'xml') => `/supplier/catalogs/${catalogId}/export.${format}`,
  /** The uploaded workbook with its problems marked. */
  annotated: (revisionId: number) => `/supplier/revisions/${revisionId}/annotated.xlsx`,
};

/** Where sales (base "/sales") or an admin (base "/admin") review submitted revisions. */
export function approvalPaths(base: '/sales' | '/admin') {
  return {
    queue: () => `${base}/approvals`,
    review: (revisionId: number, q: { severity?: string | null; page?: number; kind?: string | null; sort?: string | null; diffPage?: number } = {}) => `${base}/approvals/${revisionId}${query(q)}`,
  };
}

/** The JSON API for suppliers' systems (documented at openapi()). */
export const apiPaths = {
  openapi: () => '/api/v1/openapi.json',
  catalogs: () => '/api/v1/catalogs',
  catalog: (catalogId: number) => `/api/v1/catalogs/${catalogId}`,
  revisions: (catalogId: number) => `/api/v1/catalogs/${catalogId}/revisions`,
  export: (catalogId: number, format: 'csv' | 'xlsx' | 'xml') => `/api/v1/catalogs/${catalogId}/export.${format}`,
  revision: (catalogId: number, revisionId: number, action?: 'report' | 'diff' | 'publish' | 'schedule' | 'rollback' | 'discard' | 'submit' | 'columns') =>
    `/api/v1/catalogs/${catalogId}/revisions/${revisionId}${action ? `/${action}` : ''}`,
};

function query(q: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) {
    if (value === null || value === undefined || value === '' || (key.toLowerCase().endsWith('page') && value === 1)) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Where admins, suppliers and sales register their webhook endpoints and read the delivery logs. */
export function webhookPaths(area: 'admin' | 'supplier' | 'sales') {
  const base = `/${area}/webhooks`;
  return {
    list: () => base,
    endpoint: (endpointId: number) => `${base}/${endpointId}`,
  };
}
