import { EventEmitter } from 'node:events';
import { expect, test } from 'vitest';
import { keepEarlyMessages } from './early-messages.ts';

test('messages that came before anyone listened reach the listener once it is there, in order, and later ones once', async () => {
  const target = new EventEmitter();
  target.on('message', () => undefined); // one that was there before, as Node's own in a forked process
  const handOn = keepEarlyMessages(target, { pollMs: 5 });
  target.emit('message', { task: 1 });
  target.emit('message', { task: 2 });
  const heard: unknown[] = [];
  const handedOn = handOn();
  setTimeout(() => {
    target.on('message', (m) => heard.push(m));
    target.emit('message', { task: 3 }); // the listener is there: heard straight away, not kept
  }, 20);
  await handedOn;
  target.emit('message', { task: 4 });
  expect(heard).toEqual([{ task: 3 }, { task: 1 }, { task: 2 }, { task: 4 }]);
  expect(target.listenerCount('message')).toBe(2);
});

test('with no listener coming, it stops keeping after its wait and hands on into nothing', async () => {
  const target = new EventEmitter();
  const handOn = keepEarlyMessages(target, { pollMs: 5, waitMs: 30 });
  target.emit('message', 'early');
  await handOn();
  expect(target.listenerCount('message')).toBe(0);
});
