// Attacks the built server with sqlmap and wapiti (Debian packages), signed in as a buyer and then
// as a supplier, on a freshly seeded demo database, and fails on any finding: an injection point,
// a reflected or stored script, a path traversal, a header injection, an open redirect, a 500
// under hostile input, or a form that accepts a cross-origin POST.
//   npm run test:scan   bounded (a few minutes): error/boolean/union SQL tests, short wapiti runs
//   npm run bench:scan  deeper: sqlmap level 3 / risk 2 with time-based and stacked tests, longer wapiti runs
// Build first (npm run build, or astro build --outDir .dist-x with DIST_DIR=.dist-x).
// Prints one line per scanner and role, then "N passed, N failed" over the scanners.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { checkFormsRefuseOtherOrigins } from './origin-check.ts';
import { signInCookie, startScanServer } from './scan-server.ts';
import { buyerTargets, formPaths, prepareBuyer, prepareSupplier, supplierTargets } from './scan-targets.ts';
import { runSqlmap, type SqlmapDepth, type SqlmapResult, type SqlmapTarget } from './sqlmap.ts';
import { runWapiti, type WapitiResult } from './wapiti.ts';

const deep = process.argv.includes('--deep');
const SQLMAP: SqlmapDepth = deep
  ? { level: 3, risk: 2, technique: 'BEUST', timeoutSeconds: 900 }
  : { level: 1, risk: 1, technique: 'BEU', timeoutSeconds: 180 };
// wapiti bounds its crawl by maxScanSeconds and then each attack module by maxAttackSeconds.
const WAPITI = deep ? { depth: 3, maxScanSeconds: 600, maxAttackSeconds: 180 } : { depth: 1, maxScanSeconds: 45, maxAttackSeconds: 12 };
// Injection, script, file, command, header and redirect attacks, plus the header and CSP checks.
// Not "cookieflags": on plain-HTTP 127.0.0.1 the session cookie is deliberately not Secure
// (browsers would drop it); not "csrf": see origin-check.ts.
const MODULES = ['sql', 'blindsql', 'xss', 'permanentxss', 'exec', 'file', 'crlf', 'redirect', 'http_headers', 'csp'];

for (const tool of ['sqlmap', 'wapiti']) {
  try { execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }); } catch {
    console.error(`${tool} is not installed: apt-get install sqlmap wapiti (.ci/run does this).`);
    process.exit(1);
  }
}

const started = performance.now();
const lines: string[] = [];
const problems: string[] = [];
let passed = 0;
let failed = 0;
function report(ok: boolean, line: string, details: string[]): void {
  lines.push(line);
  console.log(line);
  if (ok) passed++;
  else { failed++; problems.push(...details.map((d) => `  ${d}`)); for (const d of details) console.log(`  ${d}`); }
}

async function sqlmapAll(role: string, targets: SqlmapTarget[], cookie: string, base: string, dir: string): Promise<void> {
  const results: SqlmapResult[] = [];
  for (const [n, target] of targets.entries()) {
    results.push(await runSqlmap(target, { cookie, origin: base, outputDir: join(dir, `sqlmap-${role}-${n}`), depth: SQLMAP }));
  }
  const params = results.reduce((sum, r) => sum + r.testedParams.length, 0);
  const details = results.flatMap((r) => [
    ...r.injections.map((l) => `sqlmap ${role}, ${r.label}: injection: ${l}`),
    ...r.serverErrors.map((l) => `sqlmap ${role}, ${r.label}: server errors: ${l}`),
    ...(r.broken ? [`sqlmap ${role}, ${r.label}: did not finish: ${r.broken}`] : []),
    ...(!r.broken && r.testedParams.length === 0 ? [`sqlmap ${role}, ${r.label}: no parameter was tested`] : []),
  ]);
  const injections = results.reduce((s, r) => s + r.injections.length, 0);
  const errors = results.filter((r) => r.serverErrors.length > 0).length;
  report(details.length === 0, `sqlmap (${role}, level ${SQLMAP.level}, risk ${SQLMAP.risk}, ${SQLMAP.technique}): ${targets.length} requests, ${params} parameters tested, ${injections} injection points, ${errors} requests with server errors, ${results.reduce((s, r) => s + r.seconds, 0).toFixed(0)} s`, details);
}

