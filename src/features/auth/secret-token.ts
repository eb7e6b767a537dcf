import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/**
 * Tokens of the form `<id>.<secret>`, as the Lucia sessions guide describes: the id finds the
 * row, only SHA-256(secret) is stored, and the comparison is constant-time. Used for sessions,
 * invitation and reset links, and API tokens.
 */
export interface SecretToken { id: string; secret: string; token: string; secretHash: Uint8Array }

function randomString(bytes: number): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return encodeBase32LowerCaseNoPadding(buf);
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export function generateSecretToken(): SecretToken {
  const id = randomString(15);
  const secret = randomString(24); // 192 bits, above the guide's 120-bit minimum
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function splitToken(token: string): { id: string; secret: string } | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [id, secret] = parts;
  if (!id || !secret || id.length > 64 || secret.length > 128) return null;
  return { id, secret };
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const candidate = hashSecret(secret);
  return candidate.length === storedHash.length && constantTimeEqual(candidate, new Uint8Array(storedHash));
}
