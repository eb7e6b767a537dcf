import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { startApiServer, type BuiltServer } from '../api/built-server.ts';
import { followFormOutcome, signInOver } from '#tests/support/http-form.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

// The operator's own name, contact and logo, set by an admin, on every page that names the operator.
describe('operator settings', () => {
  let server: BuiltServer;
  let admin: string;
  beforeAll(async () => {
    server = await startApiServer();
    admin = await signInOver(server.base, 'admin@vitrine.test', DEMO_PASSWORD);
  });
  afterAll(() => server?.stop());

  const page = async (path: string, cookie?: string) => {
    const r = await fetch(`${server.base}${path}`, { headers: cookie ? { cookie } : {} });
    return { status: r.status, html: await r.text(), headers: r.headers };
  };
  // The settings form's outcome, on the page its POST redirects to.
  const save = async (fields: Record<string, string | Blob>, cookie = admin) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === 'string') body.append(k, v);
      else body.append(k, v, 'logo.bin');
    }
    const posted = await fetch(`${server.base}/admin/settings?_action=settings.save`, { method: 'POST', body, headers: { origin: server.base, cookie }, redirect: 'manual' });
    return followFormOutcome(server.base, posted, cookie);
  };

  test('the demo operator is named from the settings the seed wrote', async () => {
    expect((await page('/login')).html).toContain('ask your contact at Northwind Supply');
    expect((await page('/help/browsing-catalogs')).html).toContain('received from Northwind Supply.');
  });

  test('an admin renames the operator and uploads a logo; header, login, help, 500 follow', async () => {
    const png = await sharp({ create: { width: 600, height: 200, channels: 3, background: '#2266aa' } }).png().toBuffer();
    const saved = await save({ name: 'Harbor & Sons Supply', contactEmail: 'Partners@Harbor.test', logo: new Blob([new Uint8Array(png)], { type: 'image/png' }) });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Settings saved.');

    const home = await page('/admin', admin);
    expect(home.html).toContain('Harbor &amp; Sons Supply <span class="brand-product">· Vitrine</span>');
    const logoUrl = home.html.match(/src="(\/operator-logo\.png\?v=\d+)"/)![1]!;
    const logo = await fetch(`${server.base}${logoUrl}`);
    expect(logo.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await logo.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 480, 160]); // re-encoded and fitted

    const login = await page('/login');
    expect(login.html).toContain('ask your contact at Harbor &amp; Sons Supply (partners@harbor.test)');
    expect(login.html).toContain('Harbor &amp; Sons Supply <span class="brand-product">');
    const help = await page('/help/browsing-catalogs');
    expect(help.html).toContain('received from Harbor &amp; Sons Supply.');
    expect(help.html).not.toContain('{{operator}}');
    const failed = await page('/500');
    expect(failed.status).toBe(500);
    expect(failed.html).toContain('tell your contact at Harbor &amp; Sons Supply');
    // The reference quoted is the request id of the response and of its log line.
    const reference = failed.html.match(/quote reference <strong>([^<]+)<\/strong>/)![1]!;
    expect(reference).toBe(failed.headers.get('x-request-id'));
    await server.waitFor(new RegExp(`"reqId":"${reference}"`), 5_000);
  });

  test('a logo that is no image is refused; a buyer may not change settings; the logo can be removed', async () => {
    const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], { type: 'image/svg+xml' });
    const refused = await save({ name: 'Harbor & Sons Supply', contactEmail: 'partners@harbor.test', logo: svg });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('The logo must be a PNG, JPEG, WebP or GIF image.');
    const buyer = await signInOver(server.base, 'buyer@globex.test', DEMO_PASSWORD);
    const byBuyer = await save({ name: 'Pwned', contactEmail: 'x@y.test' }, buyer);
    expect(byBuyer.status).not.toBe(200);
    expect((await page('/login')).html).not.toContain('Pwned');
    const removed = await save({ name: 'Harbor & Sons Supply', contactEmail: 'partners@harbor.test', removeLogo: 'on' });
    expect(removed.status).toBe(200);
    expect((await page('/admin', admin)).html).not.toContain('/operator-logo.png');
    expect((await fetch(`${server.base}/operator-logo.png`)).status).toBe(404);
  });

  test('no "Northwind" in the app or the help outside the demo seed', () => {
    // git grep exits 1 when nothing matches.
    let found = '';
    try { found = execFileSync('grep', ['-ril', 'northwind', 'src', 'content/help'], { encoding: 'utf8' }); } catch { /* none */ }
    expect(found).toBe('');
  });
});
