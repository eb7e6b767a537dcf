import { ActionError } from 'astro:actions';
import { NotFound, PersonProblem } from '#kernel/person-problem.ts';

/**
 * An ActionError that travels like a failed input validation (Astro's wire format for those is
 * `{ type: 'AstroActionInputError', issues }`), so the page shows it beside its field with the
 * zod errors. Astro does not export its own ActionInputError constructor.
 */
export class FieldActionError extends ActionError {
  issues: Array<{ code: 'custom'; path: string[]; message: string }>;
  constructor(field: string, message: string) {
    super({ code: 'BAD_REQUEST', message });
    this.type = 'AstroActionInputError';
    this.issues = [{ code: 'custom', path: [field], message }];
  }
}

/**
 * Runs an action's work and turns feature errors into what the form shows: a problem the person
 * can fix in their words, 404 for what does not exist, and a plain apology (logged) for the rest,
 * so raw exception text never reaches a page.
 */
export async function answerProblems<T>(actionName: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ActionError) throw e;
    if (e instanceof PersonProblem) throw e.field ? new FieldActionError(e.field, e.message) : new ActionError({ code: 'BAD_REQUEST', message: e.message });
    if (e instanceof NotFound) throw new ActionError({ code: 'NOT_FOUND', message: 'Not found.' });
    const reference = crypto.randomUUID().slice(0, 8);
    console.error(`action ${actionName} failed (reference ${reference})`, e);
    throw new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: `Something went wrong on our side and nothing was changed. Please try again; if it keeps happening, quote reference ${reference}.` });
  }
}
