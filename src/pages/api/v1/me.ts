import type { APIRoute } from 'astro';
import { apiUnauthorized } from '#features/auth/api-responses.ts';

/** Who is calling: the person behind the bearer token or the session, with their organization. */
export const GET: APIRoute = ({ locals }) => {
  const user = locals.user;
  if (!user) return apiUnauthorized();
  return Response.json({
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    organization: { id: user.orgId, name: user.orgName, kind: user.orgKind },
    authenticatedBy: locals.apiTokenId ? 'token' : 'session',
  }, { headers: { 'cache-control': 'no-store' } });
};
