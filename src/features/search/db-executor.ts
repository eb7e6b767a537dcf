import type { Db } from '#db/client.ts';

/** The database or an open transaction of it: search documents are written inside the publish transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
