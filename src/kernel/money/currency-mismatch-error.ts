/** Amounts in different currencies were about to be added together. */
export class CurrencyMismatchError extends Error {
  override name = 'CurrencyMismatchError';
}
