import { PersonProblem } from '#kernel/person-problem.ts';

/**
 * Something about a list request the buyer can fix (an empty name, a quantity under the
 * minimum), in their words. `field` names the form input it belongs beside, or null.
 */
export class ListProblem extends PersonProblem {
  constructor(message: string, field: string | null = null) {
    super(message, field);
    this.name = 'ListProblem';
  }
}

/** The list (or line) does not exist or belongs to someone else: answered as not found. */
export class ListNotFound extends Error {
  constructor() {
    super('list not found');
    this.name = 'ListNotFound';
  }
}

export const MAX_QUANTITY = 1_000_000;
export const MAX_LIST_NAME = 80;
