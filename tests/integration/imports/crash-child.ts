// Run by crash-recovery.test.ts as a separate process that gets killed (SIGKILL) while it reads
// an upload: node crash-child.ts <database file> <media dir> <uploads dir>
import { openDatabase } from '#db/client.ts';
import { runWaitingUploads } from '#server/background-jobs.server.ts';

const [file, mediaDir, uploadsDir] = process.argv.slice(2) as [string, string, string];
const database = await openDatabase(`file:${file}`);
process.stdout.write('started\n');
await runWaitingUploads({ db: database.db, mediaDir, uploadsDir });
process.stdout.write('finished\n');
database.client.close();
