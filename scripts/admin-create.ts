// `npm run admin:create -- --email a@b.c --name "Ada Admin" [--organization "Name"]`: an administrator
// for scripted installs. The password comes from ADMIN_PASSWORD, or is asked for (not echoed).
// Refuses (exit 1) when an account with that email exists. Applies pending migrations first.
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { loadEnv, databaseUrl } from './load-env.ts';
import { createAdministrator } from '#features/setup/first-administrator.server.ts';
import { AccountProblem } from '#features/accounts/account-problem.ts';

async function askPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    // Piped: the first line of standard input.
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) { rl.close(); return line; }
    return '';
  }
  process.stdout.write(prompt);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let typed = '';
  return new Promise((done) => {
    const onData = (chunk: Buffer) => {
      for (const c of chunk.toString('utf8')) {
        if (c === '\r' || c === '\n') {
          process.stdin.setRawMode(false); process.stdin.pause(); process.stdin.off('data', onData);
          process.stdout.write('\n');
          return done(typed);
        }
        if (c === '\u0003') process.exit(130);
        if (c === '\u007f') typed = typed.slice(0, -1);
        else typed += c;
      }
    };
    process.stdin.on('data', onData);
  });
}

loadEnv();
const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, organization: { type: 'string' }, 'contact-email': { type: 'string' } } });
if (!values.email || !values.name) {
  console.error('Usage: npm run admin:create -- --email admin@example.com --name "Full Name" [--organization "Your company"] [--contact-email info@example.com]\nThe password is read from ADMIN_PASSWORD, or asked for.');
  process.exit(2);
}
const password = process.env.ADMIN_PASSWORD || (await askPassword(`Password for ${values.email}: `));
const database = await openDatabase(databaseUrl(), process.env.DATABASE_AUTH_TOKEN);
try {
  await runMigrations(database);
  await createAdministrator(database.db, { organizationName: values.organization ?? null, contactEmail: values['contact-email'] ?? null, name: values.name, email: values.email, password }, { onlyIfFirst: false });
  console.log(`Administrator ${values.email.trim().toLowerCase()} created.`);
} catch (e) {
  if (!(e instanceof AccountProblem)) throw e;
  console.error(`Not created: ${e.message}`);
  process.exitCode = 1;
} finally {
  database.client.close();
}
