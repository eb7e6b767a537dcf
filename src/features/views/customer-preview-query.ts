import { routeId } from './or-not-found.ts';

/** What sales asked a customer preview for, read from its query string (bad values are dropped). */
export interface CustomerPreviewAsk {
  draftOf: number | undefined;
  /** The date as typed (YYYY-MM-DD), kept for links; `at` is its noon UTC. */
  atText: string;
  at: Date | undefined;
  catalogSlug: string;
  text: string;
  page: number;
}

export function parseCustomerPreviewQuery(params: URLSearchParams): CustomerPreviewAsk {
  const atText = params.get('at') ?? '';
  const at = /^\d{4}-\d{2}-\d{2}$/.test(atText) && !Number.isNaN(Date.parse(`${atText}T12:00:00Z`)) ? new Date(`${atText}T12:00:00Z`) : undefined;
  return {
    draftOf: routeId(params.get('draft') ?? undefined) ?? undefined,
    atText, at,
    catalogSlug: (params.get('catalog') ?? '').slice(0, 200),
    text: (params.get('q') ?? '').slice(0, 100),
    page: routeId(params.get('page') ?? undefined) ?? 1,
  };
}
