/**
 * The kinds of audit events, with the words the audit log shows for them (and offers in its Kind
 * filter). Every kind the code records is listed; a unit test fails on one that is not.
 */
export const AUDIT_KINDS = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Sign-in failed',
  'sign-in-blocked': 'Sign-in refused (too many failures)',
  'sign-in-attempts-reported': 'Owner told of failed sign-ins by others',
  'sign-out': 'Signed out',
  'invitation-created': 'Invitation created',
  'invitation-accepted': 'Invitation accepted',
  'reset-link-created': 'Password reset link created',
  'password-reset': 'Password set from a reset link',
  'password-changed': 'Password changed',
  'role-changed': 'Role changed',
  'user-disabled': 'User disabled',
  'user-enabled': 'User enabled',
  'organization-created': 'Organization created',
  'approval-setting-changed': 'Approval setting changed',
  'api-token-created': 'API token created',
  'api-token-revoked': 'API token revoked',
  'catalog-created': 'Catalog created',
  'revision-uploaded': 'Price list uploaded',
  'revision-checked': 'Price list checked',
  'revision-failed': 'Price list could not be read',
  'revision-reread': 'Price list read again (columns or sheet changed)',
  'column-mapping-saved': 'Column mapping saved',
  'revision-published': 'Revision published',
  'revision-scheduled': 'Revision scheduled',
  'revision-schedule-cancelled': 'Revision schedule cancelled',
  'revision-schedule-failed': 'Scheduled revision could not go live',
  'revision-rolled-back': 'Rolled back to an earlier revision',
  'revision-discarded': 'Revision discarded',
  'revision-submitted': 'Revision submitted for approval',
  'revision-approved': 'Revision approved',
  'revision-rejected': 'Revision rejected',
  'administrator-created': 'Administrator created (first run or admin:create)',
  'settings-changed': 'Operator settings changed',
  'password-reset-requested': 'Password reset requested (forgot password)',
  'digest-subscription-changed': 'Change digest mail turned on or off',
  'view-created': 'Customer view created',
  'view-draft-changed': 'Customer view draft changed (prices, products, dates)',
  'view-published': 'Customer view published',
  'view-withdrawn': 'Customer view withdrawn',
  'view-deleted': 'Customer view deleted',
  'list-created': 'Requisition list created',
  'list-renamed': 'Requisition list renamed',
  'list-deleted': 'Requisition list deleted',
  'list-items-changed': 'Requisition list items changed',
} as const;

export type AuditKind = keyof typeof AUDIT_KINDS;

export function auditKindLabel(kind: string): string {
  return (AUDIT_KINDS as Record<string, string>)[kind] ?? kind;
}
