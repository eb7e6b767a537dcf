import type { Role } from '#db/schema/users.ts';

export function homeOfRole(role: Role): string {
  switch (role) {
    case 'buyer': return '/catalogs';
    case 'supplier': return '/supplier';
    case 'sales': return '/sales';
    case 'admin': return '/admin';
  }
}

export interface NavLink { href: string; label: string }

/** The main navigation of each role; what a link leads to is still checked by the route access table. */
export function navigationFor(role: Role): NavLink[] {
  switch (role) {
    case 'buyer': return [{ href: '/catalogs', label: 'Catalogs' }, { href: '/search', label: 'Search' }, { href: '/lists', label: 'Lists' }, { href: '/changes', label: 'Changes' }];
    case 'supplier': return [{ href: '/supplier', label: 'My catalogs' }, { href: '/supplier/tokens', label: 'API tokens' }, { href: '/supplier/webhooks', label: 'Webhooks' }];
    case 'sales': return [{ href: '/sales', label: 'Customers' }, { href: '/sales/approvals', label: 'Approvals' }, { href: '/sales/invitations', label: 'Invite buyers' }, { href: '/sales/webhooks', label: 'Webhooks' }, { href: '/punchout/connections', label: 'Procurement' }];
    case 'admin': return [{ href: '/admin', label: 'Overview' }, { href: '/admin/organizations', label: 'Organizations' }, { href: '/admin/users', label: 'Users' }, { href: '/admin/approvals', label: 'Approvals' }, { href: '/admin/audit', label: 'Audit log' }, { href: '/admin/mail', label: 'Mail' }, { href: '/admin/webhooks', label: 'Webhooks' }, { href: '/admin/settings', label: 'Settings' }, { href: '/punchout/connections', label: 'Procurement' }];
  }
}

/** A punchout session's navigation: browsing and its basket, nothing of the buyer's account. */
export function punchoutNavigation(): NavLink[] {
  return [{ href: '/catalogs', label: 'Catalogs' }, { href: '/search', label: 'Search' }, { href: '/punchout/cart', label: 'Basket' }];
}
