/**
 * A problem the person can fix (a taken email, a wrong current password), in their words.
 * `field` names the form input it belongs beside, or null for the form as a whole.
 */
export class AccountProblem extends Error {
  field: string | null;
  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = 'AccountProblem';
    this.field = field;
  }
}

/** Thrown when the thing acted on does not exist (or may not be seen): pages and actions answer 404. */
export class AccountNotFound extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'AccountNotFound';
  }
}
