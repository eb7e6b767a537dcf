/**
 * A form's action URL that posts to `page` (path and query) and runs the Astro action
 * `actionQuery` ("?_action=lists.addItem"): the page re-renders in place with the action's
 * result, keeping its query (sort, page…), which a bare "?_action=…" would replace.
 */
export function postToPage(page: string, actionQuery: string): string {
  return page + (page.includes('?') ? '&' : '?') + actionQuery.replace(/^\?/, '');
}
