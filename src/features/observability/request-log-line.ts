/** What the one line per request says (observe-requests.server.ts). */
export interface RequestLogFacts {
  reqId: string;
  method: string;
  route: string;
  status: number;
  ms: number;
  userId: number | null;
  orgId: number | null;
}

/** pino's number for the info level. */
const INFO = 30;

let isoSecond = -1;
let isoPrefix = '';

/** `new Date(now).toISOString()`, with the part up to the second made once per second. */
function isoTime(now: number): string {
  const second = Math.floor(now / 1000);
  if (second !== isoSecond) {
    isoSecond = second;
    isoPrefix = new Date(second * 1000).toISOString().slice(0, 20); // 2026-12-05T03:11:15.
  }
  return `${isoPrefix}${String(now % 1000).padStart(3, '0')}Z`;
}

/**
 * The request line exactly as the logger would write it (the same keys in the same order, see
 * logger.server.ts), made by hand: written for every request, pino's general path (key by key,
 * through its serializers and hooks) was a tenth of a cached page's CPU. Every value is a
 * number, null or a string JSON.stringify quotes, so the line is always one valid JSON object.
 */
export function requestLogLine(facts: RequestLogFacts, now = Date.now()): string {
  return `{"level":${INFO},"time":"${isoTime(now)}","reqId":${JSON.stringify(facts.reqId)},"method":${JSON.stringify(facts.method)},`
    + `"route":${JSON.stringify(facts.route)},"status":${facts.status},"ms":${facts.ms},"userId":${facts.userId},"orgId":${facts.orgId},"msg":"request"}\n`;
}
