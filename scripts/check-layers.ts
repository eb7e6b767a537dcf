/**
 * The layer check (`npm run check:layers`): reads every import under src/ and db/ and fails when
 * feature folders import each other in a cycle or both ways, when an import runs against the
 * order written in docs/layers.md, or when a feature or db/ reaches up into pages, entry points
 * or the composition root. Only the source text is read; nothing is run.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSpecifiers } from './layers/import-specifiers.ts';
import { layerOrderFrom } from './layers/layer-order.ts';
import { findCycles } from './layers/find-cycles.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const aliases = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).imports ?? {};
const order = layerOrderFrom(readFileSync(join(root, 'docs/layers.md'), 'utf8'));

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|mts|mjs|astro)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The folder a file belongs to for this check: `browse`, `kernel`, `server`, `pages`, `db`, … */
function unitOf(file: string): string {
  const rel = relative(root, file);
  const features = rel.match(/^src\/features\/([^/]+)\//);
  if (features) return features[1]!;
  if (rel === 'src/app.server.ts') return 'composition root';
  const top = rel.match(/^src\/([^/]+)\//);
  if (top) return top[1]!;
  if (rel.startsWith('db/')) return 'db';
  return rel.replace(/^src\//, '');
}

function resolveSpecifier(from: string, spec: string): string | null {
  if (spec.startsWith('.')) return resolve(dirname(from), spec.replace(/\?.*$/, ''));
  if (!spec.startsWith('#')) return null;
  for (const [pattern, target] of Object.entries(aliases) as Array<[string, string]>) {
    const prefix = pattern.replace(/\*$/, '');
    if (pattern.endsWith('*') ? spec.startsWith(prefix) : spec === pattern) {
      return resolve(root, target.replace(/\*$/, '') + (pattern.endsWith('*') ? spec.slice(prefix.length) : ''));
    }
  }
  return null;
}

const features = new Set(order.keys());
const problems: string[] = [];
const edges = new Map<string, Map<string, string[]>>();
const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'db'))];
for (const file of files) {
  const from = unitOf(file);
  for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
    const target = resolveSpecifier(file, spec);
    if (!target || !existsSync(target)) continue;
    const to = unitOf(target);
    if (to === from) continue;
    const where = `${relative(root, file)} → ${relative(root, target)}`;
    if (features.has(from)) {
      if (['composition root', 'pages', 'actions', 'middleware.ts', 'server', 'guards.ts'].includes(to)) problems.push(`${from} imports ${to}: ${where}`);
      if (features.has(to)) {
        const byTarget = edges.get(from) ?? new Map<string, string[]>();
        byTarget.set(to, [...(byTarget.get(to) ?? []), where]);
        edges.set(from, byTarget);
        if (order.get(to)! <= order.get(from)!) problems.push(`${from} may not import ${to} (docs/layers.md puts it ${order.get(to) === order.get(from) ? 'beside' : 'above'} it): ${where}`);
      }
    }
    if (from === 'db' && to !== 'db') problems.push(`db/ imports ${to}: ${where}`);
  }
}
for (const file of files) {
  const unit = unitOf(file);
  if (/^src\/features\//.test(relative(root, file)) && !features.has(unit)) problems.push(`feature folder ${unit} is not placed in docs/layers.md`);
}

const twoWay: string[] = [];
for (const [a, targets] of edges) for (const b of targets.keys()) if (a < b && edges.get(b)?.has(a)) twoWay.push(`${a} ↔ ${b}`);
const cycles = findCycles(new Map([...edges].map(([a, t]) => [a, [...t.keys()]])));
const featureEdges = [...edges.values()].reduce((n, t) => n + t.size, 0);

console.log(`layers: ${files.length} files, ${features.size} feature folders, ${featureEdges} feature-to-feature directions`);
console.log(`feature cycles: ${cycles.length}${cycles.map((c) => `\n  ${c.join(' → ')}`).join('')}`);
console.log(`two-way pairs: ${twoWay.length}${twoWay.map((p) => `\n  ${p}`).join('')}`);
console.log(`other problems: ${problems.length}${[...new Set(problems)].map((p) => `\n  ${p}`).join('')}`);
if (cycles.length || twoWay.length || problems.length) process.exit(1);
