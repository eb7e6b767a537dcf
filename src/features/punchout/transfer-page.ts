import { escapeHtml } from '#features/security/escape-html.ts';
import type { TransferForm } from './transfer.server.ts';
import { plural, pluralForm } from '#kernel/plural.ts';

/**
 * The page that hands the basket back: a form posting the fields to the return URL, sent by an
 * external script (no inline script under our policy) with a visible button for when it is not.
 */
export function transferPageHtml(form: TransferForm, systemName: string, cancelled: boolean): string {
  const inputs = form.fields.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('\n');
  const what = cancelled ? 'No items are sent' : `${plural(form.lineCount, 'line')} ${pluralForm(form.lineCount, 'is', 'are')} sent`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Back to ${escapeHtml(systemName)} · Vitrine</title>
<script src="/punchout-transfer.js" defer></script></head>
<body><main>
<h1>${cancelled ? 'Back' : 'Transferring your basket'} to ${escapeHtml(systemName)}</h1>
<p>${what}; this session has ended.</p>
<form id="punchout-transfer" method="post" action="${escapeHtml(form.returnUrl)}">
${inputs}
<button type="submit">Continue to ${escapeHtml(systemName)}</button>
</form>
</main></body></html>
`;
}
