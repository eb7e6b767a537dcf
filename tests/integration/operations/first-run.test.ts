import { afterAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltServer, type ServerProcess } from '#tests/support/built-server.ts';
import { followFormOutcome, postForm, sessionCookieOf } from '#tests/support/http-form.ts';
import { openDatabase } from '#db/client.ts';

// `npm start` on an empty database, as a new operator runs it (the built server: npm run build first).
describe('first run', () => {
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  const freshDir = () => { const d = mkdtempSync(join(tmpdir(), 'vitrine-first-run-')); dirs.push(d); return d; };
  const envOf = (dir: string) => ({ DATABASE_URL: `file:${join(dir, 'vitrine.db')}`, MEDIA_DIR: join(dir, 'media') });
  // Started as an operator starts it: scripts/start.ts migrates the database, then serves.
  const start = (dir: string) => startBuiltServer({ script: 'scripts/start.ts', databaseFile: join(dir, 'vitrine.db'), mediaDir: join(dir, 'media'), env: { LOG_LEVEL: 'info' }, startTimeoutMs: 120_000 });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('prints one setup URL; /setup names the operator and creates the first admin, then answers 404 forever', async () => {
    const dir = freshDir();
    const server = await start(dir);
    servers.push(server);
    const [line, url] = (await server.waitFor(/^.*(http:\/\/127\.0\.0\.1:\d+\/setup\?token=[\w-]+).*$/m));
    expect(server.output.join('').split('\n').filter((l) => l.includes('/setup?token='))).toHaveLength(1);
    expect(line).toContain('first administrator');
    const token = new URL(url!).searchParams.get('token')!;

    expect((await fetch(`${server.base}/setup`)).status).toBe(404);
    expect((await fetch(`${server.base}/setup?token=${token}x`)).status).toBe(404);
    const form = await fetch(url!);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Organization name');

    const fields = { token, organizationName: 'Harbor Industrial Supply', contactEmail: 'partners@harbor.test', name: 'Hana Harbor', email: 'Hana@Harbor.test', password: 'a-long-password', confirmPassword: 'a-long-password' };
    const action = `/setup?token=${token}&_action=setup.complete`;
    // A refused form comes back on the page it was posted from (Post/Redirect/Get), with the error's status.
    const mismatch = await followFormOutcome(server.base, await postForm(server.base, action, { ...fields, confirmPassword: 'something-else' }));
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('The two passwords differ.');

    const done = await postForm(server.base, action, fields);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin/settings');
    const cookie = sessionCookieOf(done);
    const settings = await fetch(`${server.base}/admin/settings`, { headers: { cookie } });
    expect(settings.status).toBe(200);
    const html = await settings.text();
    expect(html).toContain('value="Harbor Industrial Supply"');
    expect(html).toContain('value="partners@harbor.test"');

    // Spent: the same token, a second post, and any token now answer 404.
    expect((await fetch(url!)).status).toBe(404);
    expect((await followFormOutcome(server.base, await postForm(server.base, action, { ...fields, email: 'other@harbor.test' }))).status).toBe(404);
    const login = await (await fetch(`${server.base}/login`)).text();
    expect(login).toContain('Harbor Industrial Supply');
    expect(login).not.toContain('Northwind');

    // After a restart there is an administrator: no setup line, /setup stays 404.
    await server.stop();
    const again = await start(dir);
    servers.push(again);
    await new Promise((r) => setTimeout(r, 500));
    expect(again.output.join('')).not.toContain('/setup?token=');
    expect((await fetch(`${again.base}/setup?token=${token}`)).status).toBe(404);
    const signIn = await postForm(again.base, '/login?_action=auth.signIn', { email: 'hana@harbor.test', password: 'a-long-password' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/admin');
  }, 120_000);

  test('npm run admin:create makes an administrator from ADMIN_PASSWORD and refuses an existing email', async () => {
    const dir = freshDir();
    const run = (args: string[], password?: string) => spawnSync(process.execPath, ['scripts/admin-create.ts', ...args], {
      env: { ...process.env, ...envOf(dir), ADMIN_PASSWORD: password ?? '' }, encoding: 'utf8', input: '',
    });
    const usage = run([]);
    expect(usage.status).toBe(2);
    const created = run(['--email', 'Ops@Example.test', '--name', 'Ops Person', '--organization', 'Example Distribution'], 'another-long-password');
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Administrator ops@example.test created.');
    const twice = run(['--email', 'ops@example.test', '--name', 'Ops Again'], 'another-long-password');
    expect(twice.status).toBe(1);
    expect(twice.stderr).toContain('An administrator with this email already exists.');
    const weak = run(['--email', 'second@example.test', '--name', 'Second'], 'short');
    expect(weak.status).toBe(1);
    // A second administrator with another email is fine (scripted installs add several).
    expect(run(['--email', 'second@example.test', '--name', 'Second'], 'yet-another-password').status).toBe(0);

    const database = await openDatabase(envOf(dir).DATABASE_URL);
    const admins = await database.client.execute("SELECT u.email, o.name, o.kind FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.role = 'admin' ORDER BY u.id");
    expect(admins.rows.map((r) => [r.email, r.name, r.kind])).toEqual([['ops@example.test', 'Example Distribution', 'operator'], ['second@example.test', 'Example Distribution', 'operator']]);
    const settings = await database.client.execute('SELECT name, contact_email FROM operator_settings');
    expect(settings.rows.map((r) => [r.name, r.contact_email])).toEqual([['Example Distribution', 'ops@example.test']]);
    database.client.close();

    // The server on this database has its administrator: no setup URL, and the admin signs in.
    const server = await start(dir);
    servers.push(server);
    await new Promise((r) => setTimeout(r, 500));
    expect(server.output.join('')).not.toContain('/setup?token=');
    const signIn = await postForm(server.base, '/login?_action=auth.signIn', { email: 'ops@example.test', password: 'another-long-password' });
    expect(signIn.status).toBe(303);
  }, 180_000); // five processes that each load the app's modules and hash a password
});
