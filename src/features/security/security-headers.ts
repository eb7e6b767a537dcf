/**
 * Headers on every on-demand response. The policy allows only our own scripts, styles and
 * images; uploaded images are served from our origin as WebP only.
 */
const CSP = [
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
].join('; ');

export function applySecurityHeaders(response: Response): Response {
  const h = response.headers;
  try {
    if (!h.has('content-security-policy')) h.set('content-security-policy', CSP);
    h.set('x-content-type-options', 'nosniff');
    h.set('referrer-policy', 'same-origin');
    h.set('x-frame-options', 'DENY');
  } catch {
    // Some responses (e.g. redirects built by the runtime) have immutable headers: copy them.
    const copy = new Response(response.body, response);
    return applySecurityHeaders(copy);
  }
  return response;
}
