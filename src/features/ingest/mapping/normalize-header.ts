const FOLDS: [RegExp, string][] = [
  [/ä/g, 'ae'], [/ö/g, 'oe'], [/ü/g, 'ue'], [/ß/g, 'ss'],
  // Symbols become words, so "Preis €" reads like "Preis EUR" and "price 10+" keeps its "+".
  [/€/g, ' eur '], [/£/g, ' gbp '], [/\$/g, ' usd '], [/\+/g, ' + '],
];

/**
 * A header as comparable words: lower case, German umlauts folded (ä → ae, ß → ss) so
 * "Währung" and "Waehrung" match, other accents dropped, punctuation turned into spaces
 * ("Art.-Nr." → ["art", "nr"]).
 */
export function headerTokens(header: string): string[] {
  let text = header.normalize('NFC').toLowerCase();
  for (const [pattern, replacement] of FOLDS) text = text.replace(pattern, replacement);
  text = text.normalize('NFKD').replace(/\p{M}/gu, '');
  return text.split(/[^a-z0-9+]+/).filter((t) => t !== '');
}

/** The header's words run together: "Art.-Nr." and "ArtNr" both give "artnr". */
export function compactHeader(header: string): string {
  return headerTokens(header).join('');
}
