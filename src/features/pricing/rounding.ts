/**
 * THE rounding of percentage rules, the only place money is multiplied by a percentage.
 *
 * net = price × (10000 − bp) / 10000, rounded HALF-UP to the nearest minor unit
 * (exactly half a cent rounds up: 1 cent at 50% off is 1 cent). Half-up is the
 * commercial rounding buyers and sales check with a calculator; prices are never
 * negative, so half-up and half-away-from-zero agree.
 *
 * Integer arithmetic only: the product stays an exact integer in a double while it is a
 * safe integer; beyond that (prices above ~9 × 10^11 minor units) it switches to BigInt.
 * The result is never above `priceMinor`, so it is always a safe integer.
 */
export function applyBasisPointsOff(priceMinor: number, basisPointsOff: number): number {
  if (!Number.isSafeInteger(priceMinor) || priceMinor < 0) {
    throw new RangeError(`price must be a non-negative integer of minor units, got ${priceMinor}`);
  }
  if (!Number.isInteger(basisPointsOff) || basisPointsOff < 0 || basisPointsOff > 10_000) {
    throw new RangeError(`basis points must be an integer from 0 to 10000, got ${basisPointsOff}`);
  }
  const keep = 10_000 - basisPointsOff;
  const product = priceMinor * keep;
  if (Number.isSafeInteger(product)) {
    const remainder = product % 10_000; // exact: both operands are safe integers
    const quotient = (product - remainder) / 10_000; // exact: divides evenly
    return remainder * 2 >= 10_000 ? quotient + 1 : quotient;
  }
  const big = BigInt(priceMinor) * BigInt(keep);
  const quotient = big / 10_000n;
  const remainder = big % 10_000n;
  return Number(remainder * 2n >= 10_000n ? quotient + 1n : quotient);
}
