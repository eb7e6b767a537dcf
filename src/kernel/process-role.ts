/**
 * What this process does when the server runs as several processes (src/server/cluster.server.ts):
 * `web` serves requests and runs nothing heavy in the background; `jobs` reads uploads, publishes
 * what is due, syncs the search outbox and sends mail, and serves no one; `all` does both, as a
 * single process (`WEB_CONCURRENCY=1`, `astro dev`, tests that open the app in-process).
 */
export type ProcessRole = 'web' | 'jobs' | 'all';

export const PROCESS_ROLE_VARIABLE = 'VITRINE_ROLE';

export function processRole(env: NodeJS.ProcessEnv = process.env): ProcessRole {
  const role = env[PROCESS_ROLE_VARIABLE];
  return role === 'web' || role === 'jobs' ? role : 'all';
}

/** Whether this process runs the background work (uploads, schedules, outboxes, housekeeping). */
export const runsBackgroundWork = (role: ProcessRole = processRole()): boolean => role !== 'web';
