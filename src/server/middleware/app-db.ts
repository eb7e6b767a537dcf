import type { Db } from '#db/client.ts';

/** How a step reaches the database: asked for on each request, so the process opens it lazily, once. */
export type AppDb = () => Promise<Db>;
