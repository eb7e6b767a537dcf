import type { Role } from '#db/schema/users.ts';
import type { RouteFile } from './route-files.ts';
import type { SeededValues } from './seeded-values.ts';

export interface ParamSource extends SeededValues { inviteToken: string }

/**
 * How to fill a dynamic param with a real seeded value. `tenant` lists the roles whose person of
 * *another* organization must get 404 for it: Acme's catalog is Bright's business no more than
 * Globex's view is Initech's. Add a row when a route brings a param name not covered here; an
 * unknown param gets a value that exists nowhere, and every signed-in person must then get 404.
 */
interface ParamRule { route: RegExp; param: RegExp; value: (v: ParamSource) => string | number | undefined; tenant: readonly Role[] }

const OWNED_BY_ACME_SEEN_BY_GLOBEX: readonly Role[] = ['supplier', 'buyer'];

export const PARAM_RULES: readonly ParamRule[] = [
  { route: /^\/help\//, param: /^slug$/, value: (v) => v.helpSlug, tenant: [] },
  { route: /^\/invite\//, param: /^token$/, value: (v) => v.inviteToken, tenant: [] },
  { route: /\/catalogs\/\[id\]/, param: /^id$/, value: (v) => v.acmeCatalog?.id, tenant: OWNED_BY_ACME_SEEN_BY_GLOBEX },
  { route: /\/revisions\/\[id\]/, param: /^id$/, value: (v) => v.acmeCatalog?.liveRevisionId, tenant: OWNED_BY_ACME_SEEN_BY_GLOBEX },
  { route: /./, param: /^(catalog|catalogSlug|slug)$/, value: (v) => v.acmeCatalog?.slug, tenant: OWNED_BY_ACME_SEEN_BY_GLOBEX },
  { route: /./, param: /^catalogId$/, value: (v) => v.acmeCatalog?.id, tenant: OWNED_BY_ACME_SEEN_BY_GLOBEX },
  { route: /./, param: /^(revision|revisionId)$/, value: (v) => v.acmeCatalog?.liveRevisionId, tenant: OWNED_BY_ACME_SEEN_BY_GLOBEX },
  { route: /./, param: /^sku$/, value: (v) => v.acmeSku, tenant: OWNED_BY_ACME_SEEN_BY_GLOBEX },
  { route: /./, param: /^category$/, value: () => '', tenant: [] }, // a rest param: empty is the catalog's root
  { route: /./, param: /^format$/, value: () => 'csv', tenant: [] },
  { route: /^\/lists\//, param: /^id$/, value: (v) => v.globexListId, tenant: ['buyer'] },
  { route: /./, param: /^(customerSlug|orgSlug)$/, value: (v) => v.globexOrg.slug, tenant: ['buyer'] },
  { route: /./, param: /^(customer|customerId|org|orgId)$/, value: (v) => v.globexOrg.id, tenant: ['buyer'] },
  { route: /./, param: /^(view|viewId)$/, value: (v) => v.globexViewId, tenant: ['buyer'] },
  { route: /./, param: /^(list|listId)$/, value: (v) => v.globexListId, tenant: ['buyer'] },
  { route: /./, param: /^(user|userId)$/, value: (v) => v.globexBuyerId, tenant: ['buyer'] },
];

export const MISSING_VALUE = 'matrix-no-such-thing';

export interface ConcreteRoute {
  path: string;
  /** Every param got a real value (else the resource does not exist and the answer is 404). */
  resolved: boolean;
  /** Roles for which another organization's person must not see this resource. */
  tenantRoles: Set<Role>;
}

export function concreteRoute(route: RouteFile, source: ParamSource): ConcreteRoute {
  let resolved = true;
  const tenantRoles = new Set<Role>();
  const path = route.pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => {
    const rule = PARAM_RULES.find((r) => r.route.test(route.pattern) && r.param.test(name));
    const value = rule?.value(source);
    if (value === undefined) {
      resolved = false;
      return MISSING_VALUE;
    }
    for (const role of rule!.tenant) tenantRoles.add(role);
    return encodeURIComponent(String(value));
  });
  // An empty rest param leaves `//` or a trailing `/`, which the route matches without.
  return { path: path.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1'), resolved, tenantRoles };
}
