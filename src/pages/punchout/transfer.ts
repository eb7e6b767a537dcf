import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { answerTransfer } from '#src/pages/_punchout/answer-transfer.server.ts';

// "Transfer to <system>": ends the punchout session and posts the basket back.
export const POST: APIRoute = async (ctx) => answerTransfer((await getApp()).database.db, ctx, false);
