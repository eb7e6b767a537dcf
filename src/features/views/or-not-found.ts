import { ViewNotFound } from './view-problem.ts';

/** A route id as written in the URL: a positive whole number, else null (the page answers 404). */
export function routeId(param: string | undefined): number | null {
  return param !== undefined && /^[1-9]\d{0,9}$/.test(param) ? Number(param) : null;
}

/** The loaded page data, or null when what the URL names does not exist (the page answers 404). */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ViewNotFound) return null;
    throw error;
  }
}
