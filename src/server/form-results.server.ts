import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { formResults } from '#db/schema/form-results.ts';

/** What a form's POST leaves for the GET it redirects to. */
export interface FormOutcome {
  /** The action's name ("lists.addItem"). */
  action: string;
  /** The action's result as Astro serializes it (`serializeActionResult`). */
  result: { type: 'data' | 'error' | 'empty'; status: number; contentType?: string; body?: string };
  /** After an error: the form's text fields as typed, by name (never passwords or files). */
  typed: Record<string, string[]>;
  /** The page (path and query) the outcome is shown on; another page leaves it for its own. */
  page: string;
}

/** Long enough for a slow redirect; short enough that an abandoned outcome is soon gone. */
const KEEP_MS = 5 * 60_000;

const idOf = (token: Buffer) => createHash('sha256').update(token).digest('hex');

/** Keeps an outcome and returns the token for the browser's cookie, the only place its key is. */
export async function keepFormOutcome(db: Db, outcome: FormOutcome, now: number): Promise<string> {
  const token = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', token, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(outcome), 'utf8'), cipher.final()]);
  const sealed = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  await db.batch([
    db.delete(formResults).where(lt(formResults.expiresAt, now)),
    db.insert(formResults).values({ id: idOf(token), sealed, expiresAt: now + KEEP_MS }),
  ]);
  return token.toString('base64url');
}

/**
 * The outcome a token names when it is for `page`, removed as it is read, so a reload shows the
 * page as it is now; null when there is none (expired, already read, tampered with, another page).
 */
export async function takeFormOutcome(db: Db, tokenText: string, page: string, now: number): Promise<FormOutcome | null> {
  const token = Buffer.from(tokenText, 'base64url');
  if (token.length !== 32) return null;
  const id = idOf(token);
  const [row] = await db.select().from(formResults).where(eq(formResults.id, id));
  if (!row || row.expiresAt < now) return null;
  let outcome: FormOutcome;
  try {
    const [iv, tag, body] = row.sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', token, iv!);
    decipher.setAuthTag(tag!);
    outcome = JSON.parse(Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8')) as FormOutcome;
  } catch {
    return null;
  }
  if (outcome.page !== page) return null;
  await db.delete(formResults).where(eq(formResults.id, id));
  return outcome;
}
