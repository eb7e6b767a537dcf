import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// exceljs's streaming reader spools sheets that precede the shared strings to files named
// tmp-<pid>-<random> in the system's temporary folder (via the tmp package), and deletes them
// only when the workbook is read to its end. A damaged workbook leaves them behind until the
// process exits (found by tests/fuzz/xlsx.test.ts). No API reaches them, so when the last
// workbook being read in this process is done, its spool files are swept: none can then
// belong to another read.
let active = 0;
const SPOOL = new RegExp(`^tmp-${process.pid}-`);

/** Marks a workbook read as started; call the returned function once it is done (also after errors). */
export function startWorkbookRead(): () => Promise<void> {
  active++;
  const started = Date.now() - 1000;
  let ended = false;
  return async () => {
    if (ended) return;
    ended = true;
    active--;
    if (active > 0) return;
    const dir = tmpdir();
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => SPOOL.test(n))) {
      // A read that started while this sweep waited owns spool files now: leave them all to it
      // (removing one under it failed that read as "damaged", one upload in a few hundred).
      if (active > 0) return;
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (active > 0) return;
      if (info?.isFile() && info.mtimeMs >= started) await rm(path, { force: true });
    }
  };
}
