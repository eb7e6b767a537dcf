/**
 * A problem the person can fix (a taken email, a bad percentage, a date in the wrong order), in
 * their words. `field` names the form input it belongs beside, or null for the form as a whole.
 * Each feature names its own kind (AccountProblem, ViewProblem); the actions' one error
 * translator (src/actions/answer-problems.ts) shows any of them beside its field.
 */
export class PersonProblem extends Error {
  field: string | null;
  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = 'PersonProblem';
    this.field = field;
  }
}

/** The thing acted on does not exist (or may not be seen): pages and actions answer 404. */
export class NotFound extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFound';
  }
}
