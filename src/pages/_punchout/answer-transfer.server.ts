import type { APIContext } from 'astro';
import type { Db } from '#db/client.ts';
import { PUNCHOUT_COOKIE } from '#features/auth/punchout-visit.ts';
import { transferBasket } from '#features/punchout/transfer.server.ts';
import { transferPageHtml } from '#features/punchout/transfer-page.ts';
import { PunchoutProblem } from '#features/punchout/punchout-problem.ts';
import { linkOrigin } from '#features/security/deployment-settings.ts';
import { policyAllowingFormTo } from '#server/security-headers.ts';

// Not a route (Astro skips files starting with "_"): the transfer and cancel endpoints' answer.
// Only a punchout session may transfer; a problem goes back to the basket, which names it.
export async function answerTransfer(db: Db, ctx: APIContext, cancel: boolean): Promise<Response> {
  const visit = ctx.locals.punchout;
  if (!visit) return ctx.rewrite('/404');
  try {
    const form = await transferBasket(db, visit, linkOrigin(), new Date(), cancel);
    ctx.cookies.delete(PUNCHOUT_COOKIE, { path: '/' });
    return new Response(transferPageHtml(form, visit.systemName, cancel), {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': policyAllowingFormTo(new URL(form.returnUrl).origin) },
    });
  } catch (e) {
    if (!(e instanceof PunchoutProblem)) throw e;
    return ctx.redirect(`/punchout/cart?problem=${encodeURIComponent(e.message)}`, 303);
  }
}
