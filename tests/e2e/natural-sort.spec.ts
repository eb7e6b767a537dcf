import { test, expect, type Page } from '@playwright/test';
import { signIn } from './buyer-support/session.ts';

// Names sort as people read them: M3 before M10, "M10 x 12 mm" before "M10 x 100 mm", in the
// catalog's listing (SQL) and in search sorted by name alike.

const people = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const before = (names: string[], a: string, b: string) => {
  const [i, j] = [names.findIndex((n) => n.startsWith(a)), names.findIndex((n) => n.startsWith(b))];
  expect(i, a).toBeGreaterThanOrEqual(0);
  expect(j, b).toBeGreaterThanOrEqual(0);
  expect(i, `${a} before ${b}`).toBeLessThan(j);
};

async function listingNames(page: Page): Promise<string[]> {
  return page.locator('table.item-table tbody tr td[data-label="Name"]').allInnerTexts();
}

test('the category listing sorts names naturally', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  const names: string[] = [];
  for (const n of [1, 2]) {
    await page.goto(`/catalogs/fasteners-2027/screws/machine-screws/countersunk${n > 1 ? `?page=${n}` : ''}`);
    names.push(...await listingNames(page));
  }
  expect(names.length).toBeGreaterThan(20);
  expect(names).toEqual([...names].sort(people.compare));
  before(names, 'Countersunk machine screw M3 x 16 mm, steel', 'Countersunk machine screw M10 x 12 mm, steel');
  before(names, 'Countersunk machine screw M10 x 12 mm, steel', 'Countersunk machine screw M10 x 100 mm, steel');
});

test('search sorted by name agrees', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  const names: string[] = [];
  for (const n of [1, 2]) {
    await page.goto(`/search?q=countersunk+machine+screw+zinc&sort=name&page=${n}`);
    names.push(...await page.getByRole('list', { name: 'Results' }).locator('h3').allInnerTexts());
  }
  expect(names.length).toBeGreaterThan(10);
  expect(names).toEqual([...names].sort(people.compare));
  before(names, 'Countersunk machine screw M3 x 16 mm', 'Countersunk machine screw M10 x 12 mm');
  before(names, 'Countersunk machine screw M10 x 12 mm', 'Countersunk machine screw M10 x 100 mm');
});
