// The static-file baseline bench/catalog-page.ts compares the cached page with: the same bytes
// served by nginx (2 workers, sendfile on), both driven by wrk -t2 -c50 -d10s. Used only when
// Debian's nginx-light and wrk are installed; nothing is installed here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function hasNginxAndWrk(): boolean {
  const found = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
  return found('nginx') && found('wrk');
}

/**
 * Starts nginx serving `dir` on 127.0.0.1:port; stop() ends it. `accessLog`: a line per request
 * in its default format to a file (the server under test logs a line per request too).
 * `sendfile: false`: nginx reads the file and writes its bytes to the socket, as any Node server
 * must (Node has no sendfile for sockets); with it, the kernel sends from the page cache without
 * copying the body into the socket.
 */
export async function startNginx(dir: string, port: number, options: { accessLog?: boolean; sendfile?: boolean } = {}): Promise<{ stop(): void }> {
  const sendfile = options.sendfile ?? true;
  chmodSync(dir, 0o755); // nginx's workers run as another user
  const conf = join(dir, `nginx-${port}.conf`);
  writeFileSync(conf, `worker_processes 2;
daemon off;
pid ${dir}/nginx-${port}.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log ${options.accessLog ? `${dir}/nginx-access.log` : 'off'};
  sendfile ${sendfile ? 'on' : 'off'};
  tcp_nopush ${sendfile ? 'on' : 'off'};
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/nginx-body;
  proxy_temp_path ${dir}/nginx-proxy;
  fastcgi_temp_path ${dir}/nginx-fastcgi;
  uwsgi_temp_path ${dir}/nginx-uwsgi;
  scgi_temp_path ${dir}/nginx-scgi;
  server {
    listen 127.0.0.1:${port};
    root ${dir};
    default_type text/html;
  }
}
`);
  const child: ChildProcess = spawn('nginx', ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (code ${child.exitCode}); see ${dir}/nginx-error.log`);
    if (await fetch(`http://127.0.0.1:${port}/page.html`).then(async (r) => { await r.arrayBuffer(); return r.ok; }, () => false)) break;
    if (Date.now() > deadline) throw new Error('nginx did not answer');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { stop: () => { child.kill('SIGQUIT'); } };
}

/** wrk -t2 -c50 -d10s against the URL; its Requests/sec. */
export function wrkRequestsPerSecond(url: string, headers: Record<string, string> = {}): Promise<number> {
  const args = ['-t2', '-c50', '-d10s', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', () => {
      const rate = /Requests\/sec:\s+([\d.]+)/.exec(out)?.[1];
      const errors = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1];
      if (!rate) reject(new Error(`wrk printed no rate: ${out}`));
      else if (errors) reject(new Error(`wrk: ${errors} non-2xx answers from ${url}`));
      else resolve(Number(rate));
    });
  });
}
