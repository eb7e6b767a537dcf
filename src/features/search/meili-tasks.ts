import type { EnqueuedTaskPromise, Task } from 'meilisearch';

/** A Meilisearch task that did not succeed, with Meilisearch's own reason. */
export class MeiliTaskFailed extends Error {
  override name = 'MeiliTaskFailed';
}

/** How long one task may take before the sync gives up and retries later. */
export const TASK_TIMEOUT_MS = 120_000;

function check(task: Task): Task {
  if (task.status !== 'succeeded') {
    const reason = task.error ? `${task.error.message} (${task.error.code})` : 'no reason given';
    throw new MeiliTaskFailed(`Meilisearch task ${task.uid} (${task.type}${task.indexUid ? ` on ${task.indexUid}` : ''}) ${task.status}: ${reason}`);
  }
  return task;
}

/** Waits for a task and throws unless it succeeded: no write is assumed done before Meilisearch says so. */
export async function awaitTask(enqueued: EnqueuedTaskPromise): Promise<Task> {
  return check(await enqueued.waitTask({ timeout: TASK_TIMEOUT_MS }));
}

/** Waits for all the tasks (e.g. document batches); throws the first failure. */
export async function awaitTasks(enqueued: readonly EnqueuedTaskPromise[]): Promise<Task[]> {
  const tasks = await Promise.all(enqueued.map((e) => e.waitTask({ timeout: TASK_TIMEOUT_MS })));
  return tasks.map(check);
}
