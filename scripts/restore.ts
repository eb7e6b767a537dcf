// `npm run restore -- <backup folder>`: puts a backup back. Stop the server first; start it again
// afterwards (it applies any newer migrations). With Meilisearch, run `npm run search:reindex` too.
import { restore } from './backup/snapshot.ts';
import { loadEnv, databaseUrl } from './load-env.ts';

loadEnv();
const source = process.argv[2];
if (!source) {
  console.error('Usage: npm run restore -- <backup folder>');
  process.exit(2);
}
const host = process.env.HOST || '127.0.0.1';
const port = process.env.PORT || '4321';
const running = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${port}/healthz`, { signal: AbortSignal.timeout(2000) }).then(() => true, () => false);
if (running) {
  console.error(`A server answers at ${host}:${port}: stop it before restoring (a running server would keep writing to the old database).`);
  process.exit(1);
}
try {
  const { keptAside } = await restore(databaseUrl(), process.env.MEDIA_DIR || 'data/media', source);
  console.log(`Restored from ${source}.${keptAside.length ? ` What was there is kept as: ${keptAside.join(', ')}.` : ''} Start the server again; with Meilisearch, run npm run search:reindex.`);
} catch (e) {
  console.error(`Restore failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
