import type { APIRoute } from 'astro';
import { exportBrowseCatalog } from '#src/pages/_browse/catalog-export.server.ts';

// The whole catalog as the buyer (or the previewed customer) sees it, as CSV or XLSX.
export const GET: APIRoute = (context) => exportBrowseCatalog(context);
