// The baseline of bench/catalog-page.ts: one HTML file served by a plain node:http server,
// read from disk on each request like a static file server does. /healthz answers for the start check.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';

const file = process.env.FILE!;
createServer(async (req, res) => {
  if (req.url === '/healthz') { res.end('ok'); return; }
  const body = await readFile(file);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');
