import type { MiddlewareHandler } from 'astro';
import { punchoutMayOpen } from '#features/auth/punchout-visit.ts';
import { addToCartFromForm } from '#features/punchout/add-to-cart-form.server.ts';
import type { AppDb } from './app-db.ts';

/**
 * A punchout session reaches browsing, search, product pages and its cart, nothing else (see
 * auth/punchout-visit.ts). The catalog pages' "Add" forms post the lists action; for a
 * punchout session that lands in its cart instead, and every other form action is refused.
 */
export function confinePunchoutVisit(db: AppDb): MiddlewareHandler {
  return async (context, next) => {
    const visit = context.locals.punchout;
    if (!visit) return next();
    if (!punchoutMayOpen(context.routePattern)) return context.rewrite('/404');
    const action = context.url.searchParams.get('_action');
    if (action === null) return next();
    if (context.request.method !== 'POST' || action !== 'lists.addItem') return context.rewrite('/404');
    return addToCartFromForm(await db(), visit, context.request, context.url);
  };
}
