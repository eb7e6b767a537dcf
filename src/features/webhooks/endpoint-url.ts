import { isIP } from 'node:net';
import { isLoopbackHost, isPrivateAddress } from './private-addresses.ts';
import { WebhookProblem } from './webhook-problem.ts';

export const MAX_URL_LENGTH = 2000;

/**
 * Checks the URL an endpoint is registered with: https (plain http only to this machine, and only
 * where private addresses are allowed, as in the demo), no user name or password in it (they
 * would end up in logs), and not an address in a private range unless that is allowed. A host
 * name is resolved again at every delivery (see guarded-lookup.server.ts): what it points to
 * may change after registration.
 */
export function checkEndpointUrl(raw: string, allowPrivate: boolean): URL {
  const text = raw.trim();
  if (text === '') throw new WebhookProblem('Enter the URL that should receive the events, e.g. https://erp.example.com/vitrine-events.', 'url');
  if (text.length > MAX_URL_LENGTH) throw new WebhookProblem(`Use a URL of at most ${MAX_URL_LENGTH} characters.`, 'url');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookProblem('This is not a complete URL: write it with https://, e.g. https://erp.example.com/vitrine-events.', 'url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookProblem('Use an https:// URL.', 'url');
  if (url.username || url.password) throw new WebhookProblem('Leave the user name and password out of the URL: every delivery is signed with the endpoint\'s secret instead.', 'url');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = isLoopbackHost(host);
  if (url.protocol === 'http:' && !(allowPrivate && loopback)) {
    throw new WebhookProblem(allowPrivate ? 'Use an https:// URL (plain http:// is accepted only for this machine, e.g. http://127.0.0.1:8080/hook).' : 'Use an https:// URL: events are sent encrypted only.', 'url');
  }
  if (!allowPrivate && (loopback || (isIP(host) !== 0 && isPrivateAddress(host)))) {
    throw new WebhookProblem('This address is in a private network range, which webhooks may not be sent to. Use an address reachable from the internet.', 'url');
  }
  url.hash = '';
  return url;
}
