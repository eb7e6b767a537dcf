import type { LinkPurpose } from './account-links.server.ts';
import { composeMail } from '#features/mail/compose-mail.ts';
import type { OutgoingMail } from '#features/mail/mail-outbox.server.ts';

export interface AccountLinkDelivery { url: string; email: string; purpose: LinkPurpose; expiresAt: string; orgName?: string; role?: string; asked?: boolean }

/** The mail that carries an invitation or reset link, in the operator's name. */
export function accountLinkMail(operatorName: string, d: AccountLinkDelivery): OutgoingMail {
  const until = `${d.expiresAt.slice(0, 16).replace('T', ' ')} UTC`;
  const composed = d.purpose === 'invite'
    ? composeMail(operatorName, 'Your invitation to Vitrine', 'Hello,', [
      `${operatorName} invites you to Vitrine, its supplier catalog site, as ${d.role ?? 'a member'} for ${d.orgName ?? 'your organization'}.`,
      { link: d.url, label: 'Accept the invitation and choose your password' },
      `The link works once, until ${until}.`,
    ])
    : composeMail(operatorName, 'Choose a new password', 'Hello,', [
      d.asked ? 'Someone, probably you, asked for a new password for your Vitrine account.' : `An administrator of ${operatorName} sent you a link to choose a new password.`,
      { link: d.url, label: 'Choose a new password' },
      `The link works once, until ${until}. Saving the new password signs you out everywhere else.`,
      ...(d.asked ? ['If you did not ask for it, ignore this mail: your password stays as it is.'] : []),
    ]);
  return { ...composed, to: d.email, kind: d.purpose === 'invite' ? 'invitation' : 'password-reset' };
}
