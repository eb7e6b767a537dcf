/**
 * Which audit events move the change stamp (change-stamp.server.ts): those after which a
 * remembered session or a customer's remembered scope may be wrong. The rest (a failed or
 * successful sign-in, an upload being checked, a token made…) change nothing a cached page or
 * the session memo holds, so they leave the fast lane alone. Every kind the code records is in
 * one list or the other; a unit test fails on a kind in neither.
 */
export const STAMP_KINDS = [
  // Sessions and what a session says about its person.
  'sign-out', 'password-changed', 'password-reset', 'user-disabled', 'user-enabled', 'role-changed',
  // What buyers see: live revisions and customer views.
  'revision-published', 'revision-rolled-back', 'revision-approved', 'catalog-created',
  'view-created', 'view-published', 'view-withdrawn', 'view-deleted',
  // The operator's name and logo, in every page's header.
  'settings-changed',
] as const;

export const QUIET_KINDS = [
  'sign-in', 'sign-in-failed', 'sign-in-blocked', 'sign-in-attempts-reported',
  'invitation-created', 'invitation-accepted', 'invitation-revoked', 'reset-link-created', 'organization-created', 'approval-setting-changed',
  'api-token-created', 'api-token-revoked', // bearer tokens are checked against the database on every call
  'revision-uploaded', 'revision-checked', 'revision-failed', 'revision-reread', 'column-mapping-saved',
  'revision-scheduled', 'revision-schedule-cancelled', 'revision-schedule-failed', // going live records revision-published
  'revision-discarded', 'revision-submitted', 'revision-rejected',
  'administrator-created', 'digest-subscription-changed',
  // Webhook endpoints are read by the sender and their owners' pages, never by a cached page.
  'webhook-endpoint-created', 'webhook-endpoint-deleted', 'webhook-endpoint-switched-off', 'webhook-endpoint-switched-on', 'webhook-delivery-resent',
  // Punchout sessions are read from the database on every request, never remembered.
  'punchout-connection-created', 'punchout-connection-enabled', 'punchout-connection-disabled',
  'punchout-setup', 'punchout-setup-refused', 'punchout-transfer', 'punchout-cancelled',
  'view-draft-changed', // buyers see the published version only
  'list-created', 'list-renamed', 'list-deleted', 'list-items-changed', // a buyer's own lists are never cached
  'password-reset-requested',
] as const;
