import { sequence } from 'astro:middleware';
import { PUBLIC_URL, TRUSTED_PROXIES, HSTS_INCLUDE_SUBDOMAINS, HEALTHZ_TOKEN } from 'astro:env/server';
import { configureDeployment } from '#features/security/deployment-settings.ts';
import { getApp } from '#src/app.server.ts';
import { installFastLane } from '#server/fast-lane.server.ts';
import { carryToJobsProcess } from '#server/off-loop-tasks.server.ts';
import { getSearchService } from '#server/search-service.server.ts';
import { holdWritesDuringJobsWrites } from '#server/long-write-signal.server.ts';
import { carryHeavyWorkWith } from '#kernel/off-loop.ts';
import { processRole } from '#kernel/process-role.ts';
import type { AppDb } from '#server/middleware/app-db.ts';
import { resetLocals } from '#server/middleware/reset-locals.ts';
import { onDemandOnly } from '#server/middleware/on-demand-only.ts';
import { addSecurityHeaders } from '#server/middleware/add-security-headers.ts';
import { keepPrivatePagesOutOfCaches } from '#server/middleware/keep-private-pages-out-of-caches.ts';
import { authenticateBearer } from '#server/middleware/authenticate-bearer.ts';
import { refuseCrossSite } from '#server/middleware/refuse-cross-site.ts';
import { resolveSession } from '#server/middleware/resolve-session.ts';
import { noteRouteForLog, noteUserForLog } from '#server/middleware/note-request-for-log.ts';
import { checkRouteAccess } from '#server/middleware/check-route-access.ts';
import { resolvePunchoutVisitStep } from '#server/middleware/resolve-punchout-visit.ts';
import { confinePunchoutVisit } from '#server/middleware/confine-punchout-visit.ts';
import { forgetMemosAfterChange } from '#server/middleware/forget-memos-after-change.ts';
import { keepTemplateForFastLane } from '#server/middleware/keep-template-for-fast-lane.ts';
import { postRedirectGet } from '#server/middleware/post-redirect-get.ts';

// The steps reach the database through the composition root, opened on the first request.
const db: AppDb = async () => (await getApp()).database.db;

installFastLane(db);
// A serving process of several hands heavy work (publishing) to the jobs process (src/server/cluster.server.ts).
if (processRole() === 'web') {
  carryHeavyWorkWith(carryToJobsProcess());
  // …and holds its own writes back while the jobs process writes (long-write-signal.server.ts).
  holdWritesDuringJobsWrites();
  // …and reads the search index ahead of its first buyer, and again after each change of it.
  getSearchService().catch((e: unknown) => console.error('search: the search service did not start ahead of the first search', e));
}
configureDeployment({ PUBLIC_URL, TRUSTED_PROXIES, HSTS_INCLUDE_SUBDOMAINS, HEALTHZ_TOKEN });

/**
 * Every request Astro renders, in this order (docs/request-pipeline.md). A step answers early
 * (a refusal, a redirect) or passes on; the last ones act on the page's answer on its way out.
 */
export const onRequest = sequence(
  resetLocals,
  onDemandOnly(sequence(
    noteRouteForLog,
    addSecurityHeaders,
    keepPrivatePagesOutOfCaches,
    authenticateBearer(db),
    refuseCrossSite,
    resolveSession(db),
    resolvePunchoutVisitStep(db),
    noteUserForLog,
    confinePunchoutVisit(db),
    checkRouteAccess,
    forgetMemosAfterChange,
    keepTemplateForFastLane,
    postRedirectGet(db),
  )),
);
