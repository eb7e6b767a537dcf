import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Resolves once the event loop has run its timers and polled for I/O. One setImmediate is not
 * enough: called from an I/O callback (a request, a read thread's answer), it runs in the same
 * loop iteration's check phase, before any timer; the second runs one iteration later.
 */
export async function pastTheTimers(): Promise<void> {
  await nextTurn();
  await nextTurn();
}
