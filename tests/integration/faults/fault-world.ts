import { createClient } from '@libsql/client';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openPipelineWorld, type PipelineWorld } from '../imports/pipeline-world.ts';
import { createApiToken } from '#features/auth/api-tokens.server.ts';
import { createSession } from '#features/auth/sessions.server.ts';
import { SESSION_POLICY } from '#features/auth/session-policy.ts';
import { createView } from '#features/views/create-view.server.ts';
import { editDraft } from '#features/views/edit-draft.server.ts';
import { publishView } from '#features/views/publish-view.server.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { openBrowseContext } from '#features/visibility/browse-context.server.ts';
import { visibleItemBatches } from '#features/visibility/visible-items.server.ts';
import { startBuiltServer, type ServerProcess, type ServerSettings } from '#tests/support/built-server.ts';

/** One generated price-list line; prices in whole euros so any whole percentage stays exact. */
export interface Line { sku: string; name: string; category: string; priceMinor: number }

const CATEGORIES = ['Screws > Wood', 'Screws > Machine', 'Nuts > Hex', 'Anchors > Nylon', 'Washers > Flat'];

/**
 * Revision "A" of the fault catalog: `count` items. Revision "B" (`version` 2) drops the first
 * tenth, adds as many new items whose names hold the word "zephyrine" (so a search tells the
 * two apart), and raises every price by one euro.
 */
export function priceLines(count: number, version: 1 | 2): Line[] {
  const lines: Line[] = [];
  const dropped = version === 2 ? Math.floor(count / 10) : 0;
  for (let n = dropped; n < count + dropped; n++) {
    const fresh = n >= count;
    lines.push({
      sku: `FT-${String(n).padStart(6, '0')}`,
      name: fresh ? `Zephyrine fastener ${n}` : `Hex bolt M${3 + (n % 10)} x ${10 + (n % 190)} mm pack ${n}`,
      category: CATEGORIES[n % CATEGORIES.length]!,
      priceMinor: (10 + (n % 400) + (version === 2 ? 1 : 0)) * 100,
    });
  }
  return lines;
}

export function priceListCsv(lines: readonly Line[]): string {
  const money = (minor: number) => `${minor / 100}.00`;
  return 'SKU,Name,Price,Category,EAN\n' + lines.map((l) => `${l.sku},${l.name},${money(l.priceMinor)},${l.category},`).join('\n') + '\n';
}

/** What buyers of the catalog see live: its items by SKU (sorted), straight from libSQL. */
export async function liveItems(w: PipelineWorld, catalogId: number): Promise<Line[]> {
  return w.db.all<Line>(sql`SELECT i.sku AS sku, i.name AS name, i.category_path AS category, i.price_minor AS priceMinor
    FROM items i JOIN catalogs c ON c.live_revision_id = i.revision_id WHERE c.id = ${catalogId} ORDER BY i.sku`);
}

export const bySku = (lines: readonly Line[]) => [...lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));

/**
 * Whether the embedded search index agrees with the catalog: its documents are exactly the live
 * items (same ids, SKUs, names, list prices), and FTS5's own integrity check (index against its
 * external content table) passes. Returns the differences, empty when it agrees.
 */
/**
 * How the catalog's search documents differ from its live items. `writtenAhead`: documents of
 * another revision are allowed, as a publish killed before or just after its switch leaves them
 * (written ahead of the switch, or not yet removed after it): no search takes them, and the next
 * publish of the catalog removes them.
 */
export async function searchDisagreements(w: PipelineWorld, catalogId: number, options: { writtenAhead?: 'allowed' } = {}): Promise<string[]> {
  const problems: string[] = [];
  const missing = await w.db.all<{ sku: string }>(sql`SELECT i.sku FROM items i JOIN catalogs c ON c.live_revision_id = i.revision_id
    WHERE c.id = ${catalogId} AND NOT EXISTS (SELECT 1 FROM search_fts_documents d WHERE d.item_id = i.id AND d.sku = i.sku AND d.name = i.name AND d.list_unit_minor = i.price_minor)`);
  if (missing.length) problems.push(`${missing.length} live items have no matching search document (e.g. ${missing[0]!.sku})`);
  const stray = await strayDocuments(w, catalogId);
  if (stray.length && options.writtenAhead !== 'allowed') problems.push(`${stray.length} search documents are not live items (e.g. ${stray[0]!.sku})`);
  try {
    await w.database.client.execute(`INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)`);
  } catch (e) {
    problems.push(`FTS5 integrity check: ${(e as Error).message}`);
  }
  return problems;
}

