// How the audit log names a revision; makeRevisionLive writes the same words.
export const revisionSubject = (catalogSlug: string, revisionId: number) => `catalog ${catalogSlug} revision ${revisionId}`;
