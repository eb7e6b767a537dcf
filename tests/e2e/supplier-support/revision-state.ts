import { expect, type Page } from '@playwright/test';

const UNREADABLE = 'Could not be read';

function shows(state: string | RegExp, text: string): boolean {
  return typeof state === 'string' ? state === text : state.test(text);
}

/**
 * Waits (the revision page refreshes itself while the file is read) until it shows `state`. A file
 * that could not be read ends the wait at once, with the reason the page gives the supplier, so a
 * failing run says why instead of only which state it saw.
 */
export async function waitForRevisionState(page: Page, state: string | RegExp, timeout = 30_000): Promise<void> {
  // A text is the whole label (as toHaveText takes it); a pattern matches as it is written.
  const wanted = typeof state === 'string' ? `^${state.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : state.source;
  const shown = page.locator('.facts dd').first();
  await expect(shown).toHaveText(new RegExp(`(?:${wanted})|^${UNREADABLE}$`, typeof state === 'string' ? '' : state.flags), { timeout });
  const now = await shown.innerText();
  if (now === UNREADABLE && !shows(state, now)) {
    const reason = await page.locator('section.notice.error p').first().innerText();
    throw new Error(`The revision shows "${UNREADABLE}" where ${String(state)} was awaited: ${reason}`);
  }
}
