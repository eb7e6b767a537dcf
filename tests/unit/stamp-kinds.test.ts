import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { QUIET_KINDS, STAMP_KINDS } from '#features/page-cache/stamp-kinds.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.(ts|astro)$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('which audit events move the change stamp', () => {
  test('the trigger of the migrations moves it for exactly STAMP_KINDS', () => {
    const sql = readdirSync('db/migrations').filter((f) => f.endsWith('.sql')).sort().map((f) => readFileSync(join('db/migrations', f), 'utf8')).join('\n');
    const triggers = [...sql.matchAll(/CREATE TRIGGER `audit_events_change_stamp`[\s\S]*?WHEN NEW\.`kind` IN \(([^)]*)\)/g)];
    const latest = triggers.at(-1);
    expect(latest, 'a migration creates the change stamp trigger').toBeDefined();
    const kinds = [...latest![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
    expect(kinds).toEqual([...STAMP_KINDS].sort());
  });

  test('every audit kind the code records is either a stamp kind or a quiet one', () => {
    const recorded = new Set<string>();
    for (const file of filesUnder('src')) {
      const source = readFileSync(file, 'utf8');
      // kind: 'x', and both sides of kind: cond ? 'x' : 'y', where an audit event is written.
      if (!/recordAuditEvent|recordCatalogEvent|insert\(auditEvents\)/.test(source)) continue;
      for (const m of source.matchAll(/kind: ([^,}\n]+)/g)) for (const k of m[1]!.matchAll(/'([a-z]+(?:-[a-z]+)+)'/g)) recorded.add(k[1]!);
    }
    expect(recorded.size).toBeGreaterThan(20);
    const known = new Set<string>([...STAMP_KINDS, ...QUIET_KINDS]);
    expect([...recorded].filter((k) => !known.has(k)), 'add these to STAMP_KINDS (and the trigger) or QUIET_KINDS').toEqual([]);
    expect(STAMP_KINDS.filter((k) => (QUIET_KINDS as readonly string[]).includes(k))).toEqual([]);
  });
});

describe('the audit log names every kind', () => {
  test('every kind the code records has words in the log and a place in its Kind filter', async () => {
    const { AUDIT_KINDS } = await import('#features/audit/audit-kinds.ts');
    expect([...STAMP_KINDS, ...QUIET_KINDS].filter((k) => !(k in AUDIT_KINDS))).toEqual([]);
  });

  test('details read as words, never "[object Object]"', async () => {
    const { describeAuditEvent } = await import('#features/audit/describe-audit-event.ts');
    const published = describeAuditEvent('view-published', { viewId: 1, name: 'Globex framework agreement 2027', version: 2, customer: 'Globex Manufacturing', catalogs: [{ catalogId: 1, catalog: 'Fasteners 2027', visibleItems: 979 }] });
    expect(published).toBe('Published version 2 of the view “Globex framework agreement 2027” for Globex Manufacturing: Fasteners 2027 (979 items).');
    expect(describeAuditEvent('some-new-kind', { items: [{ sku: 'A-1', qty: 2 }] })).toBe('some-new-kind (items: sku A-1, qty 2).');
  });
});
