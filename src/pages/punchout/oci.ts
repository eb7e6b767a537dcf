import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { clientAddress } from '#features/auth/client-address.ts';
import { answerOciSetup } from '#features/punchout/oci-setup-answer.server.ts';

// An SAP OCI call: the procurement system sends the buyer's browser here, by link or by form.
export const GET: APIRoute = async (ctx) => {
  const { database } = await getApp();
  return answerOciSetup(database.db, ctx.request, clientAddress(ctx), new Date());
};
export const POST = GET;
