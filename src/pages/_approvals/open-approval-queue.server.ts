import type { AstroGlobal } from 'astro';
import { getApp } from '#src/app.server.ts';
import { listPendingApprovals, listRecentDecisions } from '#features/catalogs/approval-queue.server.ts';

// Not a route (Astro skips files starting with "_"): the queue for sales' and admins' twin pages.
export async function openApprovalQueue(astro: AstroGlobal) {
  const { database } = await getApp();
  const [pending, recent] = await Promise.all([listPendingApprovals(database.db), listRecentDecisions(database.db)]);
  astro.response.headers.set('cache-control', 'no-store');
  return { pending, recent };
}
