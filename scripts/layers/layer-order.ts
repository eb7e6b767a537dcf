/**
 * The feature folders' places, top first, read from the numbered list under the heading
 * "## Order" of docs/layers.md: a folder may import only folders on a later line. Several
 * folders on one line (`audit, media, security`) share a place and may not import each other.
 */
export function layerOrderFrom(markdown: string): Map<string, number> {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Order'));
  if (!section) throw new Error('docs/layers.md has no "## Order" section');
  const places = new Map<string, number>();
  for (const line of section.split('\n')) {
    const item = line.match(/^(\d+)\.\s+([^—]+?)(?:\s+—.*)?$/);
    if (!item) continue;
    for (const name of item[2]!.split(',')) places.set(name.replace(/[`*]/g, '').trim(), Number(item[1]));
  }
  return places;
}
