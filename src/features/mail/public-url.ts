import { linkOrigin } from '#features/security/deployment-settings.ts';

/**
 * An absolute link for mails written in the background (no request to take the origin from), on
 * the same origin as the links in pages (linkOrigin: PUBLIC_URL, else http://HOST:PORT).
 */
export function publicUrl(path: string): string {
  return new URL(path, `${linkOrigin()}/`).href;
}
