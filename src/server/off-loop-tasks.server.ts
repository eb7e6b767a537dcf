import type { Db } from '#db/client.ts';
import { goLiveHere } from '#features/catalogs/publish-now.server.ts';
import { publishViewHere } from '#features/views/publish-view.server.ts';
import { buyerCatalogExportFile } from '#features/exports/buyer-catalog-file.server.ts';
import { listExportFile } from '#features/exports/list-export-file.server.ts';
import { annotatedWorkbookFile, liveCatalogExportFile } from '#features/exports/supplier-downloads.server.ts';
import { changeGroupHere } from '#features/browse/change-groups.server.ts';
import { priceOrderHere } from '#features/visibility/price-order.server.ts';
import { logger } from '#features/observability/logger.server.ts';
import { carryError, restoreError, type OffLoopCarrier } from '#kernel/off-loop.ts';
import { isTaskDoneMessage, isTaskMessage, type TaskDoneMessage, type TaskMessage } from './task-messages.ts';

/** The heavy work a serving process may hand over, by the name #kernel/off-loop.ts offLoop gives it. */
const TASKS: Record<string, (db: Db, input: never) => Promise<unknown>> = {
  'catalogs.go-live': goLiveHere,
  'views.publish': publishViewHere,
  'exports.buyer-catalog': buyerCatalogExportFile,
  'exports.supplier-catalog': liveCatalogExportFile,
  'exports.list': listExportFile,
  'exports.annotated-workbook': annotatedWorkbookFile,
  'browse.change-group': changeGroupHere,
  'browse.price-order': priceOrderHere,
};

const WAIT_MS = 10 * 60_000;

/** In a serving process: sends heavy work to the jobs process and waits for its answer. */
export function carryToJobsProcess(): OffLoopCarrier {
  let next = 1;
  const waiting = new Map<number, { done: (value: unknown) => void; fail: (error: Error) => void }>();
  process.on('message', (message: unknown) => {
    if (!isTaskDoneMessage(message)) return;
    const waiter = waiting.get(message.id);
    waiting.delete(message.id);
    if (!waiter) return;
    if (message.ok) waiter.done(message.value);
    else waiter.fail(restoreError(message.error));
  });
  return (name, input) => new Promise((done, fail) => {
    const id = next++;
    const timer = setTimeout(() => {
      waiting.delete(id);
      fail(new Error(`The background process did not finish "${name}" within ${WAIT_MS / 60_000} minutes.`));
    }, WAIT_MS);
    timer.unref();
    waiting.set(id, { done: (v) => { clearTimeout(timer); done(v); }, fail: (e) => { clearTimeout(timer); fail(e); } });
    process.send!({ kind: 'vitrine:task', id, name, input } satisfies TaskMessage);
  });
}

/** In the jobs process: does the heavy work serving processes hand over, one task after the other as it arrives. */
export function answerHeavyWork(db: Db): void {
  process.on('message', (message: unknown) => {
    if (!isTaskMessage(message) || !process.send) return;
    const task = TASKS[message.name];
    const started = Date.now();
    const run = task ? task(db, message.input as never) : Promise.reject(new Error(`unknown task ${message.name}`));
    run.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error: carryError(error) }),
    ).then((outcome) => {
      logger.info({ job: message.name, status: outcome.ok ? 'done' : 'refused', ms: Date.now() - started }, 'heavy work for a serving process');
      process.send!({ kind: 'vitrine:task-done', id: message.id, origin: message.origin, ...outcome } satisfies TaskDoneMessage);
    });
  });
}
