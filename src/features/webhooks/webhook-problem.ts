import { PersonProblem } from '#kernel/person-problem.ts';

/** A problem with an endpoint its owner can fix (a URL that is not https, no event chosen), in their words. */
export class WebhookProblem extends PersonProblem {
  constructor(message: string, field: string | null = null) {
    super(message, field);
    this.name = 'WebhookProblem';
  }
}
