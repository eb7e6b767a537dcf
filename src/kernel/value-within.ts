/**
 * The promise's value, or `fallback` once `ms` have passed without one; the timer is cleared
 * either way. The promise itself goes on: a caller that gives up on it decides what becomes of it.
 */
export function valueWithin<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => { timer = setTimeout(() => resolve(fallback), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
