// Runs Debian's sqlmap against one request and reads what it found from its output folder:
// sqlmap exits 0 whether or not it finds an injection, so its exit code says nothing.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SqlmapTarget {
  /** What a person would call it, e.g. "search filters". */
  label: string;
  /** Full URL; a `*` marks a path segment to test (sqlmap's custom injection marker). */
  url: string;
  /** Form body (application/x-www-form-urlencoded) for a POST. */
  data?: string;
  /** The parameters to test; the session cookie is left alone unless the depth says otherwise. */
  params?: string[];
  /** A request that deletes what it names: after the first, the answer is a 404, which sqlmap must not take for the end. */
  ignore404?: boolean;
}

export interface SqlmapDepth { level: number; risk: number; technique: string; timeoutSeconds: number }

export interface SqlmapResult {
  label: string;
  testedParams: string[];
  /** Lines of sqlmap's log naming an injection point (empty when none). */
  injections: string[];
  /** "HTTP error codes detected during run" lines: a 500 under hostile input is a finding too. */
  serverErrors: string[];
  /** Set when sqlmap could not reach or understand the target at all: the run proves nothing then. */
  broken: string | null;
  seconds: number;
}

function runProcess(args: string[], timeoutSeconds: number): Promise<{ out: string; timedOut: boolean }> {
  return new Promise((done) => {
    const child = spawn('sqlmap', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGTERM'); }, timeoutSeconds * 1000);
    child.on('close', () => { clearTimeout(timer); done({ out, timedOut }); });
  });
}

/** sqlmap writes one folder per host under --output-dir, with a "log" of the injection points it confirmed. */
function injectionLog(outputDir: string): string[] {
  if (!existsSync(outputDir)) return [];
  const lines: string[] = [];
  for (const host of readdirSync(outputDir)) {
    const log = join(outputDir, host, 'log');
    if (existsSync(log)) lines.push(...readFileSync(log, 'utf8').split('\n').filter((l) => l.trim() !== ''));
  }
  return lines;
}

export async function runSqlmap(target: SqlmapTarget, options: { cookie: string; origin: string; outputDir: string; depth: SqlmapDepth }): Promise<SqlmapResult> {
  const started = performance.now();
  mkdirSync(options.outputDir, { recursive: true });
  const { depth } = options;
  const args = [
    '-u', target.url, '--batch', '--flush-session', '--disable-coloring',
    '--output-dir', options.outputDir,
    '--cookie', options.cookie,
    // Astro refuses a form POST whose Origin is not the site's own: without it every form test would stop at a 403.
    '--headers', `Origin: ${options.origin}`,
    '--level', String(depth.level), '--risk', String(depth.risk), '--technique', depth.technique,
    '--threads', '2', '--timeout', '10', '--retries', '1',
    '--dbms', 'SQLite', // what the server runs; sqlmap still tries generic payloads first
    // Its WAF probe (an attack-looking extra parameter) makes Astro answer differently, and sqlmap then stops to ask.
    '--skip-waf',
  ];
  if (target.ignore404) args.push('--ignore-code', '404');
  if (target.data !== undefined) args.push('--data', target.data);
  if (target.params?.length) args.push('-p', target.params.join(','));
  const { out, timedOut } = await runProcess(args, depth.timeoutSeconds);
  const tested = [...out.matchAll(/(?:GET|POST|URI|\(custom\) POST|Cookie) parameter '([^']+)' (?:does not seem to be injectable|is (?:'[^']+' )?injectable|might be injectable)/g)].map((m) => m[1]!);
  const errors = [...out.matchAll(/HTTP error codes detected during run:\s*\n?([^\n]*)/g)].map((m) => m[1]!.trim()).filter((l) => /\b5\d\d\b/.test(l));
  let broken: string | null = null;
  if (timedOut) broken = `stopped after ${depth.timeoutSeconds} s`;
  else if (/\[CRITICAL\] (?!all tested parameters do not appear to be injectable)(.*)/.test(out)) broken = /\[CRITICAL\] (.*)/.exec(out)![1]!;
  return {
    label: target.label, testedParams: [...new Set(tested)], injections: injectionLog(options.outputDir), serverErrors: errors, broken,
    seconds: (performance.now() - started) / 1000,
  };
}
