import { expect, test } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import Highlighted from '#features/search/Highlighted.astro';
import { MARK_END, MARK_START, toPieces } from '#features/search/highlight.ts';

// A supplier's product name is text: matched words get <mark>, markup in the name never runs.
test('highlighted text is escaped and only the matches are marked', async () => {
  const container = await AstroContainer.create();
  const pieces = toPieces(`<img src=x onerror=alert(1)> ${MARK_START}Safety${MARK_END} glasses & "goggles"`);
  const html = await container.renderToString(Highlighted, { props: { pieces } });
  // Dev rendering adds source attributes to elements; compare without them.
  const plain = html.replace(/ data-astro-source-[a-z]+="[^"]*"/g, '');
  expect(plain).toBe('&lt;img src=x onerror=alert(1)&gt; <mark>Safety</mark> glasses &amp; &quot;goggles&quot;');
  expect(html).not.toContain('<img');
});
