// wapiti's "csrf" module looks for a token field in each form; this app has none by design: the
// session cookie is SameSite=Lax and every state-changing POST must come with the site's own
// Origin. So instead of that module, each form the scan attacks is posted from another origin and
// without an Origin header (as a browser on another site, or a bare tool would), signed in:
// both must be refused before the action runs.

export interface OriginCheck { forms: number; refused: number; accepted: string[] }

export async function checkFormsRefuseOtherOrigins(base: string, cookie: string, forms: Array<{ label: string; path: string; data: string }>): Promise<OriginCheck> {
  const accepted: string[] = [];
  let refused = 0;
  for (const form of forms) {
    for (const origin of ['https://attacker.example', null]) {
      const res = await fetch(base + form.path, {
        method: 'POST', redirect: 'manual', body: form.data,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...(origin && { origin }) },
      });
      await res.arrayBuffer();
      if (res.status === 403) refused++;
      else accepted.push(`${form.label} (${origin ?? 'no Origin'}): ${res.status}`);
    }
  }
  return { forms: forms.length, refused, accepted };
}
