import type { Db } from '#db/client.ts';

/** How a step reaches the database: asked for on each request, so the process opens it lazily, once. */
export type AppDb = () => Promise<Db>;

/**
 * `use` with the database: at once when it is already open, else once it is (the fast lane
 * answers a cached page without a promise when it can, http-front.server.ts).
 */
export type WithDb = <T>(use: (db: Db) => T) => T | Promise<Awaited<T>>;

export function withOpenedDb(db: AppDb): WithDb {
  let opened: Db | undefined;
  return <T>(use: (db: Db) => T): T | Promise<Awaited<T>> => {
    if (opened) return use(opened);
    // then() flattens a promise `use` returns, hence Awaited<T>.
    return db().then((d) => use((opened = d)) as Awaited<T>);
  };
}
