/** An archive entry's path made safe to use below a folder, or why it is refused. */
export type EntryPath = { ok: true; path: string; isFolder: boolean } | { ok: false; reason: string };

/**
 * Normalizes an entry name to forward-slash segments, treating backslashes as separators (some
 * Windows tools write them). Refuses absolute paths, drive letters, ".." segments and control
 * characters: such an entry would be written outside the folder it is unpacked into.
 */
export function safeEntryPath(name: string): EntryPath {
  if (/[\u0000-\u001f]/.test(name)) return { ok: false, reason: 'its name contains control characters' };
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) return { ok: false, reason: 'it has an absolute path' };
  const segments = slashed.split('/');
  if (segments.includes('..')) return { ok: false, reason: 'its path climbs out of its folder with ".."' };
  const kept = segments.filter((s) => s !== '' && s !== '.');
  return { ok: true, path: kept.join('/'), isFolder: slashed.endsWith('/') || kept.length === 0 };
}

/** Files that archivers add on their own (macOS resource forks, Finder and Explorer caches). */
export function isSystemFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return path.startsWith('__MACOSX/') || base.startsWith('._') || base === '.DS_Store' || base.toLowerCase() === 'thumbs.db' || base.toLowerCase() === 'desktop.ini';
}
