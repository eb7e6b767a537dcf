// What the Lighthouse bench prints about one page: one line of scores and metrics (of the median
// run), then, on their own lines, what failed in accessibility and best practices and which
// performance opportunities Lighthouse found, so a reader knows what to fix without the report.
import type { Result as Lhr } from 'lighthouse';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

export function score(lhr: Lhr, category: string): number | null {
  const value = lhr.categories[category]?.score;
  return value == null ? null : Math.round(value * 100);
}

export function summaryLine(label: string, lhr: Lhr, runs: Lhr[]): string {
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const spread = runs.length > 1 ? ` (runs ${runs.map((r) => score(r, 'performance')).sort((a, b) => (a ?? 0) - (b ?? 0)).join('/')})` : '';
  return `${label}: performance ${score(lhr, 'performance')}${spread}, accessibility ${score(lhr, 'accessibility')}, ` +
    `best-practices ${score(lhr, 'best-practices')}, FCP ${(metric('first-contentful-paint') / 1000).toFixed(2)} s, ` +
    `LCP ${(metric('largest-contentful-paint') / 1000).toFixed(2)} s, TBT ${metric('total-blocking-time').toFixed(0)} ms, ` +
    `CLS ${metric('cumulative-layout-shift').toFixed(3)}`;
}

export function findingLines(lhr: Lhr): string[] {
  const lines: string[] = [];
  for (const category of ['accessibility', 'best-practices']) {
    const failed = (lhr.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => ref.id);
    if (failed.length) lines.push(`  ${category} failed: ${failed.join(', ')}`);
  }
  const opportunities = Object.values(lhr.audits)
    .filter((a) => a.details?.type === 'opportunity' && a.score !== null && a.score < 1)
    .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  if (opportunities.length) lines.push(`  performance opportunities: ${opportunities.join(', ')}`);
  return lines;
}
