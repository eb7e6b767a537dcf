import type { Client, InArgs, InStatement } from '@libsql/client';
import { readsOnly } from './write-queue.ts';

/**
 * The local driver answers a read synchronously and its promise settles as a microtask, so a
 * whole page (a dozen reads and their rendering) ran as one turn of the event loop: a request
 * arriving meanwhile, even /healthz or a cached page, waited for every page begun before it.
 * Here each read outside a transaction first lets the loop take a turn (timers, new
 * connections, other requests' next steps), so work interleaves read by read and no turn is
 * longer than one read and what follows it. Writes keep their queue (write-queue.ts), and reads
 * inside a transaction run straight on: the transaction holds this process's write turn.
 */
export function readsTakeTurns(client: Client): Client {
  const execute = ((stmt: InStatement | string, args?: InArgs) => {
    const statement: InStatement = typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt;
    if (!readsOnly(statement)) return client.execute(statement);
    return new Promise((resolve) => setImmediate(resolve)).then(() => client.execute(statement));
  }) as Client['execute'];
  return new Proxy(client, {
    get(target, name) {
      if (name === 'execute') return execute;
      const value = Reflect.get(target, name, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
