import { auditKindLabel } from './audit-kinds.ts';

type Detail = Record<string, unknown> | null;

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const quoted = (v: unknown) => `“${str(v)}”`;
const day = (v: unknown) => (typeof v === 'string' && v ? `${v.slice(0, 16).replace('T', ' ')}${v.length > 10 ? ' UTC' : ''}` : 'no date');

/** Any value in words: lists joined, objects by their fields, never "[object Object]". */
export function valueInWords(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(valueInWords).join('; ');
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null && x !== undefined).map(([k, x]) => `${k} ${valueInWords(x)}`).join(', ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

function detailInWords(d: Detail): string {
  return d ? Object.entries(d).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k}: ${valueInWords(v)}`).join(', ') : '';
}

// Sentences for the kinds whose details need more than "key: value" to be read.
const SENTENCES: Record<string, (d: Record<string, unknown>) => string> = {
  'view-published': (d) => {
    const catalogs = Array.isArray(d.catalogs) ? (d.catalogs as Array<{ catalog?: unknown; visibleItems?: unknown }>).map((c) => `${str(c.catalog)} (${str(c.visibleItems)} items)`).join(', ') : '';
    return `Published version ${str(d.version)} of the view ${quoted(d.name)} for ${str(d.customer)}${catalogs ? `: ${catalogs}` : ''}${d.validFrom || d.validUntil ? `; valid ${day(d.validFrom)} to ${day(d.validUntil)}` : ''}.`;
  },
  'view-draft-changed': (d) => `Changed the draft of the view ${quoted(d.name)}: ${Array.isArray(d.changes) ? (d.changes as string[]).join('; ') : ''}.`,
  'view-created': (d) => `Created the view ${quoted(d.name)} for ${str(d.customer)}${d.copiedFrom ? ` (a copy of view ${str(d.copiedFrom)})` : ''}.`,
  'view-withdrawn': (d) => `Withdrew the view ${quoted(d.name)}${d.version ? ` (version ${str(d.version)})` : ''}: its customer no longer sees it.`,
  'view-deleted': (d) => `Deleted the unpublished view ${quoted(d.name)}.`,
  'revision-published': (d) => `Made revision ${str(d.revisionId)} live${d.previousRevisionId ? ` in place of revision ${str(d.previousRevisionId)}` : ''}.`,
  'revision-rolled-back': (d) => `Made revision ${str(d.revisionId)} live again${d.previousRevisionId ? ` in place of revision ${str(d.previousRevisionId)}` : ''}.`,
  'revision-uploaded': (d) => `Uploaded ${quoted(d.fileName)} (${Number(d.bytes ?? 0).toLocaleString('en')} bytes) as revision ${str(d.revisionId)}.`,
  'revision-checked': (d) => `Checked: ${str(d.rowsRead)} rows read, ${str(d.itemCount)} items, ${str(d.errorCount)} errors, ${str(d.warningCount)} warnings.`,
  'revision-failed': (d) => `Could not be read: ${str(d.reason)}.`,
  'revision-rejected': (d) => `Rejected${d.comment ? `: ${quoted(d.comment)}` : ''}.`,
  'role-changed': (d) => `Role changed from ${str(d.from)} to ${str(d.to)}.`,
  'catalog-created': (d) => `Created the catalog ${quoted(d.name)} in ${str(d.currency)}.`,
  'organization-created': (d) => `Created the ${str(d.kind)} organization ${quoted(d.name)}.`,
  'approval-setting-changed': (d) => (d.requiresApproval ? 'Revisions now need approval before they go live.' : 'Revisions now go live without approval.'),
  'digest-subscription-changed': (d) => (d.on ? 'Turned the daily mail about changes on.' : 'Turned the daily mail about changes off.'),
  'invitation-created': (d) => `Invited a ${str(d.role)} of ${str(d.organization)}; the link works until ${day(d.expiresAt)}.`,
  'list-created': (d) => `Created the list ${quoted(d.name)}.`,
  'list-renamed': (d) => `Renamed a list to ${quoted(d.name)}.`,
  'list-deleted': (d) => `Deleted the list ${quoted(d.name)}.`,
  'list-items-changed': (d) => `List ${quoted(d.name)}: ${str(d.what)}.`,
};

/** One audit event as a sentence a person reads: what was done, with its details in words. */
export function describeAuditEvent(kind: string, detail: Detail): string {
  const sentence = detail ? SENTENCES[kind]?.(detail) : undefined;
  if (sentence) return sentence;
  const rest = detailInWords(detail);
  return `${auditKindLabel(kind)}${rest ? ` (${rest})` : ''}.`;
}

/** What an event was done to, as the log shows it: a person by email, the rest by their own words. */
export function subjectLabel(subject: string): string {
  const [, type, id] = /^(user|org|token|view|list):(.*)$/.exec(subject) ?? [];
  if (!type) return subject;
  return { user: id!, org: `organization ${id}`, token: `API token ${id}`, view: `customer view ${id}`, list: `requisition list ${id}` }[type]!;
}
