import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDemoWorld, meta, type DemoWorld } from './demo-accounts-fixture.ts';
import { apiTokens, auditEvents } from '#db/schema/index.ts';
import { API_TOKEN_PREFIX, authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from '#features/auth/api-tokens.server.ts';
import { setUserDisabled } from '#features/accounts/set-user-disabled.server.ts';
import { changeUserRole } from '#features/accounts/change-user-role.server.ts';

describe('API tokens', () => {
  let w: DemoWorld;
  beforeAll(async () => { w = await openDemoWorld(); });
  afterAll(() => w.close());

  test('a token acts as its owner, in their organization and role, and is stored hashed', async () => {
    const at = new Date('2027-08-01T09:00:00Z');
    const supplier = await w.user('supplier@acme.test');
    const { token, summary } = await createApiToken(w.db, supplier, ' ERP export ', meta(at));
    expect(token.startsWith(API_TOKEN_PREFIX)).toBe(true);
    expect(summary.name).toBe('ERP export');
    const secret = token.split('.')[1]!;
    expect(JSON.stringify(await w.db.select().from(apiTokens))).not.toContain(secret);
    const found = await authenticateApiToken(w.db, token, at);
    expect(found).toEqual({ user: supplier, tokenId: summary.id });
    expect((await listApiTokens(w.db, supplier.id))[0]).toMatchObject({ name: 'ERP export', lastUsedAt: at.toISOString(), revokedAt: null });
  });

  test('a wrong secret, an unknown id or a malformed token is refused', async () => {
    const at = new Date('2027-08-02T09:00:00Z');
    const buyer = await w.user('buyer@globex.test');
    const { token } = await createApiToken(w.db, buyer, 'Shop sync', meta(at));
    const [id, secret] = token.slice(API_TOKEN_PREFIX.length).split('.') as [string, string];
    for (const bad of [`${API_TOKEN_PREFIX}${id}.${secret.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'))}`, `${API_TOKEN_PREFIX}unknown.${secret}`, `${id}.${secret}`, API_TOKEN_PREFIX, '']) {
      expect(await authenticateApiToken(w.db, bad, at)).toBeNull();
    }
  });

  test('only the owner revokes, and a revoked token is refused at once', async () => {
    const at = new Date('2027-08-03T09:00:00Z');
    const owner = await w.user('supplier@bright.test');
    const other = await w.user('supplier@acme.test');
    const { token, summary } = await createApiToken(w.db, owner, 'Nightly upload', meta(at));
    expect(await revokeApiToken(w.db, other, summary.id, meta(at))).toBe(false);
    expect(await authenticateApiToken(w.db, token, at)).not.toBeNull();
    expect(await revokeApiToken(w.db, owner, summary.id, meta(at))).toBe(true);
    expect(await authenticateApiToken(w.db, token, at)).toBeNull();
    expect(await revokeApiToken(w.db, owner, summary.id, meta(at))).toBe(false);
    const events = await w.db.select().from(auditEvents).where(eq(auditEvents.subject, `token:${summary.id}`));
    expect(events.map((e) => [e.kind, e.actorEmail])).toEqual([['api-token-created', 'supplier@bright.test'], ['api-token-revoked', 'supplier@bright.test']]);
  });

  test("a disabled owner's tokens are refused; the token follows the owner's current role", async () => {
    const at = new Date('2027-08-04T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const buyer = await w.user('buyer@initech.test');
    const { token } = await createApiToken(w.db, buyer, 'Script', meta(at));
    await setUserDisabled(w.db, admin, buyer.id, true, meta(at));
    expect(await authenticateApiToken(w.db, token, at)).toBeNull();
    await setUserDisabled(w.db, admin, buyer.id, false, meta(at));
    expect(await authenticateApiToken(w.db, token, at)).toBeNull(); // disabling ended it for good
    // Role changes reach tokens too (here within the operator, the only kind with two roles).
    const sales = await w.user('sales@vitrine.test');
    const salesToken = await createApiToken(w.db, sales, 'Report', meta(at));
    await changeUserRole(w.db, admin, sales.id, 'admin', meta(at));
    expect((await authenticateApiToken(w.db, salesToken.token, at))?.user.role).toBe('admin');
  });
});
