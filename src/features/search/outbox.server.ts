import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { SearchEngine } from './search-port.ts';
import { loadLiveDocuments } from './catalog-documents.server.ts';
import { retryDelayMs } from './backoff.ts';
import { describeSearchError } from './meili-engine.server.ts';

/**
 * Keeps an external engine in step with libSQL. The publish transaction writes a search_outbox
 * row; this sends the catalog's CURRENT live documents (so several publishes of one catalog
 * collapse into one sync, and a rollback converges too). A failure leaves the publish alone:
 * the row is retried with exponential backoff and /healthz reports the lag.
 */
export interface OutboxDeps { db: Db; engine: SearchEngine; now?: () => Date; log?: (line: string) => void }

/** A claimed row is left to its claimer this long (several app processes share one outbox). */
const LEASE_MS = 5 * 60_000;

interface Pending { id: number; catalog_id: number; attempts: number }

export async function syncOutboxOnce(deps: OutboxDeps, limit = 20): Promise<{ synced: number; failed: number }> {
  const now = deps.now?.() ?? new Date();
  const at = now.toISOString();
  const due = await deps.db.all<Pending>(sql`SELECT id, catalog_id, attempts FROM search_outbox
    WHERE done_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ${at}) ORDER BY id LIMIT ${limit}`);
  if (deps.engine.kind === 'embedded') {
    // The embedded index was written in the publish transaction itself: nothing to send.
    if (due.length) await deps.db.run(sql`UPDATE search_outbox SET done_at = ${at} WHERE done_at IS NULL AND id <= ${Math.max(...due.map((d) => d.id))}`);
    return { synced: due.length, failed: 0 };
  }
  let synced = 0;
  let failed = 0;
  const latest = new Map<number, Pending>();
  for (const row of due) latest.set(row.catalog_id, row);
  for (const row of latest.values()) {
    const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
    const claim = await deps.db.run(sql`UPDATE search_outbox SET next_attempt_at = ${leaseUntil}
      WHERE id = ${row.id} AND done_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ${at})`);
    if (claim.rowsAffected !== 1) continue; // another process has it
    try {
      await deps.engine.replaceCatalog(row.catalog_id, await loadLiveDocuments(deps.db, row.catalog_id));
      const done = (deps.now?.() ?? new Date()).toISOString();
      await deps.db.run(sql`UPDATE search_outbox SET done_at = ${done}, last_error = NULL WHERE done_at IS NULL AND catalog_id = ${row.catalog_id} AND id <= ${row.id}`);
      synced++;
    } catch (e) {
      failed++;
      const attempts = row.attempts + 1;
      const next = new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
      const reason = describeSearchError(e);
      await deps.db.run(sql`UPDATE search_outbox SET attempts = ${attempts}, next_attempt_at = ${next}, last_error = ${reason} WHERE id = ${row.id}`);
      deps.log?.(`search sync of catalog ${row.catalog_id} failed (attempt ${attempts}, next at ${next}): ${reason}`);
    }
  }
  return { synced, failed };
}

export interface OutboxLag {
  pending: number;
  /** Seconds since the oldest change still waiting was published (0 when none waits). */
  lagSeconds: number;
  failing: number;
  lastError: string | null;
}

export async function outboxLag(db: Db, now: Date): Promise<OutboxLag> {
  const [row] = await db.all<{ pending: number; oldest: string | null; failing: number }>(sql`SELECT count(*) AS pending, min(created_at) AS oldest,
    coalesce(sum(attempts > 0), 0) AS failing FROM search_outbox WHERE done_at IS NULL`);
  const [last] = await db.all<{ e: string }>(sql`SELECT last_error AS e FROM search_outbox WHERE done_at IS NULL AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1`);
  const oldest = row?.oldest ? Date.parse(row.oldest) : null;
  return {
    pending: row?.pending ?? 0,
    lagSeconds: oldest === null ? 0 : Math.max(0, Math.round((now.getTime() - oldest) / 1000)),
    failing: row?.failing ?? 0,
    lastError: last?.e ?? null,
  };
}

/** Runs syncOutboxOnce every `intervalMs` in the background (never two at once); stop() ends it. */
export function startOutboxWorker(deps: OutboxDeps, intervalMs = 2_000): { stop(): void; kick(): Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= syncOutboxOnce(deps).then(() => undefined, (e) => deps.log?.(`search sync stopped by an error: ${describeSearchError(e)}`)).finally(() => { running = null; });
    return running;
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), kick: tick };
}
