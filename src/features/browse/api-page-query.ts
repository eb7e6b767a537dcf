export type PageQuery = { ok: true; value: { page: number; pageSize: number; text?: string } } | { ok: false; message: string };

/** ?page=, ?pageSize= (1 to 200, default 50) and ?q= of an API list, refused in words when malformed. */
export function parsePageQuery(params: URLSearchParams): PageQuery {
  const whole = (name: string, fallback: number, max: number): number | string => {
    const text = params.get(name);
    if (text === null || text === '') return fallback;
    if (!/^\d{1,9}$/.test(text) || Number(text) < 1 || Number(text) > max) return `${name} must be a whole number from 1 to ${max}, got "${text.slice(0, 20)}".`;
    return Number(text);
  };
  const page = whole('page', 1, 1_000_000);
  const pageSize = whole('pageSize', 50, 200);
  if (typeof page === 'string') return { ok: false, message: page };
  if (typeof pageSize === 'string') return { ok: false, message: pageSize };
  const text = params.get('q')?.trim().slice(0, 100);
  return { ok: true, value: text ? { page, pageSize, text } : { page, pageSize } };
}
