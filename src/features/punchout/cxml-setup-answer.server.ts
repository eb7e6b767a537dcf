import type { Db } from '#db/client.ts';
import { linkOrigin } from '#features/security/deployment-settings.ts';
import { cxmlStartAnswer, cxmlStatusAnswer, readSetupBody } from './setup-answers.ts';
import { recordRefusedSetup, setUpCxmlSession } from './setup.server.ts';
import { PunchoutProblem } from './punchout-problem.ts';

/**
 * POST /punchout/cxml: a PunchOutSetupRequest answered with a PunchOutSetupResponse whose
 * StartPage carries a single-use token, or a cXML Status 400/401 whose text says what is wrong.
 * cXML may also arrive form-encoded in a `cxml-urlencoded` field; both are read.
 */
export async function answerCxmlSetup(db: Db, request: Request, ip: string | null, now: Date): Promise<Response> {
  const origin = linkOrigin();
  const body = await readSetupBody(request);
  if (body === null) return cxmlStatusAnswer(origin, 400, 'The request is larger than a setup request can be.');
  const xml = (request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded') ? new URLSearchParams(body).get('cxml-urlencoded') ?? '' : body;
  try {
    const { startToken } = await setUpCxmlSession(db, xml, now, ip);
    return cxmlStartAnswer(origin, `${origin}/punchout/start/${startToken}`);
  } catch (e) {
    if (!(e instanceof PunchoutProblem)) throw e;
    await recordRefusedSetup(db, 'cxml', e.message, ip, now);
    return cxmlStatusAnswer(origin, e.status, e.message);
  }
}
