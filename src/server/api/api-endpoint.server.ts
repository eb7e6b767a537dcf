import type { APIContext } from 'astro';
import { getApp, type App } from '#src/app.server.ts';
import { apiNotFound, apiUnauthorized } from '#features/auth/api-responses.ts';
import { clientAddress } from '#features/auth/client-address.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { UploadRefused } from '#features/ingest/uploads/upload-refused.ts';
import { RevisionNotFound, RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { parseId, revisionForSupplier, type RevisionContext } from '#features/ingest/revisions/find-revision.server.ts';
import { isCrossSiteSubmission } from '#server/cross-site-check.ts';

export interface ApiCall {
  user: SessionUser;
  app: App;
  meta: { ip: string | null; at: Date };
  catalogId: number | null;
  revisionId: number | null;
  context: APIContext;
}

const NO_STORE = { 'cache-control': 'no-store' };

export function apiError(status: number, code: string, message: string, field?: string | null, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code, message, ...(field ? { field } : {}) } }, { status, headers: { ...NO_STORE, ...headers } });
}

// A refused upload is answered before its body was read: the connection is closed after the
// answer, or the client's next request on it would meet the unread rest of the body (a reset).
const CLOSE = { connection: 'close' };

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/** The JSON body of a command, {} when there is none; a body that is not a JSON object is refused. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RevisionProblem('The request body is not valid JSON.', { status: 400 });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RevisionProblem('The request body must be a JSON object.', { status: 400 });
  return value as Record<string, unknown>;
}

/**
 * Wraps an /api/v1 catalog endpoint: the caller must be known (bearer token or session; 401
 * otherwise); a cookie-authenticated change must come from our own pages (Origin); feature
 * errors become JSON answers (404 for what the caller may not see, 400/409/413 with a sentence),
 * and anything else a logged 500 with a reference, never the exception text.
 */
export function apiEndpoint(name: string, work: (call: ApiCall) => Promise<Response>) {
  return async (context: APIContext): Promise<Response> => {
    const user = context.locals.user;
    if (!user) return apiUnauthorized();
    // The middleware refused cross-site forms; a command here acts on any body (JSON, a raw file).
    if (isCrossSiteSubmission(context.request, context.url.origin, { bearer: context.locals.apiTokenId !== null, anyBody: true })) {
      return apiError(403, 'forbidden', 'Changes with a session cookie must come from this site; other systems send an API token.');
    }
    try {
      const app = await getApp();
      return await work({
        user, app, context, meta: { ip: clientAddress(context), at: new Date() },
        catalogId: parseId(context.params.catalogId), revisionId: parseId(context.params.revisionId),
      });
    } catch (e) {
      if (e instanceof RevisionNotFound) return apiNotFound();
      if (e instanceof RevisionProblem) return apiError(e.status, e.status === 400 ? 'invalid' : 'conflict', e.message, e.field);
      if (e instanceof UploadRefused) return apiError(e.status, e.code, e.message, null, CLOSE);
      const reference = crypto.randomUUID().slice(0, 8);
      console.error(`API ${name} failed (reference ${reference})`, e);
      return apiError(500, 'internal', `Something went wrong on our side. Please try again; if it keeps happening, quote reference ${reference}.`);
    }
  };
}

/** The revision named by the URL, when it belongs to the catalog named by the URL and the caller manages it. */
export async function callRevision(call: ApiCall): Promise<RevisionContext> {
  const ctx = await revisionForSupplier(call.app.database.db, call.user, call.revisionId);
  if (ctx.catalog.id !== call.catalogId) throw new RevisionNotFound();
  return ctx;
}

/** A boolean field of a JSON body (false when absent). */
export function flag(body: Record<string, unknown>, name: string): boolean {
  const value = body[name];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new RevisionProblem(`"${name}" must be true or false.`, { field: name, status: 400 });
  return value;
}
