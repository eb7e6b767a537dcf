import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { expectAccessible } from './buyer-support/session.ts';
import { waitForRevisionState } from './supplier-support/revision-state.ts';

// A schedule is typed and shown in the person's own time zone (their browser's) and stored in UTC.

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'imports');

test('a supplier in New York schedules 09:30 their time; it is kept as 14:30 UTC and shown as 09:30 New York', async ({ browser }) => {
  const page = await (await browser.newContext({ timezoneId: 'America/New_York' })).newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill('supplier@acme.test');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Name', { exact: true }).fill(`E2E schedule ${Date.now().toString(36)}`);
  await page.getByLabel('Currency', { exact: true }).fill('EUR');
  await page.getByRole('button', { name: 'Add catalog' }).click();
  await page.getByLabel('Price list file').setInputFiles(join(FIXTURES, 'preisliste-cp1252.csv'));
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await expect(page).toHaveURL(/\/supplier\/revisions\/\d+$/);
  await waitForRevisionState(page, 'Checked, with errors');

  const field = page.getByLabel('Go live at (America/New_York)');
  await expect(page.locator('#schedule-at-hint')).toContainText('Times are in America/New_York; it is now');
  await field.fill('2027-01-15T09:30');
  await page.locator('#schedule-valid').check();
  await page.getByRole('button', { name: 'Schedule' }).click();
  // January in New York is UTC−5: the server says what it stored.
  await expect(page.getByRole('status').filter({ hasText: 'Scheduled: it goes live at 2027-01-15 14:30 UTC.' })).toBeVisible();
  await expect(page.getByText('Goes live at 2027-01-15 09:30 (America/New_York)')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Cancel the schedule' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The schedule is cancelled' })).toBeVisible();
});
