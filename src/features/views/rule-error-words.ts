import type { PricingRuleError } from '#features/pricing/errors.ts';

/**
 * A PricingRuleError's message for sales: the pricing module names views and catalogs by id
 * ("view 4, catalog 2, category rule …"); sales knows the catalog by its name and is already
 * looking at the view.
 */
export function ruleErrorInWords(error: PricingRuleError, catalogNames: ReadonlyMap<number, string>): string {
  const text = error.message
    .replace(/^view \d+(, |: )/, '')
    .replace(/\bcatalog (\d+)/g, (whole, id: string) => {
      const name = catalogNames.get(Number(id));
      return name === undefined ? whole : `catalog “${name}”`;
    })
    .replace(/\bvalidFrom\b/g, 'first day')
    .replace(/\bvalidUntil\b/g, 'end of validity')
    .replace(/\bpercentOff\b/g, 'percentage');
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return `This view cannot be saved as it is: ${sentence}${sentence.endsWith('.') ? '' : '.'}`;
}
