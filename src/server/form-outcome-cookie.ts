/** The cookie that carries a form's outcome (and the key to it) from its POST to the GET after it. */
export const FORM_OUTCOME_COOKIE = 'form-outcome';

/** Whether a request's Cookie header carries a form's outcome: that page is the visitor's own. */
export function carriesFormOutcome(cookieHeader: string | undefined): boolean {
  return Boolean(cookieHeader?.split(';').some((part) => part.trim().startsWith(`${FORM_OUTCOME_COOKIE}=`)));
}
