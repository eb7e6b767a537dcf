/**
 * The kinds of audit events, with the words the audit log shows for them. Other features may
 * record kinds not listed here; the log shows those by their code.
 */
export const AUDIT_KINDS = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Sign-in failed',
  'sign-in-blocked': 'Sign-in refused (too many failures)',
  'sign-in-attempts-reported': 'Owner told of failed sign-ins by others',
  'sign-out': 'Signed out',
  'invitation-created': 'Invitation created',
  'invitation-accepted': 'Invitation accepted',
  'invitation-revoked': 'Invitation revoked',
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
} as const;

export type AuditKind = keyof typeof AUDIT_KINDS;

export function auditKindLabel(kind: string): string {
  return (AUDIT_KINDS as Record<string, string>)[kind] ?? kind;
}
