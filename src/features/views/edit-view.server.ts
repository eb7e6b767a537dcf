import type { Db } from '#db/client.ts';
import { assertNameFree } from './create-view.server.ts';
import { editDraft } from './edit-draft.server.ts';
import { parsePercentInput } from './percent-input.ts';
import { addCatalog, removeCatalog } from './rules-edit.ts';
import { validityFromInput } from './validity-input.ts';
import { catalogInfos, type ViewRow } from './view-records.server.ts';
import { ViewNotFound, ViewProblem } from './view-problem.ts';

export interface ViewDetailsForm { name: string; note: string; firstDay: string; lastDay: string; stamp: string }

/** Name, internal note and validity dates of the draft. */
export async function updateViewDetails(db: Db, viewId: number, actorId: number | null, now: Date, form: ViewDetailsForm): Promise<ViewRow> {
  const validity = validityFromInput(form.firstDay, form.lastDay);
  if (!validity.ok) throw new ViewProblem(validity.message, validity.field);
  return editDraft(db, viewId, actorId, now, async (view, tx) => {
    await assertNameFree(tx, view.customerOrgId, form.name.trim(), view.id);
    return { name: form.name.trim(), note: form.note.trim(), validFrom: validity.validFrom, validUntil: validity.validUntil };
  }, { expectedStamp: form.stamp });
}

/** Adds any supplier's catalog to the draft, optionally with a percentage off the whole catalog. */
export async function addCatalogToView(db: Db, viewId: number, actorId: number | null, now: Date, form: { catalogId: number; percentOff: string }): Promise<{ view: ViewRow; catalogName: string }> {
  const percent = parsePercentInput(form.percentOff, 'Percentage off the catalog');
  if (!percent.ok) throw new ViewProblem(percent.message, 'percentOff');
  let catalogName = '';
  const view = await editDraft(db, viewId, actorId, now, async (current, tx) => {
    const info = (await catalogInfos(tx, [form.catalogId])).get(form.catalogId);
    if (!info) throw new ViewProblem('Choose a catalog from the list.', 'catalogId');
    catalogName = info.name;
    return { rules: addCatalog(current.draftRules, info.id, percent.percentOff, info.name) };
  });
  return { view, catalogName };
}

export async function removeCatalogFromView(db: Db, viewId: number, actorId: number | null, now: Date, catalogId: number): Promise<ViewRow> {
  return editDraft(db, viewId, actorId, now, (current) => {
    if (!current.draftRules.catalogs.some((c) => c.catalogId === catalogId)) throw new ViewNotFound('catalog in this view');
    return { rules: removeCatalog(current.draftRules, catalogId) };
  });
}
