import { NotFound, PersonProblem } from './person-problem.ts';

/**
 * Heavy work a request asks for (making a revision live, publishing a view) runs in the process
 * that does the background work when the server runs as several (src/server/off-loop-tasks.server.ts),
 * so no serving event loop is held up by it; the request waits for the answer. In a single
 * process, and wherever no carrier is set (tests, scripts), it runs here.
 */
export type OffLoopCarrier = (name: string, input: unknown) => Promise<unknown>;

let carrier: OffLoopCarrier | null = null;

export function carryHeavyWorkWith(next: OffLoopCarrier | null): void {
  carrier = next;
}

/** Runs the task named `name` with `input` where heavy work runs; `here` is the same task in this process. */
export function offLoop<I, O>(name: string, input: I, here: (input: I) => Promise<O>): Promise<O> {
  return carrier ? (carrier(name, input) as Promise<O>) : here(input);
}

/** An error as it crosses between processes: problems a person can fix keep their message and field. */
export interface CarriedError { kind: 'person' | 'not-found' | 'other'; name: string; message: string; field: string | null }

export function carryError(error: unknown): CarriedError {
  const e = error instanceof Error ? error : new Error(String(error));
  const kind = e instanceof PersonProblem ? 'person' : e instanceof NotFound ? 'not-found' : 'other';
  return { kind, name: e.constructor.name, message: e.message, field: e instanceof PersonProblem ? e.field : null };
}

/** The error again on this side: a PersonProblem or NotFound as such, any other as an Error named like the original class. */
export function restoreError(carried: CarriedError): Error {
  const error = carried.kind === 'person' ? new PersonProblem(carried.message, carried.field)
    : carried.kind === 'not-found' ? Object.assign(new NotFound(''), { message: carried.message })
    : new Error(carried.message);
  error.name = carried.name;
  return error;
}
