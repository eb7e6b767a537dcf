/** What audit events about views are about: `view:<id>`, beside `user:`, `org:` and `token:` subjects. */
export const viewSubject = (viewId: number) => `view:${viewId}`;

/** Who changed a view, as the audit log and the version history record it. */
export interface ViewActor { id: number | null; email: string | null; ip?: string | null }
