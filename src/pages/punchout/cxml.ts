import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { clientAddress } from '#features/auth/client-address.ts';
import { answerCxmlSetup } from '#features/punchout/cxml-setup-answer.server.ts';

// A procurement system's cXML PunchOutSetupRequest (text/xml); the answer is cXML too.
export const POST: APIRoute = async (ctx) => {
  const { database } = await getApp();
  return answerCxmlSetup(database.db, ctx.request, clientAddress(ctx), new Date());
};
