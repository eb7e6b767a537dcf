import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The first-run setup token lives only in this process's memory (a slot on globalThis, since the
 * HTTP front in scripts/serve.ts and the built app are separate module graphs in one process):
 * it is valid until used or until the process stops. Only its SHA-256 is kept.
 */
const SLOT = Symbol.for('vitrine.setup-token');
type Slot = Record<symbol, Buffer | undefined>;

export function issueSetupToken(): string {
  const token = randomBytes(24).toString('base64url');
  (globalThis as Slot)[SLOT] = createHash('sha256').update(token).digest();
  return token;
}

export function setupTokenMatches(token: string | null | undefined): boolean {
  const held = (globalThis as Slot)[SLOT];
  if (!held || !token) return false;
  return timingSafeEqual(held, createHash('sha256').update(token).digest());
}

export function spendSetupToken(): void {
  (globalThis as Slot)[SLOT] = undefined;
}
