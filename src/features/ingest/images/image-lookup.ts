/** Where an image named in the price list was found, or a sentence saying why it was not. */
export type ImageMatch = { found: true; path: string; entryName: string } | { found: false; reason: string };

export interface ImageLookup {
  /** Finds an image by the name written in the price list (any case, with or without folders). */
  find(name: string): ImageMatch;
  readonly size: number;
}

interface Known { entryName: string; path: string; segments: string[] }

export const ACCEPTED_IMAGE_TYPES = 'JPEG, PNG, WebP, AVIF, GIF or TIFF';

// NFC because macOS archivers store "ü" decomposed while a spreadsheet stores it composed.
function key(name: string): string[] {
  return name.trim().normalize('NFC').toLowerCase().replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
}

function withoutExtension(base: string): string {
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

function endsWith(path: string[], tail: string[]): boolean {
  return tail.length <= path.length && tail.every((s, i) => path[path.length - tail.length + i] === s);
}

/**
 * Builds the lookup over the images unpacked from an archive. A name matches a file whose path
 * ends with it ("red.jpg" and "img/red.jpg" both find "catalog/img/red.jpg"); failing that, a
 * file with the same base name anywhere, or the same name without extension ("4711" finds
 * "4711.jpg"), provided only one file matches. `otherEntries` are files of the archive that were
 * not unpacked as images, so a reference to one of them gets a precise reason.
 */
export function createImageLookup(images: readonly { entryName: string; path: string }[], otherEntries: readonly string[] = []): ImageLookup {
  const byBase = new Map<string, Known[]>();
  const byStem = new Map<string, Known[]>();
  for (const image of images) {
    const segments = key(image.entryName);
    const base = segments[segments.length - 1] ?? '';
    const known = { ...image, segments };
    byBase.set(base, [...(byBase.get(base) ?? []), known]);
    byStem.set(withoutExtension(base), [...(byStem.get(withoutExtension(base)) ?? []), known]);
  }
  const others = new Set(otherEntries.map((name) => key(name).pop() ?? ''));

  function pick(name: string, candidates: Known[]): ImageMatch | undefined {
    if (candidates.length === 1) {
      const only = candidates[0]!;
      return { found: true, path: only.path, entryName: only.entryName };
    }
    if (candidates.length > 1) {
      const listed = candidates.slice(0, 3).map((c) => `"${c.entryName}"`).join(', ');
      return { found: false, reason: `"${name}" matches several files in the ZIP (${listed}); write the folder too, e.g. "${candidates[0]!.entryName}".` };
    }
    return undefined;
  }

  return {
    size: images.length,
    find(name: string): ImageMatch {
      const wanted = key(name);
      const base = wanted[wanted.length - 1];
      if (base === undefined) return { found: false, reason: 'the image name is empty.' };
      const sameBase = byBase.get(base) ?? [];
      return pick(name, sameBase.filter((k) => endsWith(k.segments, wanted)))
        ?? pick(name, sameBase)
        ?? (base.includes('.') ? undefined : pick(name, byStem.get(base) ?? []))
        ?? (others.has(base)
          ? { found: false, reason: `"${name}" is in the ZIP but is not a ${ACCEPTED_IMAGE_TYPES} image.` }
          : { found: false, reason: `there is no file named "${name}" in the ZIP.` });
    },
  };
}
