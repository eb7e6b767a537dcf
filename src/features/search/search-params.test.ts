import { expect, test } from 'vitest';
import { parseSearchState, searchHref, withChange, EMPTY_STATE } from './search-params.ts';

test('the whole search lives in the URL and comes back the same', () => {
  const url = '/search?q=cordless+drill&supplier=toolmakers&catalog=power-tools-2027&category=Tools+%3E+Drills&maker=Bosch&maker=Makita&price=EUR%3A50-100&sort=price&page=2';
  const { state, problems } = parseSearchState(new URL(url, 'http://x').searchParams);
  expect(problems).toEqual([]);
  expect(state).toEqual({ q: 'cordless drill', suppliers: ['toolmakers'], catalogs: ['power-tools-2027'], category: 'Tools > Drills', makers: ['Bosch', 'Makita'], price: { currency: 'EUR', loMinor: 5000, hiMinor: 10000 }, sort: 'price', page: 2 });
  expect(searchHref(state)).toBe(url);
});

test('input a person can fix is explained and left out', () => {
  const { state, problems } = parseSearchState(new URLSearchParams('q=x&sort=cheapest&page=two&price=10-20'));
  expect(state).toMatchObject({ q: 'x', sort: 'relevance', page: 1, price: null });
  expect(problems).toEqual([
    '"cheapest" is not a way to sort; the results are sorted by relevance.',
    '"two" is not a page number; showing the first page.',
    '"10-20" is not a price range such as EUR:10-20 (from 10 to under 20 EUR) or EUR:100- (100 EUR and more). The price filter was left out.',
  ]);
  expect(parseSearchState(new URLSearchParams(`q=${'a'.repeat(300)}`)).state.q).toHaveLength(200);
});

test('changing anything but the page goes back to page 1', () => {
  const state = { ...EMPTY_STATE, q: 'drill', page: 3 };
  expect(searchHref(withChange(state, { sort: 'name' }))).toBe('/search?q=drill&sort=name');
  expect(searchHref(withChange(state, { page: 4 }))).toBe('/search?q=drill&page=4');
  expect(searchHref(EMPTY_STATE)).toBe('/search');
});
