import type { APIContext } from 'astro';
import type { Db } from '#db/client.ts';
import { PUNCHOUT_COOKIES } from '#features/auth/punchout-visit.ts';
import { transferBasket } from '#features/punchout/transfer.server.ts';
import { transferPageHtml } from '#features/punchout/transfer-page.ts';
import { PunchoutProblem } from '#features/punchout/punchout-problem.ts';
import { linkOrigin } from '#features/security/deployment-settings.ts';
import { escapeHtml } from '#features/security/escape-html.ts';
import { policyAllowingFormTo } from '#server/security-headers.ts';

// Not a route (Astro skips files starting with "_"): the transfer and cancel endpoints' answer.
// Only a punchout session may transfer; a basket that cannot go is answered with the reason and
// a way back to it (the session stays open).
export async function answerTransfer(db: Db, ctx: APIContext, cancel: boolean): Promise<Response> {
  const visit = ctx.locals.punchout;
  if (!visit) return ctx.rewrite('/404');
  try {
    const form = await transferBasket(db, visit, linkOrigin(), new Date(), cancel);
    for (const name of PUNCHOUT_COOKIES) if (ctx.cookies.has(name)) ctx.cookies.delete(name, { path: '/', secure: name !== PUNCHOUT_COOKIES[1] });
    return new Response(transferPageHtml(form, visit.systemName, cancel), {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': policyAllowingFormTo(new URL(form.returnUrl).origin) },
    });
  } catch (e) {
    if (!(e instanceof PunchoutProblem)) throw e;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Basket not transferred · Vitrine</title></head><body><main><h1>The basket was not transferred</h1><p role="alert">${escapeHtml(e.message)}</p><p><a href="/punchout/cart">Back to the basket</a></p></main></body></html>`;
    return new Response(html, { status: 400, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  }
}
