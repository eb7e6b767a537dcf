import { deploymentSettings } from '#features/security/deployment-settings.ts';

/**
 * Headers on every on-demand response. The policy allows only our own scripts, styles and
 * images; uploaded images are served from our origin as WebP only.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
];
const CSP = DIRECTIVES.join('; ');

/**
 * The policy of the one page that posts elsewhere: a punchout transfer, whose form goes to the
 * procurement system's return URL. Only that origin is added to `form-action`.
 */
export function policyAllowingFormTo(origin: string): string {
  return DIRECTIVES.map((d) => (d.startsWith('form-action ') ? `${d} ${origin}` : d)).join('; ');
}

/**
 * The same headers for every response of the HTTP front (scripts/serve.ts), static files and
 * the runtime's own answers included; a response that sets its own policy keeps it.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  // Browsers heed this only over HTTPS, so it costs nothing on a plain-HTTP intranet address.
  'strict-transport-security': 'max-age=31536000',
  // Off, as OWASP now advises: the old filters' blocking could itself be abused to leak or break pages; the CSP does the work.
  'x-xss-protection': '0',
};

/** HSTS with `includeSubDomains` when HSTS_INCLUDE_SUBDOMAINS is set: only for a host whose every subdomain serves HTTPS. */
export function hstsValue(includeSubDomains: boolean): string {
  return includeSubDomains ? 'max-age=31536000; includeSubDomains' : 'max-age=31536000';
}

export function applySecurityHeaders(response: Response): Response {
  const h = response.headers;
  try {
    if (!h.has('content-security-policy')) h.set('content-security-policy', CSP);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (name !== 'content-security-policy') h.set(name, value);
    h.set('strict-transport-security', hstsValue(deploymentSettings().hstsIncludeSubDomains));
  } catch {
    // Some responses (e.g. redirects built by the runtime) have immutable headers: copy them.
    const copy = new Response(response.body, response);
    return applySecurityHeaders(copy);
  }
  return response;
}
