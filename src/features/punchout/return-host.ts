import { PunchoutProblem } from './punchout-problem.ts';

/**
 * The basket goes back only to a host the connection names: the return URL of a setup request
 * (BrowserFormPost, HOOK_URL) is the procurement system's word, and a foreign host there would
 * hand a customer's basket and prices to whoever wrote the request.
 */
export function checkReturnUrl(returnUrl: string, allowedHosts: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(returnUrl);
  } catch {
    throw new PunchoutProblem(`The return URL "${returnUrl.slice(0, 200)}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new PunchoutProblem(`The return URL must be http or https, not ${url.protocol.replace(':', '')}.`);
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (!allowedHosts.some((h) => h.toLowerCase() === host)) {
    throw new PunchoutProblem(`The return host ${host} is not allowed for this connection (allowed: ${allowedHosts.join(', ') || 'none'}).`);
  }
  return url.href;
}

/** A connection's return hosts as typed by a person: separated by commas, spaces or lines. */
export function parseReturnHosts(text: string): string[] {
  const hosts = [...new Set(text.split(/[\s,]+/).map((h) => h.trim().toLowerCase()).filter(Boolean))];
  for (const h of hosts) {
    if (!/^[a-z0-9.-]+$|^[0-9a-f:]+$/.test(h)) throw new PunchoutProblem(`"${h}" is not a host name: write names like erp.example.com, without https:// or a path.`, 400, 'returnHosts');
  }
  if (hosts.length === 0) throw new PunchoutProblem('Name at least one host the basket may be returned to.', 400, 'returnHosts');
  return hosts;
}