/** The catalog's search documents of revisions that are not live: written ahead, or replaced and not yet removed. */
export function strayDocuments(w: PipelineWorld, catalogId: number): Promise<Array<{ sku: string }>> {
  return w.db.all<{ sku: string }>(sql`SELECT d.sku FROM search_fts_documents d JOIN catalogs c ON c.id = d.catalog_id
    WHERE d.catalog_id = ${catalogId} AND (c.live_revision_id IS NULL OR d.revision_id <> c.live_revision_id)`);
}

export async function pendingOutbox(w: PipelineWorld): Promise<number> {
  const [row] = await w.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM search_outbox WHERE done_at IS NULL`);
  return row!.n;
}

/**
 * Whether some connection holds the database's write lock right now: a write transaction that
 * cannot start at once means another writer (the server's transaction) is inside one.
 */
export function writeLockProbe(databaseFile: string) {
  const client = createClient({ url: `file:${databaseFile}`, timeout: 0 });
  return {
    async held(): Promise<boolean> {
      try {
        const tx = await client.transaction('write');
        await tx.rollback();
        return false;
      } catch (e) {
        if (/SQLITE_BUSY|database is locked/i.test(String((e as Error).message) + String((e as { code?: string }).code))) return true;
        throw e;
      }
    },
    close: () => client.close(),
  };
}

/** Polls `check` until it returns a value (not undefined), or fails after `ms`. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 60_000, every = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

export interface FaultWorld {
  w: PipelineWorld;
  settings: ServerSettings & { databaseFile: string };
  /** The Acme supplier's API token (what an ERP integration uses). */
  acmeToken: string;
  start(extra?: Partial<ServerSettings>): Promise<ServerProcess>;
}

/** A temp database with the demo accounts, its media folder, and a way to start the built server on them. */
export async function openFaultWorld(): Promise<FaultWorld> {
  const w = await openPipelineWorld();
  const settings: FaultWorld['settings'] = { databaseFile: join(w.dir, 'test.db'), mediaDir: w.mediaDir, uploadMaxBytes: 64 * 1024 * 1024 };
  const acmeToken = (await createApiToken(w.db, w.acme, 'ERP', { ip: '192.0.2.44', at: new Date() })).token;
  return { w, settings, acmeToken, start: (extra = {}) => startBuiltServer({ ...settings, ...extra }) };
}

/** A JSON API call with the bearer token. */
export async function api(base: string, token: string, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(`${base}${path}`, { ...init, headers });
}

/** A published view for Globex showing the catalog at `percentOff`, as sales would set it up; returns its id. */
export async function globexView(w: PipelineWorld, catalogId: number, percentOff: number): Promise<number> {
  const sales = await w.user('sales@vitrine.test');
  const actor = { id: sales.id, email: sales.email, ip: null };
  const view = await createView(w.db, actor, { customerOrgId: w.orgIds.get('globex-manufacturing')!, name: 'Fault agreement', note: '' }, new Date());
  await editDraft(w.db, view.id, sales.id, new Date(), () => ({ rules: { catalogs: [{ catalogId, percentOff }] } }));
  await publishView(w.db, view.id, actor, new Date());
  return view.id;
}

/** A session cookie for a demo person, as signing in would set it. */
export async function sessionCookie(w: PipelineWorld, email: string): Promise<string> {
  const user = await w.user(email);
  const { token } = await createSession(w.db, user.id, Date.now());
  return `${SESSION_POLICY.cookieName}=${token}`;
}

/** Every item a Globex buyer sees in the catalog with their net price, "SKU price" sorted: the buyer's whole price list. */
export async function globexPriceList(w: PipelineWorld, catalogId: number): Promise<string[]> {
  const ctx = await openBrowseContext(w.db, await resolveBuyerScope(w.db, w.orgIds.get('globex-manufacturing')!, new Date()));
  const out: string[] = [];
  for await (const batch of visibleItemBatches(w.db, ctx, catalogId)) for (const item of batch) out.push(`${item.sku} ${item.price.netMinor}`);
  return out.sort();
}
