import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** One route of the app, as Astro derives it from a file under src/pages. */
export interface RouteFile {
  file: string;
  /** The pattern Astro matches, e.g. `/help/[slug]` (what route-access.ts decides on). */
  pattern: string;
  params: string[];
  /** HTTP methods the route answers: GET for pages, the exported handlers for endpoints. */
  methods: string[];
  prerendered: boolean;
}

const PAGE_EXTENSIONS = ['.astro', '.md', '.mdx', '.html'];
const ENDPOINT_EXTENSIONS = ['.ts', '.js', '.mjs'];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('_') || entry.name.startsWith('.')) return []; // Astro ignores these
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

function endpointMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|ALL)\b/g)) found.add(m[1]!);
  if (found.delete('ALL')) found.add('GET');
  return [...found].sort();
}

/** Every route file under `pagesDir`, so a page added tomorrow is in the matrix without editing it. */
export function listRouteFiles(pagesDir = 'src/pages'): RouteFile[] {
  return walk(pagesDir).flatMap((path): RouteFile[] => {
    const rel = relative(pagesDir, path).split(sep).join('/');
    const page = PAGE_EXTENSIONS.find((ext) => rel.endsWith(ext));
    const endpoint = ENDPOINT_EXTENSIONS.find((ext) => rel.endsWith(ext) && !rel.endsWith('.d.ts'));
    if (!page && !endpoint) return [];
    const source = readFileSync(path, 'utf8');
    const withoutExt = rel.slice(0, -(page ?? endpoint)!.length);
    const segments = withoutExt.split('/').filter((s, i, all) => !(s === 'index' && i === all.length - 1));
    const pattern = '/' + segments.join('/');
    return [{
      file: `src/pages/${rel}`,
      pattern,
      params: [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!),
      methods: page ? ['GET'] : endpointMethods(source),
      prerendered: /export\s+const\s+prerender\s*=\s*true/.test(source),
    }];
  }).sort((a, b) => a.pattern.localeCompare(b.pattern));
}
