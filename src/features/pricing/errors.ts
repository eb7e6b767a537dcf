/**
 * A view's rules cannot be applied as written (bad percentage, bad date, duplicate rule).
 * The message names the rule in words sales understands, so the views feature can show it
 * beside the input when a view is published.
 */
export class PricingRuleError extends Error {
  override name = 'PricingRuleError';
}
