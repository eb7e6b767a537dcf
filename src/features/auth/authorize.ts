import type { SessionUser } from './session-user.ts';
import type { Role } from '../../../db/schema/users.ts';
import type { OrgKind } from '../../../db/schema/organizations.ts';

/**
 * Every authorization decision, in one place. Pages, actions and endpoints ask `can(...)`;
 * nothing is allowed by hiding a button.
 */
export type Action =
  | { do: 'manage-organizations' }
  | { do: 'read-audit-log' }
  | { do: 'manage-users' }
  | { do: 'invite'; orgKind: OrgKind; role: Role }
  | { do: 'manage-catalogs-of'; orgId: number }
  | { do: 'approve-revisions' }
  | { do: 'manage-customer-views' }
  | { do: 'browse-catalogs' };

/** Which role may belong to which kind of organization. */
export const ROLES_OF_ORG_KIND: Record<OrgKind, readonly Role[]> = {
  operator: ['sales', 'admin'],
  supplier: ['supplier'],
  customer: ['buyer'],
};

export function can(user: SessionUser | null, action: Action): boolean {
  if (!user) return false;
  switch (action.do) {
    case 'manage-organizations':
    case 'read-audit-log':
    case 'manage-users':
      return user.role === 'admin';
    case 'invite':
      if (!ROLES_OF_ORG_KIND[action.orgKind].includes(action.role)) return false;
      if (user.role === 'admin') return true;
      return user.role === 'sales' && action.orgKind === 'customer' && action.role === 'buyer';
    case 'manage-catalogs-of':
      return user.role === 'supplier' && user.orgId === action.orgId;
    case 'approve-revisions':
      return user.role === 'sales' || user.role === 'admin';
    case 'manage-customer-views':
      return user.role === 'sales';
    case 'browse-catalogs':
      return user.role === 'buyer';
  }
}
