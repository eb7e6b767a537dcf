import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getApp } from '#src/app.server.ts';
import { requireCan, requireRole } from '#src/guards.ts';
import { FieldActionError } from './answer-problems.ts';
import { requestMeta } from './request-meta.ts';
import { addCatalog } from '#features/catalogs/add-catalog.server.ts';
import { discardRevision } from '#features/catalogs/discard-revision.server.ts';
import { publishNow } from '#features/catalogs/publish-now.server.ts';
import { approveRevision, MAX_COMMENT, rejectRevision } from '#features/catalogs/review-revision.server.ts';
import { RevisionNotFound, RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { rollBackTo } from '#features/catalogs/rollback-revision.server.ts';
import { cancelSchedule, scheduleRevision } from '#features/catalogs/schedule-revision.server.ts';
import { isTimeZone, parseScheduleTime } from '#features/catalogs/schedule-time.ts';
import { submitForApproval } from '#features/catalogs/submit-revision.server.ts';
import { columnChoiceFromForm } from '#features/ingest/mapping/column-choice-form.ts';
import { remapColumns } from '#features/catalogs/remap-columns.server.ts';
import { wakeBackgroundJobs } from '#server/background-jobs.server.ts';

const revisionId = z.coerce.number({ error: 'Choose a revision.' }).int().positive({ error: 'Choose a revision.' });
// A ticked checkbox is present in the form, an unticked one absent (Astro reads z.boolean() so).
const checkbox = z.boolean();
const when = z.string().trim().max(40, { error: 'Enter a date and time such as 2027-09-01 06:00 (UTC).' }).nullish();

/**
 * The time a form's datetime field names, read in the person's time zone (the form's `tz`, filled
 * in by their browser; UTC without it), null when empty; a field error when unreadable.
 */
function timeOf(value: string | null | undefined, required: boolean, zone?: string | null): Date | null {
  if (!value) {
    if (required) throw new FieldActionError('at', 'Enter the date and time it should go live.');
    return null;
  }
  const at = parseScheduleTime(value, zone && isTimeZone(zone) ? zone : 'UTC');
  if (!at) throw new FieldActionError('at', 'Enter a date and time such as 2027-09-01 06:00.');
  return at;
}

/**
 * Feature errors as the form shows them: a problem the person can fix beside its field or for
 * the form, 404 for what they may not see, a plain apology with a logged reference otherwise.
 */
async function answer<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ActionError) throw e;
    if (e instanceof RevisionProblem) throw e.field ? new FieldActionError(e.field, e.message) : new ActionError({ code: e.status === 400 ? 'BAD_REQUEST' : 'CONFLICT', message: e.message });
    if (e instanceof RevisionNotFound) throw new ActionError({ code: 'NOT_FOUND', message: 'Not found.' });
    const reference = crypto.randomUUID().slice(0, 8);
    console.error(`action ${name} failed (reference ${reference})`, e);
    throw new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: `Something went wrong on our side and nothing was changed. Please try again; if it keeps happening, quote reference ${reference}.` });
  }
}

type Ctx = Parameters<typeof requestMeta>[0];
const supplier = (ctx: Ctx) => ({ user: requireRole(ctx, 'supplier'), meta: requestMeta(ctx) });
const reviewer = (ctx: Ctx) => ({ user: requireCan(ctx, { do: 'approve-revisions' }), meta: requestMeta(ctx) });

