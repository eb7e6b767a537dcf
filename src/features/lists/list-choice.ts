import type { ListChoice } from './add-to-list.server.ts';

/**
 * The list a form names: `list` is a list id, "new" (then `newListName` names it) or absent
 * (the list added to last). An id that is not a number is treated as absent.
 */
export function listChoiceOf(list: string | undefined, newListName: string | undefined): ListChoice {
  if (list === 'new') return { newListName: newListName ?? '' };
  if (list && /^[1-9]\d{0,9}$/.test(list)) return { listId: Number(list) };
  return {};
}
