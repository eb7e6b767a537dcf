import type { Role } from '#db/schema/users.ts';
import type { OrgKind } from '#db/schema/organizations.ts';

/** The demo's organizations and people. Every demo account has the same password. */
export const DEMO_PASSWORD = 'vitrine-demo';

export const DEMO_ORGS: Array<{ name: string; slug: string; kind: OrgKind; description: string }> = [
  { name: 'Northwind Supply', slug: 'northwind-supply', kind: 'operator', description: 'The distributor running this Vitrine.' },
  { name: 'Acme Fasteners', slug: 'acme-fasteners', kind: 'supplier', description: 'Screws, bolts, anchors and fixings.' },
  { name: 'Bright Lighting', slug: 'bright-lighting', kind: 'supplier', description: 'LED lamps, luminaires and controls.' },
  { name: 'Globex Manufacturing', slug: 'globex-manufacturing', kind: 'customer', description: 'Machine builder, buys fasteners and lighting.' },
  { name: 'Initech', slug: 'initech', kind: 'customer', description: 'Office services, buys lighting.' },
];

export const DEMO_USERS: Array<{ email: string; name: string; role: Role; org: string }> = [
  { email: 'admin@vitrine.test', name: 'Ada Admin', role: 'admin', org: 'northwind-supply' },
  { email: 'sales@vitrine.test', name: 'Sam Sales', role: 'sales', org: 'northwind-supply' },
  { email: 'supplier@acme.test', name: 'Alice Acme', role: 'supplier', org: 'acme-fasteners' },
  { email: 'supplier@bright.test', name: 'Ben Bright', role: 'supplier', org: 'bright-lighting' },
  { email: 'buyer@globex.test', name: 'Greta Globex', role: 'buyer', org: 'globex-manufacturing' },
  { email: 'buyer@initech.test', name: 'Ivan Initech', role: 'buyer', org: 'initech' },
];

export function demoSignInTable(baseUrl: string): string {
  const rows = DEMO_USERS.map((u) => `  ${u.role.padEnd(9)}${u.email.padEnd(24)}${DEMO_PASSWORD}`);
  return [`Demo sign-ins at ${baseUrl}/login`, `  ${'role'.padEnd(9)}${'email'.padEnd(24)}password`, ...rows].join('\n');
}
