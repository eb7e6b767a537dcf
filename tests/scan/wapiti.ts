// Runs Debian's wapiti (through wapiti-shim.py) signed in with a session cookie, and reads its
// JSON report: every entry under "vulnerabilities" or "anomalies" (a 500, a timeout) is a finding.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SHIM = fileURLToPath(new URL('./wapiti-shim.py', import.meta.url));

export interface WapitiOptions {
  base: string;
  cookie: { name: string; value: string };
  /** Pages the crawl starts from besides the base (search with filters, a list, …). */
  starts: string[];
  /** URL patterns (`*` wildcards) never requested: sign-out, and forms that would end the run's own session. */
  excludes: string[];
  modules: string[];
  depth: number;
  maxScanSeconds: number;
  maxAttackSeconds: number;
  workDir: string;
}

export interface WapitiFinding { kind: string; url: string; parameter: string; info: string }
export interface WapitiResult { crawled: number; attacked: string[]; findings: WapitiFinding[]; broken: string | null; seconds: number }

/** The Python that runs /usr/bin/wapiti (its #! line), so the shim imports the same wapitiCore. */
function wapitiPython(): string {
  const script = ['/usr/bin/wapiti', '/usr/local/bin/wapiti'].find((p) => existsSync(p));
  if (!script) throw new Error('wapiti is not installed (apt-get install wapiti)');
  return readFileSync(script, 'utf8').split('\n')[0]!.replace(/^#!\s*/, '').trim();
}

/**
 * Findings this wapiti version reports against current advice, each checked by a test of our own
 * instead. Its http_headers module wants X-XSS-Protection to contain "1"; we send "0", as OWASP
 * and the browsers' makers now advise (the old filter's blocking could be abused), and
 * tests/integration/security/over-http.test.ts checks that header is "0".
 */
const OUTDATED_ADVICE = new Set(['X-XSS-Protection is not set']);

interface Report { vulnerabilities?: Record<string, Array<{ path: string; method: string; parameter: string; info: string }>>; anomalies?: Report['vulnerabilities'] }

export async function runWapiti(options: WapitiOptions): Promise<WapitiResult> {
  const started = performance.now();
  mkdirSync(options.workDir, { recursive: true });
  const cookieFile = join(options.workDir, 'cookie.json');
  const host = new URL(options.base).hostname;
  // wapiti's own cookie-file format: domain → path → name → attributes.
  writeFileSync(cookieFile, JSON.stringify({ [host]: { '/': { [options.cookie.name]: { version: 0, value: options.cookie.value, secure: false, expires: null, port: null } } } }));
  const report = join(options.workDir, 'report.json');
  const args = [
    SHIM, '-u', `${options.base}/`, '--scope', 'folder', '-c', cookieFile,
    // Astro refuses a form POST from another origin: the forms are only attacked with the site's own Origin.
    '-H', `Origin: ${options.base}`,
    ...options.starts.flatMap((s) => ['-s', s]),
    ...options.excludes.flatMap((x) => ['-x', x]),
    '-m', options.modules.join(','), '-d', String(options.depth),
    '--max-scan-time', String(options.maxScanSeconds), '--max-attack-time', String(options.maxAttackSeconds),
    '--max-links-per-page', '40', '--max-files-per-dir', '30', '-t', '10',
    '-f', 'json', '-o', report, '--store-session', join(options.workDir, 'session'), '--store-config', join(options.workDir, 'config'),
    '--flush-session', '--no-bugreport', '-v', '1',
  ];
  const out = await new Promise<string>((done) => {
    const child = spawn(wapitiPython(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => { text += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { text += d.toString(); });
    // wapiti stops its crawl at --max-scan-time and each module at --max-attack-time; this only catches a hang past both.
    const timer = setTimeout(() => child.kill('SIGTERM'), (options.maxScanSeconds + options.modules.length * options.maxAttackSeconds + 180) * 1000);
    child.on('close', () => { clearTimeout(timer); done(text); });
  });
  writeFileSync(join(options.workDir, 'wapiti.log'), out);
  // The crawl prints each request once as "[+] GET <url> (<depth>)", a form's body on the next line.
  const crawled = (out.match(/^\[\+\] (?:GET|POST) \S+ \(\d+\)$/gm) ?? []).length;
  const attacked = [...new Set([...out.matchAll(/^\[\*\] Launching module (\w+)/gm)].map((m) => m[1]!))];
  const connectionErrors = (out.match(/Connection error with URL/g) ?? []).length;
  if (!existsSync(report)) return { crawled, attacked, findings: [], broken: `no report was written: ${out.slice(-600)}`, seconds: (performance.now() - started) / 1000 };
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as Report;
  const findings: WapitiFinding[] = [];
  for (const group of [parsed.vulnerabilities ?? {}, parsed.anomalies ?? {}]) {
    for (const [kind, entries] of Object.entries(group)) {
      for (const e of entries) {
        if (OUTDATED_ADVICE.has(e.info)) continue;
        findings.push({ kind, url: `${e.method} ${e.path}`, parameter: e.parameter, info: e.info });
      }
    }
  }
  let broken: string | null = null;
  if (crawled < 3) broken = `only ${crawled} URLs crawled: the session or the server may be gone`;
  else if (connectionErrors > 0) broken = `${connectionErrors} connection errors: the server stopped answering`;
  return { crawled, attacked, findings, broken, seconds: (performance.now() - started) / 1000 };
}
