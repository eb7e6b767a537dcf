import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema files and committed; the app applies them at start.
export default defineConfig({
  dialect: 'turso',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'file:data/vitrine.db' },
  tablesFilter: ['!search_fts*'],
});
