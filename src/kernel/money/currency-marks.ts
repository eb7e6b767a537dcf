// ISO 4217 minor-unit exponents other than 2 (list of 2024); any other code has 2 decimals.
const ZERO_DECIMALS = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
const FOUR_DECIMALS = new Set(['CLF', 'UYW']);

/** Decimals of an ISO 4217 currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyDecimals(currency: string): number {
  if (!/^[A-Z]{3}$/.test(currency)) throw new TypeError(`not an ISO 4217 currency code: ${JSON.stringify(currency)}`);
  if (ZERO_DECIMALS.has(currency)) return 0;
  if (THREE_DECIMALS.has(currency)) return 3;
  if (FOUR_DECIMALS.has(currency)) return 4;
  return 2;
}

// Symbols written beside prices, with the currencies each may stand for.
const SYMBOLS: Record<string, readonly string[]> = {
  '€': ['EUR'], '£': ['GBP'], '¥': ['JPY', 'CNY'], '₹': ['INR'], '₩': ['KRW'], '₽': ['RUB'], '₺': ['TRY'],
  '$': ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN', 'ARS', 'CLP', 'COP', 'TWD'],
  'US$': ['USD'], 'C$': ['CAD'], 'A$': ['AUD'], 'NZ$': ['NZD'], 'R$': ['BRL'], 'HK$': ['HKD'],
  'FR.': ['CHF'], 'SFR.': ['CHF'], 'ZŁ': ['PLN'], 'KČ': ['CZK'], 'FT': ['HUF'], 'KR': ['SEK', 'NOK', 'DKK', 'ISK'], 'KR.': ['SEK', 'NOK', 'DKK', 'ISK'],
};

/**
 * The currencies a mark next to a price may mean: a 3-letter code means itself, a symbol
 * the currencies listed above; undefined when the mark is not a currency at all.
 */
export function currenciesOfMark(mark: string): readonly string[] | undefined {
  const upper = mark.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(upper)) return [upper];
  return SYMBOLS[upper];
}
