import type { Db } from '#db/client.ts';
import { organizations, type OrgKind } from '#db/schema/index.ts';
import { slugify } from '#kernel/slugify.ts';

export async function createOrganization(db: Db, input: { name: string; kind: OrgKind; description?: string; slug?: string }, now: Date = new Date()) {
  const [row] = await db.insert(organizations).values({
    name: input.name.trim(), slug: input.slug ?? slugify(input.name), kind: input.kind, description: input.description ?? '', createdAt: now.toISOString(),
  }).returning();
  return row!;
}
