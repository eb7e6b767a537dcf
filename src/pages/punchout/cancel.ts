import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { answerTransfer } from '#src/pages/_punchout/answer-transfer.server.ts';

// "Cancel": ends the punchout session and goes back with an empty basket.
export const POST: APIRoute = async (ctx) => answerTransfer((await getApp()).database.db, ctx, true);
