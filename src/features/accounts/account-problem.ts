import { NotFound, PersonProblem } from '#kernel/person-problem.ts';

/** A problem with an account, invitation or organization the person can fix, in their words. */
export class AccountProblem extends PersonProblem {
  constructor(message: string, field: string | null = null) {
    super(message, field);
    this.name = 'AccountProblem';
  }
}

/** The user, organization or link acted on does not exist: pages and actions answer 404. */
export class AccountNotFound extends NotFound {
  constructor(what: string) {
    super(what);
    this.name = 'AccountNotFound';
  }
}
