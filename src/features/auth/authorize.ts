import type { SessionUser } from './session-user.ts';
import type { Role } from '#db/schema/users.ts';
import type { OrgKind } from '#db/schema/organizations.ts';
import type { WebhookAudience } from '#db/schema/webhooks.ts';

/**
 * Every authorization decision, in one place. Pages, actions and endpoints ask `can(...)`;
 * nothing is allowed by hiding a button.
 */
export type Action =
  | { do: 'manage-organizations' }
  | { do: 'read-audit-log' }
  /** The operator's name, contact and logo, and the mail outbox. */
  | { do: 'manage-settings' }
  | { do: 'manage-users' }
  /** Disable, enable, reset or re-role one person; never yourself, so an admin cannot lock themselves out. */
  | { do: 'manage-user'; userId: number }
  | { do: 'invite'; orgKind: OrgKind; role: Role }
  /** See the invitation form and the pending invitations of some organizations. */
  | { do: 'send-invitations' }
  | { do: 'change-own-password' }
  /** Hold API tokens: the roles whose systems integrate with Vitrine (suppliers' and customers' ERPs). */
  | { do: 'use-api-tokens' }
  | { do: 'revoke-api-token'; ownerId: number }
  | { do: 'manage-catalogs-of'; orgId: number }
  | { do: 'approve-revisions' }
  | { do: 'manage-customer-views' }
  | { do: 'browse-catalogs' }
  /** Register webhook endpoints in one's own area: admins (every event), suppliers (their catalogs), sales (customers' views). */
  | { do: 'manage-webhooks' }
  /** See and change one endpoint: only people of the area and organization it was registered in. */
  | { do: 'manage-webhook-endpoint'; audience: WebhookAudience; orgId: number }
  /** Create, list and switch off customers' procurement system connections (PunchOut). */
  | { do: 'manage-punchout-connections' };

/** Roles that register webhook endpoints; each endpoint belongs to its role's area and organization. */
export const WEBHOOK_ROLES: readonly Role[] = ['admin', 'supplier', 'sales'];

/** Which role may belong to which kind of organization. */
export const ROLES_OF_ORG_KIND: Record<OrgKind, readonly Role[]> = {
  operator: ['sales', 'admin'],
  supplier: ['supplier'],
  customer: ['buyer'],
};

/** Roles that may hold API tokens. Operator staff work in the app; their broad rights stay off the API. */
export const API_TOKEN_ROLES: readonly Role[] = ['supplier', 'buyer'];

export function can(user: SessionUser | null, action: Action): boolean {
  if (!user) return false;
  switch (action.do) {
    case 'manage-organizations':
    case 'read-audit-log':
    case 'manage-settings':
    case 'manage-users':
      return user.role === 'admin';
    case 'manage-user':
      return user.role === 'admin' && user.id !== action.userId;
    case 'invite':
      if (!ROLES_OF_ORG_KIND[action.orgKind].includes(action.role)) return false;
      if (user.role === 'admin') return true;
      return user.role === 'sales' && action.orgKind === 'customer' && action.role === 'buyer';
    case 'send-invitations':
      return user.role === 'admin' || user.role === 'sales';
    case 'change-own-password':
      return true;
    case 'use-api-tokens':
      return API_TOKEN_ROLES.includes(user.role);
    case 'revoke-api-token':
      return user.id === action.ownerId;
    case 'manage-catalogs-of':
      return user.role === 'supplier' && user.orgId === action.orgId;
    case 'approve-revisions':
      return user.role === 'sales' || user.role === 'admin';
    case 'manage-customer-views':
      return user.role === 'sales';
    case 'browse-catalogs':
      return user.role === 'buyer';
    case 'manage-webhooks':
      return WEBHOOK_ROLES.includes(user.role);
    case 'manage-webhook-endpoint':
      return user.role === action.audience && user.orgId === action.orgId;
    case 'manage-punchout-connections':
      return user.role === 'sales' || user.role === 'admin';
  }
}

/** The organization kinds a person may invite to at all (for the form's choices). */
export function invitableOrgKinds(user: SessionUser): OrgKind[] {
  return (Object.keys(ROLES_OF_ORG_KIND) as OrgKind[]).filter((kind) => ROLES_OF_ORG_KIND[kind].some((role) => can(user, { do: 'invite', orgKind: kind, role })));
}
