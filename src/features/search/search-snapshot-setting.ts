/**
 * Whether a publish leaves the embedded engine's search state beside the database file for the
 * serving processes (search-snapshot.server.ts). Only where that engine answers: behind
 * Meilisearch it is the fallback, which reads SQL the few times it is asked, while the table's
 * file held the publish's write lock for about 0.6 s more at 100,000 items.
 */
let wanted = true;

export function leaveSearchSnapshots(yes: boolean): void {
  wanted = yes;
}

export function searchSnapshotsWanted(): boolean {
  return wanted;
}
