/**
 * Something about a revision or catalog the person can fix or should know (errors remain, the
 * time is in the past), in their words. `field` names the form input it belongs beside, or
 * null for the form as a whole. `status` is what the JSON API answers with.
 */
export class RevisionProblem extends Error {
  override name = 'RevisionProblem';
  readonly field: string | null;
  readonly status: 400 | 409;
  constructor(message: string, options: { field?: string | null; status?: 400 | 409 } = {}) {
    super(message);
    this.field = options.field ?? null;
    this.status = options.status ?? 409;
  }
}

/** The revision or catalog does not exist, or the person may not see it: answered as 404. */
export class RevisionNotFound extends Error {
  override name = 'RevisionNotFound';
  constructor() {
    super('Not found.');
  }
}
