import { describe, expect, test } from 'vitest';
import { nextValidQuantity, orderTermsOf, quantityProblem } from '#features/lists/order-quantity.ts';
import { formatMoneyShare } from '#kernel/money/format-share.ts';
import { piecesPerUnit } from '#features/browse/pack-size.ts';

describe('order quantities', () => {
  test('the next valid quantity meets both the minimum and the multiple', () => {
    expect(nextValidQuantity(1, { minimum: 2, multiple: 1 })).toBe(2);
    expect(nextValidQuantity(7, { minimum: 1, multiple: 6 })).toBe(12);
    expect(nextValidQuantity(1, { minimum: 10, multiple: 4 })).toBe(12);
    expect(nextValidQuantity(12, { minimum: 10, multiple: 4 })).toBe(12);
  });

  test('terms come from the minimum and a BMEcat order interval given in order units', () => {
    expect(orderTermsOf({ minOrderQty: 2, attributes: {} })).toEqual({ minimum: 2, multiple: 1 });
    expect(orderTermsOf({ minOrderQty: 1, attributes: { 'Order in multiples of': '6' } })).toEqual({ minimum: 1, multiple: 6 });
    expect(orderTermsOf({ minOrderQty: 1, attributes: { 'Order in multiples of': '200 pieces' } })).toEqual({ minimum: 1, multiple: 1 });
  });

  test('the message says the rule and the quantity to order instead', () => {
    expect(quantityProblem(1, { minimum: 2, multiple: 1 }, 'BLO-1')).toEqual({ message: 'BLO-1 is sold from 2 units: 2 is the next quantity you can order.', suggestion: 2 });
    expect(quantityProblem(1, { minimum: 10, multiple: 4 }, 'X')?.message).toBe('X is sold from 10 units in multiples of 4: 12 is the next quantity you can order.');
    expect(quantityProblem(12, { minimum: 10, multiple: 4 }, 'X')).toBeNull();
  });
});

describe('price per piece', () => {
  test('a share of a pack price, in integers, with up to two more places', () => {
    expect(formatMoneyShare(1159, 100, 'EUR')).toBe('€0.1159');
    expect(formatMoneyShare(1043, 100, 'EUR')).toBe('€0.1043');
    expect(formatMoneyShare(1000, 50, 'EUR')).toBe('€0.20');
    expect(formatMoneyShare(1, 3, 'EUR')).toBe('€0.0033');
    expect(formatMoneyShare(100, 3, 'JPY')).toBe('JP¥33.33');
  });

  test('the pack size is read where the supplier states it', () => {
    expect(piecesPerUnit({ unit: 'Pack', name: 'Wood screw M3 x 12 mm, pack of 100', description: '', attributes: {} })).toBe(100);
    expect(piecesPerUnit({ unit: 'Pack', name: 'Wood screw', description: 'Sold in packs of 50.', attributes: {} })).toBe(50);
    expect(piecesPerUnit({ unit: '100 pieces', name: 'x', description: '', attributes: {} })).toBe(100);
    expect(piecesPerUnit({ unit: 'Box', name: 'x', description: '', attributes: { Contents: '6 pieces per box' } })).toBe(6);
    expect(piecesPerUnit({ unit: 'Piece', name: 'Panel, pack of 2 clips included', description: '', attributes: {} })).toBeNull();
  });
});
