/**
 * Where this Vitrine is reached, for links in mails written in the background (no request to take
 * the origin from): PUBLIC_URL, else http://HOST:PORT.
 */
export function publicUrl(path: string): string {
  const base = process.env.PUBLIC_URL || `http://${process.env.HOST || '127.0.0.1'}:${process.env.PORT || '4321'}`;
  return new URL(path, base.endsWith('/') ? base : `${base}/`).href;
}
