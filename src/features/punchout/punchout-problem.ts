import { PersonProblem } from '#kernel/person-problem.ts';

/**
 * A setup or transfer refused, in words the procurement system's operator can act on.
 * `status` is the cXML status code it is answered with (401 for credentials, 400 otherwise).
 */
export class PunchoutProblem extends PersonProblem {
  status: 400 | 401;
  constructor(message: string, status: 400 | 401 = 400, field: string | null = null) {
    super(message, field);
    this.name = 'PunchoutProblem';
    this.status = status;
  }
}
