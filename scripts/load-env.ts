import { existsSync } from 'node:fs';

/** Reads `.env` when present (values already in the environment win), as the server does. */
export function loadEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL || 'file:data/vitrine.db';
}
