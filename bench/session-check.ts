// What validating a session costs per request: validateSessionToken (one indexed join read,
// SHA-256 and a constant-time compare) on a real temporary libSQL file, N=5000, against a bare
// `SELECT 1` through the same client in the same run (these machines are noisy: read the ratio).
// Prints p50/p95 in µs, one line per figure.
// Run: node_modules/.bin/node bench/session-check.ts
import { openTempDatabase } from '#tests/support/temp-database.ts';
import { createOrganization } from '#features/accounts/create-organization.server.ts';
import { createUserWithPassword } from '#features/accounts/create-user.server.ts';
import { createSession, validateSessionToken } from '#features/auth/sessions.server.ts';

const N = 5_000;
const WARMUP = 500;
const OTHER_SESSIONS = 2_000; // a table with other people's sessions in it, as in production

const temp = await openTempDatabase();
const { db, client } = temp.database;
try {
  const org = await createOrganization(db, { name: 'Bench Customer', kind: 'customer' });
  const user = await createUserWithPassword(db, { orgId: org.id, email: 'bench@bench.test', name: 'Bench', role: 'buyer', password: 'bench-password' });
  const now = Date.now();
  for (let i = 0; i < OTHER_SESSIONS; i++) await createSession(db, user.id, now);
  const { token } = await createSession(db, user.id, now);

  async function measure(label: string, run: () => Promise<unknown>): Promise<[number, number]> {
    for (let i = 0; i < WARMUP; i++) await run();
    const times = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      const start = performance.now();
      await run();
      times[i] = (performance.now() - start) * 1000;
    }
    times.sort();
    const p50 = times[Math.floor(0.5 * N)]!;
    const p95 = times[Math.floor(0.95 * N)]!;
    console.log(`${label}: p50 ${p50.toFixed(1)} µs`);
    console.log(`${label}: p95 ${p95.toFixed(1)} µs`);
    return [p50, p95];
  }

  const [baseP50, baseP95] = await measure('baseline SELECT 1', () => client.execute('SELECT 1'));
  // Within the touch interval, so this is the common case: a read, no write.
  const [p50, p95] = await measure('validateSessionToken', async () => {
    if (!(await validateSessionToken(db, token, now + 1000))) throw new Error('session did not validate');
  });
  console.log(`ratio session check/SELECT 1 p50: ${(p50 / baseP50).toFixed(1)}`);
  console.log(`ratio session check/SELECT 1 p95: ${(p95 / baseP95).toFixed(1)}`);
} finally {
  temp.close();
}
