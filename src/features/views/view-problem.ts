import { NotFound, PersonProblem } from '#kernel/person-problem.ts';

/**
 * A problem with a view that sales can fix (a bad percentage, a date in the wrong order, a
 * draft changed by someone else), in their words.
 */
export class ViewProblem extends PersonProblem {
  constructor(message: string, field: string | null = null) {
    super(message, field);
    this.name = 'ViewProblem';
  }
}

/** The view, customer or catalog acted on does not exist: pages and actions answer 404. */
export class ViewNotFound extends NotFound {
  constructor(what: string) {
    super(what);
    this.name = 'ViewNotFound';
  }
}
