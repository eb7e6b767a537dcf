/** A form post as a browser of the site sends it (same Origin), without following redirects. */
export function postForm(base: string, path: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(new URL(path, base), {
    method: 'POST', redirect: 'manual',
    headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
  });
}

/** The `name=value` of the session cookie a response set, for the next request. */
export function sessionCookieOf(response: Response): string {
  const set = response.headers.getSetCookie().find((c) => c.startsWith('session='));
  if (!set) throw new Error(`no session cookie (status ${response.status})`);
  return set.split(';')[0]!;
}

export async function signInOver(base: string, email: string, password: string): Promise<string> {
  const r = await postForm(base, '/login?_action=auth.signIn', { email, password });
  if (r.status !== 302 && r.status !== 303) throw new Error(`sign-in of ${email} answered ${r.status}`);
  return sessionCookieOf(r);
}

/**
 * The page a form's POST sends the browser to (Post/Redirect/Get), fetched as the browser does:
 * with the cookie that carries the form's outcome to it. A POST answered in place is returned as is.
 */
export async function followFormOutcome(base: string, posted: Response, cookie?: string): Promise<Response> {
  const location = posted.headers.get('location');
  if (posted.status !== 303 || !location) return posted;
  const outcome = posted.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => c.startsWith('form-outcome='));
  return fetch(new URL(location, base), { redirect: 'manual', headers: { cookie: [cookie, ...outcome].filter(Boolean).join('; ') } });
}
