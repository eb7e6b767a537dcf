import type { MiddlewareHandler } from 'astro';
import { getActionContext } from 'astro:actions';
import { cookieIsSecure } from '#features/auth/session-cookie.ts';
import { keepFormOutcome, takeFormOutcome, type FormOutcome } from '#server/form-results.server.ts';
import { FORM_OUTCOME_COOKIE } from '#server/form-outcome-cookie.ts';
import type { AppDb } from './app-db.ts';

/** A place on the page to come back to (`_anchor` in a form): an element id, nothing else. */
const ANCHOR = /^[A-Za-z][\w-]{0,100}$/;

/**
 * A failed sign-in answers on the very request: its 401 or 429 is what password managers, log
 * watchers and the throttle's own tests read, and it changed nothing a reload could repeat.
 */
const ERRORS_ANSWERED_IN_PLACE = new Set(['auth.signIn']);

/** Fields never written down, even encrypted: what would be a secret on a shared computer. */
const UNKEPT = /password|secret|token|^_/i;

/**
 * Post/Redirect/Get for every form, once: a form posted to `?_action=…` runs its action here,
 * then the browser is sent (303) to the same page without `_action`, at the form's `_anchor`, so
 * a reload never submits it again. The outcome (and, after an error, what was typed) waits for
 * that GET, where pages read it as before with `Astro.getActionResult` and `locals.keptForm`.
 * An action that names where to go next (`redirectTo`) is followed instead.
 */
export function postRedirectGet(db: AppDb): MiddlewareHandler {
  return async (context, next) => {
    const { action, setActionResult, serializeActionResult } = getActionContext(context);
    const here = new URL(context.url);
    here.searchParams.delete('_action');
    const page = here.pathname + here.search;

    if (action?.calledFrom === 'form') {
      const form = await context.request.clone().formData().catch(() => null);
      const result = await action.handler();
      if (result.error && ERRORS_ANSWERED_IN_PLACE.has(action.name)) {
        setActionResult(action.name, serializeActionResult(result));
        return next();
      }
      const data = result.error ? undefined : (result.data as { redirectTo?: unknown } | undefined);
      if (typeof data?.redirectTo === 'string' && data.redirectTo.startsWith('/') && !data.redirectTo.startsWith('//')) {
        return context.redirect(data.redirectTo, 303);
      }
      const outcome: FormOutcome = { action: action.name, result: serializeActionResult(result), typed: result.error ? typedFields(form) : {}, page };
      const token = await keepFormOutcome(await db(), outcome, Date.now());
      context.cookies.set(FORM_OUTCOME_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: cookieIsSecure(context.url), path: '/', maxAge: 300 });
      const anchor = form?.get('_anchor');
      return context.redirect(page + (typeof anchor === 'string' && ANCHOR.test(anchor) ? `#${anchor}` : ''), 303);
    }

    const token = context.cookies.get(FORM_OUTCOME_COOKIE)?.value;
    if (token && context.request.method === 'GET') {
      const outcome = await takeFormOutcome(await db(), token, page, Date.now());
      if (outcome) {
        context.cookies.delete(FORM_OUTCOME_COOKIE, { path: '/' });
        setActionResult(outcome.action, outcome.result as Parameters<typeof setActionResult>[1]);
        context.locals.keptForm = outcome.typed;
        context.locals.formOutcomeShown = true;
      }
    }
    return next();
  };
}

function typedFields(form: FormData | null): Record<string, string[]> {
  const typed: Record<string, string[]> = {};
  for (const [name, value] of form ?? []) {
    if (typeof value !== 'string' || UNKEPT.test(name)) continue;
    (typed[name] ??= []).push(value);
  }
  return typed;
}
