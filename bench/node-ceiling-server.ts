// The ceiling of bench/catalog-page.ts's nginx comparison for a Node server: node:http in as many
// processes as Vitrine serves with (node:cluster), answering every request with the same bytes
// from memory and doing nothing else. /healthz answers for the start check.
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

if (cluster.isPrimary) {
  const processes = Number(process.env.WEB_CONCURRENCY) || availableParallelism();
  for (let i = 0; i < processes; i++) cluster.fork();
  process.once('SIGTERM', () => { for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(); process.exit(0); });
} else {
  const body = readFileSync(process.env.FILE!);
  createServer((req, res) => {
    if (req.url === '/healthz') { res.end('ok'); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
    res.end(body);
  }).listen(Number(process.env.PORT), '127.0.0.1');
}
