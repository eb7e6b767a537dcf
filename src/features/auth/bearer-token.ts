/**
 * The token of an `Authorization: Bearer <token>` header: null when the request has no
 * Authorization header, '' when it has one that is not a usable bearer token (refused, not ignored).
 */
export function bearerToken(header: string | null): string | null {
  if (header === null) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match ? match[1]! : '';
}
