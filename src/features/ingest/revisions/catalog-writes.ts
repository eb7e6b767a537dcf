/**
 * Catalog writes that span awaits (publishing, rolling back, the scheduler, discarding,
 * re-mapping, the upload reader's batches) take turns through this in-process queue, so one
 * catalog flow finishes its steps before the next starts. (That no write of this process waits
 * for a lock synchronously — libSQL's local driver would block the event loop and fail with
 * SQLITE_BUSY — the database client sees to for every write: db/write-queue.ts.) The
 * reader's short batches are retried when another process held the lock.
 */
let tail: Promise<unknown> = Promise.resolve();

export function withCatalogWrites<T>(work: () => Promise<T>): Promise<T> {
  const run = tail.then(work, work);
  tail = run.then(() => undefined, () => undefined);
  return run;
}

function isBusy(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY' || /database is locked/i.test(e.message)) return true;
  }
  return false;
}

/** Runs a short write again when the database was locked by another writer meanwhile. */
export async function retryWhenBusy<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (!isBusy(e) || attempt >= attempts) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
