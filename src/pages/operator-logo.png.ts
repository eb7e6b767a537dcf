import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { operatorLogo } from '#features/settings/operator-settings.server.ts';

/** The operator's logo as sharp re-encoded it (always a PNG); versioned URLs may be cached long. */
export const GET: APIRoute = async ({ url }) => {
  const { database } = await getApp();
  const logo = await operatorLogo(database.db);
  if (!logo) return new Response('Not found', { status: 404 });
  const versioned = url.searchParams.get('v') === String(logo.version);
  return new Response(new Uint8Array(logo.data), {
    headers: { 'content-type': 'image/png', 'x-content-type-options': 'nosniff', 'cache-control': versioned ? 'public, max-age=31536000, immutable' : 'no-cache' },
  });
};
