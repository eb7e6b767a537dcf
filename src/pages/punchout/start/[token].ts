import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { openStartPage } from '#features/punchout/start-page.server.ts';

// The StartPage URL of a setup: good once, for 5 minutes; it sets the session's own cookie.
export const GET: APIRoute = async (ctx) => {
  const { database } = await getApp();
  return openStartPage(database.db, ctx.params.token ?? '', ctx.cookies, ctx.url, new Date());
};
