import type { APIRoute } from 'astro';
import { homeOfRole, navigationFor } from '#features/auth/navigation.ts';
import { whoBarHtml } from '#features/auth/who-bar.ts';

/**
 * The signed-in person's part of the header, for the pages prerendered for everyone (home, help,
 * suppliers, 404): their script asks here and fills in the person bar, the main links and where
 * the logo leads. Signed out, the route access sends the request to sign in, and the page stays as built.
 */
export const GET: APIRoute = ({ locals }) => {
  const user = locals.user!;
  return new Response(JSON.stringify({ home: homeOfRole(user.role), nav: navigationFor(user.role), who: whoBarHtml(user) }), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store' },
  });
};
