import { escapeHtml } from '#features/security/escape-html.ts';

/** A mail's words: plain text, and the same as simple HTML. */
export interface ComposedMail { subject: string; text: string; html: string }

/** One paragraph, a link with its words, or a small table of facts. */
export type MailPart = string | { link: string; label: string } | { facts: Array<[string, string]> };

/**
 * Builds a mail in the operator's name from parts, as plain text and as simple HTML (no images,
 * no styles a client could choke on). Every value is escaped for the HTML version.
 */
export function composeMail(operatorName: string, subject: string, greeting: string, parts: MailPart[]): ComposedMail {
  const textParts: string[] = [greeting];
  const htmlParts: string[] = [`<p>${escapeHtml(greeting)}</p>`];
  for (const part of parts) {
    if (typeof part === 'string') {
      textParts.push(part);
      htmlParts.push(`<p>${escapeHtml(part)}</p>`);
    } else if ('link' in part) {
      textParts.push(`${part.label}:\n${part.link}`);
      htmlParts.push(`<p><a href="${escapeHtml(part.link)}">${escapeHtml(part.label)}</a></p>`);
    } else {
      textParts.push(part.facts.map(([k, v]) => `${k}: ${v}`).join('\n'));
      htmlParts.push(`<table>${part.facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`);
    }
  }
  const signature = `${operatorName}, through Vitrine`;
  textParts.push(`— ${signature}`);
  htmlParts.push(`<p>— ${escapeHtml(signature)}</p>`);
  return {
    subject: `${subject} · ${operatorName}`,
    text: textParts.join('\n\n') + '\n',
    html: `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.4">${htmlParts.join('\n')}</body></html>`,
  };
}
