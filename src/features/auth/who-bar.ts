import type { SessionUser } from './session-user.ts';
import { escapeHtml } from '#features/security/escape-html.ts';
import { paths } from '#src/paths.ts';

/**
 * The part of the page header that names the signed-in person. It is the one piece of a cached
 * catalog page that differs between buyers of one customer, so it is built here as a string:
 * the layout prints it, and the page cache stores pages with it cut out (between the markers)
 * and puts the current person's bar back in when it serves them.
 */
export const WHO_BAR_START = '<!--who-->';
export const WHO_BAR_END = '<!--/who-->';

export function whoBarHtml(user: Pick<SessionUser, 'name' | 'role'> | null): string {
  const inner = user
    ? `<span>${escapeHtml(user.name)} <span class="muted">(${user.role})</span></span>`
      + `<a href="${paths.account()}">Account</a>`
      + `<form method="post" action="${paths.logout()}"><button type="submit" class="secondary">Sign out</button></form>`
    : `<a href="${paths.login()}">Sign in</a>`;
  return `${WHO_BAR_START}<div class="who">${inner}</div>${WHO_BAR_END}`;
}
