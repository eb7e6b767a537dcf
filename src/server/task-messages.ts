import type { CarriedError } from '#kernel/off-loop.ts';

// Heavy work handed from a serving process to the jobs process, through the primary
// (cluster.server.ts relays, off-loop-tasks.server.ts sends and answers).

export interface TaskMessage { kind: 'vitrine:task'; id: number; name: string; input: unknown; origin?: number }
export type TaskDoneMessage = { kind: 'vitrine:task-done'; id: number; origin?: number } & ({ ok: true; value: unknown } | { ok: false; error: CarriedError });

export const isTaskMessage = (m: unknown): m is TaskMessage => typeof m === 'object' && m !== null && (m as { kind?: unknown }).kind === 'vitrine:task';
export const isTaskDoneMessage = (m: unknown): m is TaskDoneMessage => typeof m === 'object' && m !== null && (m as { kind?: unknown }).kind === 'vitrine:task-done';
