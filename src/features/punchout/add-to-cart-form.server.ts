import type { Db } from '#db/client.ts';
import type { PunchoutVisit } from '#features/auth/punchout-visit.ts';
import { escapeHtml } from '#features/security/escape-html.ts';
import { PersonProblem } from '#kernel/person-problem.ts';
import { addToCart } from './cart.server.ts';

/** Where a form posted from `url` goes back to: the same page without the action's query. */
export function backTo(url: URL): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete('_action');
  params.delete('added');
  const query = params.toString();
  return url.pathname + (query ? `?${query}` : '');
}

/**
 * The catalog pages' and product page's "Add" form in a punchout session: the units go into the
 * session's cart, then back to the page (Post/Redirect/Get) with the line named. A quantity the
 * item is not sold in, or an item the buyer does not see, is answered with the reason.
 */
export async function addToCartFromForm(db: Db, visit: PunchoutVisit, request: Request, url: URL): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const catalogSlug = String(form?.get('catalog') ?? '');
  const sku = String(form?.get('sku') ?? '');
  const quantityText = String(form?.get('quantity') ?? '1').trim() || '1';
  try {
    const quantity = /^\d{1,7}$/.test(quantityText) ? Number(quantityText) : NaN;
    const added = await addToCart(db, visit, { catalogSlug, sku, quantity: Number.isNaN(quantity) ? -1 : quantity }, new Date());
    const back = new URL(backTo(url), url);
    back.searchParams.set('added', `${added.quantity} × ${sku}`);
    return new Response(null, { status: 303, headers: { location: back.pathname + back.search, 'cache-control': 'no-store' } });
  } catch (e) {
    if (!(e instanceof PersonProblem)) throw e;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not added · Vitrine</title></head><body><main><h1>Not added to the basket</h1><p role="alert">${escapeHtml(e.message)}</p><p><a href="${escapeHtml(backTo(url))}">Back to the page</a></p></main></body></html>`;
    return new Response(html, { status: 400, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  }
}
