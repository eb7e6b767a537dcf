import { readFile } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { expect, test } from 'vitest';
import { pastTheTimers } from './past-the-timers.ts';

/** Runs `work` from an I/O callback (the poll phase), as a request's or a read thread's answer runs, with a timer already due. */
function fromIoWithTimerDue(work: (order: string[]) => Promise<void>): Promise<string[]> {
  return new Promise((done, fail) => {
    readFile(import.meta.filename, () => {
      const order: string[] = [];
      setTimeout(() => order.push('timer'), 0);
      const until = performance.now() + 3;
      while (performance.now() < until) { /* the timer falls due */ }
      // The order is read once the timer has surely run too.
      work(order).then(() => setTimeout(() => done(order), 5), fail);
    });
  });
}

test('from an I/O callback, a timer that is due runs before pastTheTimers resolves', async () => {
  const order = await fromIoWithTimerDue(async (o) => { await pastTheTimers(); o.push('after'); });
  expect(order).toEqual(['timer', 'after']);
});

test('one setImmediate alone would not let it run first: it resolves in the same loop iteration', async () => {
  const order = await fromIoWithTimerDue(async (o) => { await nextTurn(); o.push('after'); });
  expect(order).toEqual(['after', 'timer']);
});