/** Catalogs and their revisions: what suppliers do with uploads, and what sales/admin decide. */
export const revisions = {
  createCatalog: defineAction({
    accept: 'form',
    input: z.object({
      name: z.string().trim().min(2, { error: 'Name the catalog (at least 2 characters), e.g. “Fasteners 2028”.' }).max(120, { error: 'Use at most 120 characters.' }),
      currency: z.string().trim().min(1, { error: 'Enter the currency of the prices, e.g. EUR.' }).max(3, { error: 'Use the 3-letter code, e.g. EUR.' }),
    }),
    handler: (input, ctx) => answer('revisions.createCatalog', async () => {
      const { user, meta } = supplier(ctx);
      const { database } = await getApp();
      const catalog = await addCatalog(database.db, user, input, meta);
      return { catalogId: catalog.id, name: catalog.name };
    }),
  }),

  publish: defineAction({
    accept: 'form',
    input: z.object({ revisionId, validRowsOnly: checkbox }),
    handler: (input, ctx) => answer('revisions.publish', async () => {
      const { user, meta } = supplier(ctx);
      const { database } = await getApp();
      await publishNow(database.db, user, input.revisionId, input, meta);
      wakeBackgroundJobs('schedules');
      return { done: 'published' as const };
    }),
  }),

  schedule: defineAction({
    accept: 'form',
    input: z.object({ revisionId, validRowsOnly: checkbox, at: when, tz: z.string().max(64).nullish() }),
    handler: (input, ctx) => answer('revisions.schedule', async () => {
      const { user, meta } = supplier(ctx);
      const at = timeOf(input.at, true, input.tz)!;
      const { database } = await getApp();
      await scheduleRevision(database.db, user, input.revisionId, at, input, meta);
      return { done: 'scheduled' as const, at: at.toISOString() };
    }),
  }),

  cancelSchedule: defineAction({
    accept: 'form',
    input: z.object({ revisionId }),
    handler: (input, ctx) => answer('revisions.cancelSchedule', async () => {
      const { user, meta } = supplier(ctx);
      const { database } = await getApp();
      await cancelSchedule(database.db, user, input.revisionId, meta);
      return { done: 'schedule-cancelled' as const };
    }),
  }),

  submit: defineAction({
    accept: 'form',
    input: z.object({ revisionId, validRowsOnly: checkbox, at: when, tz: z.string().max(64).nullish() }),
    handler: (input, ctx) => answer('revisions.submit', async () => {
      const { user, meta } = supplier(ctx);
      const at = timeOf(input.at, false, input.tz);
      const { database } = await getApp();
      await submitForApproval(database.db, user, input.revisionId, { validRowsOnly: input.validRowsOnly, at }, meta);
      return { done: 'submitted' as const };
    }),
  }),

  discard: defineAction({
    accept: 'form',
    input: z.object({ revisionId }),
    handler: (input, ctx) => answer('revisions.discard', async () => {
      const { user, meta } = supplier(ctx);
      const { database } = await getApp();
      await discardRevision(database.db, user, input.revisionId, meta);
      wakeBackgroundJobs('schedules');
      return { done: 'discarded' as const };
    }),
  }),

  rollback: defineAction({
    accept: 'form',
    input: z.object({ revisionId }),
    handler: (input, ctx) => answer('revisions.rollback', async () => {
      const { user, meta } = supplier(ctx);
      const { database } = await getApp();
      await rollBackTo(database.db, user, input.revisionId, meta);
      return { done: 'rolled-back' as const, revisionId: input.revisionId };
    }),
  }),

  /**
   * The column-mapping form: one select (and a number for levels and quantity breaks) per column,
   * or another sheet. A choice that cannot be used comes back with the choices made, so the form
   * shows them again beside the message instead of starting over.
   */
  mapColumns: defineAction({
    accept: 'form',
    handler: (form, ctx) => answer('revisions.mapColumns', async () => {
      const { user, meta } = supplier(ctx);
      const id = revisionId.safeParse(form.get('revisionId'));
      if (!id.success) throw new ActionError({ code: 'NOT_FOUND', message: 'Not found.' });
      const { database, uploadsDir } = await getApp();
      const chosen = Object.fromEntries([...form.entries()].filter(([k, v]) => /^(role|number)-\d{1,4}$/.test(k) && typeof v === 'string').map(([k, v]) => [k, String(v).slice(0, 40)]));
      try {
        const { revisionId: readAs } = await remapColumns(database.db, user, uploadsDir, id.data, columnChoiceFromForm(form), meta);
        wakeBackgroundJobs('uploads');
        return { revisionId: readAs, problem: null, chosen };
      } catch (e) {
        if (e instanceof RevisionProblem && e.status === 400) return { revisionId: null, problem: { message: e.message, field: e.field }, chosen };
        throw e;
      }
    }),
  }),

  approve: defineAction({
    accept: 'form',
    input: z.object({ revisionId }),
    handler: (input, ctx) => answer('revisions.approve', async () => {
      const { user, meta } = reviewer(ctx);
      const { database } = await getApp();
      const { liveAt } = await approveRevision(database.db, user, input.revisionId, meta);
      return { liveAt };
    }),
  }),

  reject: defineAction({
    accept: 'form',
    input: z.object({
      revisionId,
      comment: z.string().trim().min(1, { error: 'Tell the supplier why, so they can fix it.' }).max(MAX_COMMENT, { error: `Use at most ${MAX_COMMENT} characters.` }),
    }),
    handler: (input, ctx) => answer('revisions.reject', async () => {
      const { user, meta } = reviewer(ctx);
      const { database } = await getApp();
      await rejectRevision(database.db, user, input.revisionId, input.comment, meta);
      return { done: 'rejected' as const };
    }),
  }),
};
