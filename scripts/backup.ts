// `npm run backup -- <folder>`: an online backup of the database and the media into a new folder,
// safe while the server runs and writes. Run it from cron (see README, Operating Vitrine).
import { backup } from './backup/snapshot.ts';
import { loadEnv, databaseUrl } from './load-env.ts';

loadEnv();
const target = process.argv[2];
if (!target) {
  console.error('Usage: npm run backup -- <new folder>');
  process.exit(2);
}
try {
  const started = Date.now();
  const manifest = await backup(databaseUrl(), process.env.MEDIA_DIR || 'data/media', target);
  console.log(JSON.stringify({ msg: 'backup written', folder: target, createdAt: manifest.createdAt, ms: Date.now() - started }));
} catch (e) {
  console.error(`Backup failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
