import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { mayViewImage } from '#features/browse/image-access.server.ts';
import { parseVariantFile, readImageVariant, variantHeaders } from '#features/browse/image-file.server.ts';
import { isMediaHash } from '#features/media/media-paths.ts';

// An image variant, only for people allowed to see an item using it; anyone else gets the same 404 as for a missing image.
export const GET: APIRoute = async ({ params, locals, request }) => {
  const hash = params.hash ?? '';
  const width = parseVariantFile(params.file);
  if (!isMediaHash(hash) || width === null) return new Response(null, { status: 404 });
  const { database, mediaDir } = await getApp();
  if (!(await mayViewImage(database.db, locals.user, hash, new Date()))) return new Response(null, { status: 404 });
  const headers = variantHeaders(hash, width, 0);
  if (request.headers.get('if-none-match') === headers.get('etag')) {
    headers.delete('content-length');
    return new Response(null, { status: 304, headers });
  }
  const bytes = await readImageVariant(database.db, mediaDir, hash, width);
  if (!bytes) return new Response(null, { status: 404 });
  return new Response(new Uint8Array(bytes), { headers: variantHeaders(hash, width, bytes.length) });
};
