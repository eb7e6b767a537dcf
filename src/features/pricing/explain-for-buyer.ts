import type { AppliedRule } from './types.ts';

/** What the buyer may read about their price: their own catalog's and agreement's names, nothing of anyone else's terms. */
export interface BuyerPriceWords { catalogName: string; agreementName: string | null }

/**
 * "Why this price" for the buyer, in plain words: "10 % off Fasteners 2027 under your agreement
 * “Globex framework agreement 2027”", "fixed price agreed for this item", "quantity break from
 * 50". Only the rule that set the buyer's own price is named, with the name of their own view;
 * never the view's internal note, other rules or another customer's terms.
 * `listTierMinQty`: the supplier quantity break that set the list price, if any.
 */
export function explainPriceForBuyer(rule: AppliedRule, listTierMinQty: number | undefined, words: BuyerPriceWords): string {
  const under = words.agreementName ? ` under your agreement “${words.agreementName}”` : '';
  const onBreak = listTierMinQty !== undefined && listTierMinQty > 1 ? `, on the supplier's quantity break from ${listTierMinQty.toLocaleString('en')}` : '';
  const pct = (p: number | undefined) => `${(p ?? 0).toLocaleString('en')} % off`;
  switch (rule.kind) {
    case 'fixed':
      return `fixed price agreed for this item${under}`;
    case 'fixed-tier':
      return `fixed price agreed for this item from ${(rule.minQty ?? 1).toLocaleString('en')}${under}`;
    case 'category':
      return `${pct(rule.percentOff)} ${rule.categoryPath ?? ''} in ${words.catalogName}${under}${onBreak}`;
    case 'catalog':
      return `${pct(rule.percentOff)} ${words.catalogName}${under}${onBreak}`;
    case 'list':
      return listTierMinQty !== undefined && listTierMinQty > 1 ? `quantity break from ${listTierMinQty.toLocaleString('en')}` : 'the supplier\'s list price';
  }
}
