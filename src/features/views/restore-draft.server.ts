import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { viewVersions } from '#db/schema/index.ts';
import { editDraft } from './edit-draft.server.ts';
import type { ViewRow } from './view-records.server.ts';
import { ViewNotFound, ViewProblem } from './view-problem.ts';

/**
 * Replaces the draft with a kept version: the published one ("discard my changes") or an
 * earlier one ("start again from version 2"). Buyers see no change until it is published.
 */
export async function restoreDraft(db: Db, viewId: number, actorId: number | null, now: Date, versionNumber?: number): Promise<ViewRow> {
  return editDraft(db, viewId, actorId, now, async (view, tx) => {
    const where = versionNumber === undefined
      ? (view.publishedVersionId === null ? undefined : eq(viewVersions.id, view.publishedVersionId))
      : and(eq(viewVersions.viewId, viewId), eq(viewVersions.version, versionNumber));
    if (where === undefined) throw new ViewProblem('This view was never published, so there is no published version to go back to.');
    const [version] = await tx.select().from(viewVersions).where(where).limit(1);
    if (!version) throw new ViewNotFound('version');
    return { rules: version.rules, validFrom: version.validFrom, validUntil: version.validUntil };
  });
}
