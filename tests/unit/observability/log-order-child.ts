// Run by log-batches.test.ts as a process of its own, with stdout a pipe: writes request lines
// and pino's own lines in turn, then ends the way the argument says, before the quarter-second
// flush is due (what is still gathered then is written at exit).
// node log-order-child.ts <exit | natural> <request lines>
import { logger, writeLogLine } from '#features/observability/logger.server.ts';

const [ending, count] = process.argv.slice(2) as ['exit' | 'natural', string];
const line = (n: number) => `{"level":30,"n":${n},"msg":"request"}\n`;
let n = 0;
for (let i = 0; i < Number(count); i++) {
  writeLogLine(line(n++));
  if (i % 7 === 3) logger.info({ n: n++ }, 'between');
  if (i % 50 === 49) logger.error({ n: n++ }, 'an error');
}
writeLogLine(`{"level":30,"n":${n++},"msg":"last"}\n`);
if (ending === 'exit') process.exit(0); // as the front's SIGTERM drain ends
