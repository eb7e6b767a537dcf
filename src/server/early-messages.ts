import type { EventEmitter } from 'node:events';

/**
 * Keeps the messages `target` receives while nothing else listens for them, and hands them on
 * once something does. The jobs process starts its background work (and the listener that
 * answers heavy work, off-loop-tasks.server.ts) only when its bundle has answered a first
 * request; a task a serving process handed over in those first seconds reached no listener and
 * was lost, and its buyer waited until the task's time ran out. Returns how to hand them on: it
 * waits until another listener is there (checking every `pollMs`, at most `waitMs`), stops
 * keeping, and emits what it kept, in order.
 */
export function keepEarlyMessages(target: EventEmitter, options: { pollMs?: number; waitMs?: number } = {}): () => Promise<void> {
  const kept: unknown[] = [];
  // Listeners already there (Node's own, in a forked process) are not the one awaited.
  const alone = target.listenerCount('message') + 1;
  const keep = (message: unknown) => { if (target.listenerCount('message') === alone) kept.push(message); };
  target.on('message', keep);
  return async () => {
    const until = Date.now() + (options.waitMs ?? 60_000);
    while (target.listenerCount('message') === alone && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 50));
    target.off('message', keep);
    for (const message of kept.splice(0)) target.emit('message', message, undefined);
  };
}
