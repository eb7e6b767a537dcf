import type { SessionUser } from '#features/auth/session-user.ts';
import { whoBarHtml } from '#features/auth/who-bar.ts';
import { hasPageTemplate, storePageTemplate } from './page-templates.ts';

/**
 * After a full render of a cacheable page for a signed-in visitor, keeps it as a template for
 * the fast lane (the body is read, so an equal response is returned in its place).
 */
export async function keepPageTemplate(key: string, user: SessionUser, response: Response): Promise<Response> {
  if (response.status !== 200 || hasPageTemplate(key)) return response;
  const html = Buffer.from(await response.arrayBuffer());
  storePageTemplate(key, html, whoBarHtml(user));
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
}
