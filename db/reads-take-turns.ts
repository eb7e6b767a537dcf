import type { Client, InArgs, InStatement } from '@libsql/client';
import { readsOnly } from './write-queue.ts';
import { overrideMethods, statementOf } from './override-methods.ts';

/**
 * The local driver answers a read synchronously and its promise settles as a microtask, so a
 * whole page (a dozen reads and their rendering) ran as one turn of the event loop: a request
 * arriving meanwhile, even /healthz or a cached page, waited for every page begun before it.
 * Here a read outside a transaction waits for a later pass of the loop once the current pass
 * has used its budget (nextTurn below), so work interleaves between requests and no pass runs
 * much longer than the budget and one step of a request. Writes keep their queue
 * (write-queue.ts), and reads inside a transaction run straight on: the transaction holds this
 * process's write turn.
 */
export function readsTakeTurns(client: Client): Client {
  const execute = ((stmt: InStatement | string, args?: InArgs) => {
    const statement = statementOf(stmt, args);
    if (!readsOnly(statement)) return client.execute(statement);
    const turn = nextTurn();
    return turn ? turn.then(() => client.execute(statement)) : client.execute(statement);
  }) as Client['execute'];
  return overrideMethods(client, { execute });
}

// How much of one pass of the event loop the reads' continuations may take. Each continuation
// queued for a pass used to run in it, so with a dozen requests in flight one pass lasted as
// long as all their next steps together and timers (and new connections) waited that long.
const PASS_BUDGET_MS = 4;

let passStarted = 0;
let passMarked = false;

function markPass(): void {
  passMarked = false;
  passStarted = performance.now();
}

/**
 * Null while the current pass is within its budget: the read runs at once, so a request does
 * several reads in one pass rather than one read a pass (with a dozen requests in flight a pass
 * lasts milliseconds, and a page of fifteen reads waited fifteen of them). Otherwise a promise
 * that resolves in a later pass of the event loop's check phase, once the reads ahead of it in
 * that pass have had at most PASS_BUDGET_MS. A marker queued ahead of each pass's waiters notes
 * when the pass began. A waiter that is put off goes behind the next steps of requests already
 * under way, so those finish first rather than every request slowing down together.
 */
function nextTurn(): Promise<void> | null {
  if (performance.now() - passStarted <= PASS_BUDGET_MS) return null;
  return new Promise((resolve) => wait(resolve));
}

function wait(resolve: () => void): void {
  if (!passMarked) {
    passMarked = true;
    setImmediate(markPass);
  }
  setImmediate(() => {
    if (performance.now() - passStarted > PASS_BUDGET_MS) wait(resolve);
    else resolve();
  });
}
