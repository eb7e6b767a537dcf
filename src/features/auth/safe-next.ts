/**
 * The path to return to after sign-in, only if it stays on this site. Anything else
 * (`//evil.example`, `/\evil.example`, `https://…`, `javascript:`) falls back to `fallback`.
 */
export function safeNextPath(next: string | null | undefined, fallback: string): string {
  if (!next || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  try {
    const base = 'http://vitrine.invalid';
    const url = new URL(next, base);
    if (url.origin !== base) return fallback;
    if (url.pathname === '/login' || url.pathname === '/logout') return fallback;
    // Normalising can itself produce a protocol-relative path: `/.//evil.example` → `//evil.example`.
    if (url.pathname.startsWith('//')) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
