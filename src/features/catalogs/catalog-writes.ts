/**
 * libSQL's local driver waits for a database lock synchronously, blocking the event loop: when
 * one write transaction of this process is open across an `await` and a second write of this
 * process starts, the first can never finish and the second fails with SQLITE_BUSY after the busy
 * timeout. Catalog writes that span awaits (publishing, rolling back, the scheduler, discarding,
 * re-mapping, the upload reader's batches) therefore take turns through this in-process queue,
 * and the reader's short batches are retried when another writer held the lock.
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
