import { createClient } from '@libsql/client';
import { readdirSync } from 'node:fs';

/**
 * Real values from the seeded database the e2e server runs on, to fill dynamic route params.
 * "Owned" values belong to Acme (supplier) and are visible to Globex but not to Initech (buyers).
 */
export interface SeededValues {
  helpSlug: string | undefined;
  acmeCatalog: { id: number; slug: string; liveRevisionId: number } | undefined;
  acmeSku: string | undefined;
  globexOrg: { id: number; slug: string };
  globexViewId: number | undefined;
  globexBuyerId: number;
  globexListId: number | undefined;
}

const VISIBLE_TO = (org: string) => `SELECT json_extract(j.value, '$.catalogId') FROM customer_views v
  JOIN view_versions vv ON vv.id = v.published_version_id JOIN organizations co ON co.id = v.customer_org_id,
  json_each(vv.rules, '$.catalogs') j WHERE co.slug = '${org}'`;

export async function loadSeededValues(databaseUrl: string): Promise<SeededValues> {
  const client = createClient({ url: databaseUrl });
  try {
    const one = async (sql: string, args: Array<string | number> = []) => (await client.execute({ sql, args })).rows[0];
    const catalog = await one(`SELECT c.id, c.slug, c.live_revision_id FROM catalogs c JOIN organizations o ON o.id = c.supplier_org_id
      WHERE o.slug = 'acme-fasteners' AND c.live_revision_id IS NOT NULL AND c.id IN (${VISIBLE_TO('globex-manufacturing')})
      AND c.id NOT IN (${VISIBLE_TO('initech')}) ORDER BY c.id LIMIT 1`);
    const acmeCatalog = catalog ? { id: Number(catalog.id), slug: String(catalog.slug), liveRevisionId: Number(catalog.live_revision_id) } : undefined;
    const sku = acmeCatalog ? await one('SELECT sku FROM items WHERE revision_id = ? ORDER BY sku LIMIT 1', [acmeCatalog.liveRevisionId]) : undefined;
    const globex = await one("SELECT id, slug FROM organizations WHERE slug = 'globex-manufacturing'");
    const view = await one('SELECT id FROM customer_views WHERE customer_org_id = ? ORDER BY id LIMIT 1', [Number(globex!.id)]);
    const buyer = await one("SELECT id FROM users WHERE email = 'buyer@globex.test'");
    const list = await one('SELECT id FROM requisition_lists WHERE user_id = ? ORDER BY id LIMIT 1', [Number(buyer!.id)]);
    const helpSlug = readdirSync('content/help').find((f) => f.endsWith('.md'))?.replace(/\.md$/, '');
    return {
      helpSlug, acmeCatalog, acmeSku: sku ? String(sku.sku) : undefined,
      globexOrg: { id: Number(globex!.id), slug: String(globex!.slug) },
      globexViewId: view ? Number(view.id) : undefined, globexBuyerId: Number(buyer!.id), globexListId: list ? Number(list.id) : undefined,
    };
  } finally {
    client.close();
  }
}
