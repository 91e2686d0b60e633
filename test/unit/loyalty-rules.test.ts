// Money ↔ points at the edges: nothing, one point, the whole balance, huge bills, and the rounding each way.
import { describe, expect, it } from 'vitest';
import { MAX_DONG, MAX_POINT_VALUE_DONG, MAX_POINTS, pointsForBill, pointsForDiscount, worthOf } from '../../electron/loyalty/rules.ts';

describe('a discount typed in đồng', () => {
  it('takes as many whole points as the amount covers, and says what is left over', () => {
    expect(pointsForDiscount(100_000, 6100, 1000)).toEqual({ ok: true, points: 100, valueDong: 100_000, leftoverDong: 0 });
    expect(pointsForDiscount(100_500, 6100, 1000)).toEqual({ ok: true, points: 100, valueDong: 100_000, leftoverDong: 500 });
    expect(pointsForDiscount(100_999, 6100, 1000)).toMatchObject({ points: 100, leftoverDong: 999 });
  });

  it('refuses nothing and less than one point, naming the most the balance takes off', () => {
    expect(pointsForDiscount(0, 6100, 1000)).toEqual({ ok: false, problem: 'zero', maxDong: 6_100_000 });
    expect(pointsForDiscount(999, 6100, 1000)).toEqual({ ok: false, problem: 'below_one_point', maxDong: 6_100_000 });
    expect(pointsForDiscount(1000, 6100, 1000)).toEqual({ ok: true, points: 1, valueDong: 1000, leftoverDong: 0 });
  });

  it('never takes more than the balance: the whole balance exactly, one đồng-point more refused', () => {
    expect(pointsForDiscount(6_100_000, 6100, 1000)).toMatchObject({ ok: true, points: 6100, leftoverDong: 0 });
    expect(pointsForDiscount(6_100_999, 6100, 1000)).toMatchObject({ ok: true, points: 6100, leftoverDong: 999 });
    expect(pointsForDiscount(6_101_000, 6100, 1000)).toEqual({ ok: false, problem: 'over_available', maxDong: 6_100_000 });
    expect(pointsForDiscount(1000, 0, 1000)).toEqual({ ok: false, problem: 'over_available', maxDong: 0 });
  });

  it('has no answer where points have no money value', () => {
    expect(pointsForDiscount(100_000, 6100, 0)).toMatchObject({ ok: false, problem: 'no_point_value' });
  });

  it('stays whole at the ceilings', () => {
    expect(Number.isSafeInteger(worthOf(MAX_POINTS, MAX_POINT_VALUE_DONG))).toBe(true);
    expect(pointsForDiscount(MAX_DONG, MAX_POINTS, MAX_POINT_VALUE_DONG)).toMatchObject({ ok: true, points: 1_000_000, leftoverDong: 0 });
    expect(pointsForDiscount(MAX_DONG + 1, MAX_POINTS, 1)).toMatchObject({ ok: false, problem: 'too_large' });
  });
});

describe('points earned from a bill', () => {
  const down = { earnDongPerPoint: 10_000, earnRounding: 'down' } as const;
  const nearest = { earnDongPerPoint: 10_000, earnRounding: 'nearest' } as const;

  it('rounds down: a part of a point is dropped', () => {
    expect(pointsForBill(105_000, down)).toEqual({ ok: true, points: 10, rounded: 'down', remainderDong: 5000 });
    expect(pointsForBill(109_999, down)).toMatchObject({ points: 10, rounded: 'down' });
    expect(pointsForBill(100_000, down)).toEqual({ ok: true, points: 10, rounded: 'exact', remainderDong: 0 });
  });

  it('rounds to the nearest: half a point and more is a whole one', () => {
    expect(pointsForBill(104_999, nearest)).toMatchObject({ points: 10, rounded: 'down' });
    expect(pointsForBill(105_000, nearest)).toMatchObject({ points: 11, rounded: 'up', remainderDong: 5000 });
    expect(pointsForBill(5000, nearest)).toMatchObject({ ok: true, points: 1, rounded: 'up' });
  });

  it('refuses a bill of nothing or below one point', () => {
    expect(pointsForBill(0, down)).toEqual({ ok: false, problem: 'zero' });
    expect(pointsForBill(9999, down)).toEqual({ ok: false, problem: 'below_one_point' });
    expect(pointsForBill(4999, nearest)).toEqual({ ok: false, problem: 'below_one_point' });
    expect(pointsForBill(10_000, down)).toMatchObject({ ok: true, points: 1, rounded: 'exact' });
  });

  it('takes huge bills whole, and refuses what no single change may add', () => {
    expect(pointsForBill(MAX_DONG, down)).toMatchObject({ ok: true, points: 100_000_000, rounded: 'exact' });
    expect(pointsForBill(MAX_DONG, { earnDongPerPoint: 1, earnRounding: 'down' })).toEqual({ ok: false, problem: 'too_large' });
    expect(pointsForBill(MAX_DONG + 1, down)).toEqual({ ok: false, problem: 'too_large' });
    expect(pointsForBill(MAX_POINTS, { earnDongPerPoint: 1, earnRounding: 'nearest' })).toMatchObject({ ok: true, points: MAX_POINTS });
  });
});