function wapitiLine(role: string, r: WapitiResult): void {
  const details = [...r.findings.map((f) => `wapiti ${role}: ${f.kind}: ${f.url} [${f.parameter}] ${f.info}`), ...(r.broken ? [`wapiti ${role}: ${r.broken}`] : [])];
  report(details.length === 0, `wapiti (${role}, ${r.attacked.length} modules: ${r.attacked.join(' ')}): ${r.crawled} URLs and forms crawled, ${r.findings.length} findings, ${r.seconds.toFixed(0)} s`, details);
}

const server = await startScanServer();
try {
  const { base } = server;
  // Both sessions first: the sign-in scan at the end trips the per-address sign-in limit.
  const buyer = await signInCookie(base, 'buyer@globex.test');
  const supplier = await signInCookie(base, 'supplier@acme.test');
  const buyerFixture = await prepareBuyer(base, buyer.header);
  const supplierFixture = await prepareSupplier(base, supplier.header);
  const buyerRequests = buyerTargets(base, buyerFixture);
  const supplierRequests = supplierTargets(base, supplierFixture);

  const origin = await checkFormsRefuseOtherOrigins(base, buyer.header, formPaths(buyerRequests));
  const supplierOrigin = await checkFormsRefuseOtherOrigins(base, supplier.header, formPaths(supplierRequests));
  report(origin.accepted.length + supplierOrigin.accepted.length === 0,
    `cross-origin forms: ${origin.forms + supplierOrigin.forms} forms posted from another origin and without Origin, ${origin.refused + supplierOrigin.refused} of ${2 * (origin.forms + supplierOrigin.forms)} refused`,
    [...origin.accepted, ...supplierOrigin.accepted].map((a) => `accepted a cross-origin POST: ${a}`));

  // Two lanes side by side (the server takes both; 2 cores), so the bounded run stays within a
  // few minutes: sqlmap as the buyer then the supplier, and wapiti as the buyer then the supplier.
  const excludes = [`${base}/logout*`, `${base}/login*`, `${base}/*_action=lists.remove*`, `${base}/*_action=apiTokens.revoke*`];
  const wapitiLane = async () => {
    wapitiLine('buyer', await runWapiti({
      base, cookie: buyer, excludes, modules: MODULES, workDir: join(server.dir, 'wapiti-buyer'), ...WAPITI,
      starts: [`${base}/catalogs`, `${base}/catalogs/fasteners-2027/screws?sort=price&layout=grid&page=2`, `${base}/products/fasteners-2027/${buyerFixture.sku}`,
        `${base}/search?q=screw&category=Screws&sort=price&page=1`, `${base}/changes?since=2027-01-01`, `${base}/lists`, `${base}/lists/${buyerFixture.listId}`, `${base}/account/tokens`],
    }));
    wapitiLine('supplier', await runWapiti({
      base, cookie: supplier, excludes: [...excludes, `${base}/*/upload*`], modules: MODULES, workDir: join(server.dir, 'wapiti-supplier'), ...WAPITI,
      starts: [`${base}/supplier`, `${base}/supplier/catalogs/${supplierFixture.catalogId}`, `${base}/supplier/revisions/${supplierFixture.revisionId}/report?page=1`, `${base}/supplier/revisions/${supplierFixture.revisionId}/diff?kind=changed`],
    }));
  };
  const sqlmapLane = async () => {
    await sqlmapAll('buyer', buyerRequests, buyer.header, base, server.dir);
    await sqlmapAll('supplier', supplierRequests, supplier.header, base, server.dir);
  };
  await Promise.all([wapitiLane(), sqlmapLane()]);

  // The run proves something only if the sessions lived through it.
  for (const [role, cookie, path] of [['buyer', buyer.header, '/lists'], ['supplier', supplier.header, '/supplier']] as const) {
    const res = await fetch(base + path, { headers: { cookie }, redirect: 'manual' });
    await res.arrayBuffer();
    if (res.status !== 200) report(false, `${role} session ended during the scan (${path} answered ${res.status})`, []);
  }
  const crashes = server.output.join('').split('\n').filter((l) => /uncaught|unhandled|fatal/i.test(l));
  if (crashes.length) report(false, `server printed ${crashes.length} uncaught errors`, crashes.slice(0, 10));
} finally {
  await server.stop();
}
console.log(`scan ${deep ? 'deep' : 'bounded'}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
