import { AccountNotFound, AccountProblem } from '../accounts/account-problem.ts';

/**
 * A problem with a view that sales can fix (a bad percentage, a date in the wrong order, a
 * draft changed by someone else), in their words. It is an AccountProblem so the actions' one
 * error translator (src/actions/answer-problems.ts) shows it beside its field or as the form's message.
 */
export class ViewProblem extends AccountProblem {
  constructor(message: string, field: string | null = null) {
    super(message, field);
    this.name = 'ViewProblem';
  }
}

/** The view, customer or catalog acted on does not exist: pages and actions answer 404. */
export class ViewNotFound extends AccountNotFound {
  constructor(what: string) {
    super(what);
    this.name = 'ViewNotFound';
  }
}
