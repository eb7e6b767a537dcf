import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '#db/client.ts';
import { operatorSettings, organizations } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { PersonProblem } from '#kernel/person-problem.ts';

/** What every page, mail and help text says of the operator running this Vitrine. */
export interface OperatorBrand { name: string; contactEmail: string | null; logoVersion: number | null }

/** Before the first run has named the operator. */
export const UNNAMED_OPERATOR: OperatorBrand = { name: 'the operator of this Vitrine', contactEmail: null, logoVersion: null };

const MEMO_MS = 5_000;
let memo: { at: number; brand: Promise<OperatorBrand> } | null = null;

/** The operator's name, contact and logo version; read at most every few seconds per process. */
export function operatorBrand(db: Db, now: number = Date.now()): Promise<OperatorBrand> {
  if (memo && now - memo.at < MEMO_MS) return memo.brand;
  const brand = readBrand(db);
  memo = { at: now, brand };
  brand.catch(() => { memo = null; });
  return brand;
}

async function readBrand(db: Db): Promise<OperatorBrand> {
  const [row] = await db.select({ name: operatorSettings.name, contactEmail: operatorSettings.contactEmail, logoVersion: operatorSettings.logoVersion, hasLogo: operatorSettings.logo })
    .from(operatorSettings).where(eq(operatorSettings.id, 1)).limit(1);
  if (!row) return UNNAMED_OPERATOR;
  return { name: row.name, contactEmail: row.contactEmail, logoVersion: row.hasLogo ? row.logoVersion : null };
}

export function forgetOperatorSettings(): void {
  memo = null;
}

export async function operatorLogo(db: Db): Promise<{ data: Buffer; version: number } | null> {
  const [row] = await db.select({ logo: operatorSettings.logo, version: operatorSettings.logoVersion }).from(operatorSettings).where(eq(operatorSettings.id, 1)).limit(1);
  return row?.logo ? { data: row.logo, version: row.version } : null;
}

export const LOGO_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Re-encodes an uploaded logo as a PNG at most 480×160 pixels: whatever the file was (an SVG with
 * script, a polyglot), only sharp's decoded pixels are kept. Throws PersonProblem when unreadable.
 */
export async function reencodeLogo(input: Buffer): Promise<Buffer> {
  if (input.length > LOGO_MAX_BYTES) throw new PersonProblem('The logo is larger than 2 MB.', 'logo');
  try {
    const meta = await sharp(input, { limitInputPixels: 25_000_000 }).metadata();
    if (!meta.format || !['jpeg', 'png', 'webp', 'gif'].includes(meta.format)) throw new Error(meta.format);
    return await sharp(input, { limitInputPixels: 25_000_000 }).rotate().resize({ width: 480, height: 160, fit: 'inside', withoutEnlargement: true }).png().toBuffer();
  } catch {
    throw new PersonProblem('The logo must be a PNG, JPEG, WebP or GIF image.', 'logo');
  }
}

export interface SettingsInput { name: string; contactEmail: string; logo: Buffer | null; removeLogo: boolean }

/** An admin renames the operator, changes its contact, or replaces/removes its logo. */
export async function saveOperatorSettings(db: Db, actor: SessionUser, input: SettingsInput, meta: { ip: string | null; at: Date }): Promise<void> {
  const name = input.name.trim();
  const contactEmail = input.contactEmail.trim().toLowerCase();
  if (!name || name.length > 120) throw new PersonProblem('Enter the organization\'s name (at most 120 characters).', 'name');
  if (!/^[^\s@]+@[^\s@]+$/.test(contactEmail)) throw new PersonProblem('Enter a contact email address such as info@company.com.', 'contactEmail');
  const logo = input.logo && input.logo.length > 0 ? await reencodeLogo(input.logo) : null;
  const now = meta.at.toISOString();
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ version: operatorSettings.logoVersion }).from(operatorSettings).where(eq(operatorSettings.id, 1)).limit(1);
    const logoChange = logo ? { logo, logoVersion: (current?.version ?? 0) + 1 } : input.removeLogo ? { logo: null } : {};
    if (current) await tx.update(operatorSettings).set({ name, contactEmail, updatedAt: now, ...logoChange }).where(eq(operatorSettings.id, 1));
    else await tx.insert(operatorSettings).values({ id: 1, name, contactEmail, updatedAt: now, ...logoChange });
    const [operator] = await tx.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.kind, 'operator')).limit(1);
    if (operator && operator.name !== name) {
      const [clash] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name)).limit(1);
      if (clash) throw new PersonProblem('Another organization already has this name.', 'name');
      await tx.update(organizations).set({ name }).where(eq(organizations.id, operator.id));
    }
  });
  forgetOperatorSettings();
  // The audit event also moves the change stamp, so cached pages are rendered again with the new name.
  await recordAuditEvent(db, { kind: 'settings-changed', actor, ip: meta.ip, at: meta.at, detail: { name, contactEmail, logo: logo ? 'replaced' : input.removeLogo ? 'removed' : 'kept' } });
}

/** Replaces the operator-name placeholder of help texts and other operator-written words. */
export function withOperatorName(text: string, name: string): string {
  return text.replaceAll('{{operator}}', name);
}
