/** Thrown while a revision is read when it was discarded meanwhile: the work stops. */
export class RevisionAbandoned extends Error {}
