import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import { getApp } from '#src/app.server.ts';
import { pageUser } from '#src/guards.ts';
import type { BrowseRoute } from '#features/browse/browse-route.ts';

// Not a route (Astro skips files starting with "_"): what every buyer catalog route and its
// /preview/<customer>/… twin hand their page function.
export async function browseRoute(astro: AstroGlobal): Promise<BrowseRoute> {
  const { database } = await getApp();
  return {
    db: database.db, user: pageUser(astro.locals), params: astro.params, url: astro.url, response: astro.response, locals: astro.locals,
    addedToList: Boolean(astro.getActionResult(actions.lists.addItem)), now: new Date(),
  };
}
