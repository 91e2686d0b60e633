// The shop's loyalty rules as money: what a point is worth when redeemed and how many points a bill earns.
// Plain arithmetic on whole đồng and whole points, shared by the screen (to show it) and the main process
// (to check what the screen sent against the rules it holds).

/** The contract's ceiling for one adjustment. */
export const MAX_POINTS = 1_000_000_000;
/** The largest bill or discount typed at a till (a trillion đồng), far below where doubles lose whole numbers. */
export const MAX_DONG = 1_000_000_000_000;
/** The most one point may be worth: MAX_POINTS of them still add up to a whole number of đồng. */
export const MAX_POINT_VALUE_DONG = 1_000_000;

export type EarnRounding = 'down' | 'nearest';

export interface LoyaltyRules {
  /** What one point takes off a bill when redeemed, in đồng; 0: the shop gives points no money value. */
  pointValueDong: number;
  /** Đồng spent for one point. */
  earnDongPerPoint: number;
  /** What a bill's part of a point becomes: dropped, or a whole point from half of one. */
  earnRounding: EarnRounding;
  /** Haravan records this till's sales and awards their points itself: adding points for a purchase here would pay twice. */
  salesRecordedInHaravan: boolean;
}

/** What a typical HaraLoyalty setup says: 10.000 ₫ spent earns a point, a point takes 1.000 ₫ off. */
export const DEFAULT_RULES: LoyaltyRules = {
  pointValueDong: 1000,
  earnDongPerPoint: 10_000,
  earnRounding: 'down',
  salesRecordedInHaravan: true,
};

/** What points take off a bill, in whole đồng. */
export const worthOf = (points: number, pointValueDong: number): number => points * pointValueDong;

export type DiscountPlan =
  | { ok: true; points: number; valueDong: number; /** What was asked for beyond the points' worth: less than one point. */ leftoverDong: number }
  | { ok: false; problem: 'no_point_value' | 'zero' | 'below_one_point' | 'over_available' | 'too_large'; /** The most the balance takes off. */ maxDong: number };

/**
 * The points for a discount typed in đồng: as many whole points as the amount covers, never more (a
 * discount is never larger than asked), and never more than the member has.
 */
export function pointsForDiscount(amountDong: number, availablePoints: number, pointValueDong: number): DiscountPlan {
  const maxDong = worthOf(Math.max(0, availablePoints), pointValueDong);
  if (pointValueDong <= 0) return { ok: false, problem: 'no_point_value', maxDong };
  if (amountDong <= 0) return { ok: false, problem: 'zero', maxDong };
  if (amountDong > MAX_DONG) return { ok: false, problem: 'too_large', maxDong };
  const points = Math.floor(amountDong / pointValueDong);
  if (points === 0) return { ok: false, problem: 'below_one_point', maxDong };
  if (points > availablePoints) return { ok: false, problem: 'over_available', maxDong };
  const valueDong = worthOf(points, pointValueDong);
  return { ok: true, points, valueDong, leftoverDong: amountDong - valueDong };
}

export type EarnPlan =
  | {
      ok: true;
      points: number;
      /** How the bill's part of a point was treated: none, dropped, or made a whole point. */
      rounded: 'exact' | 'down' | 'up';
      /** The bill's đồng beyond the whole points it earns (before rounding). */
      remainderDong: number;
    }
  | { ok: false; problem: 'zero' | 'below_one_point' | 'too_large' };

/** The points a bill earns at the shop's rate: whole points, rounded as the shop rounds. */
export function pointsForBill(billDong: number, rules: Pick<LoyaltyRules, 'earnDongPerPoint' | 'earnRounding'>): EarnPlan {
  const rate = rules.earnDongPerPoint;
  if (billDong <= 0) return { ok: false, problem: 'zero' };
  if (billDong > MAX_DONG) return { ok: false, problem: 'too_large' };
  const whole = Math.floor(billDong / rate);
  const remainderDong = billDong - whole * rate;
  const up = rules.earnRounding === 'nearest' && remainderDong * 2 >= rate;
  const points = up ? whole + 1 : whole;
  if (points === 0) return { ok: false, problem: 'below_one_point' };
  if (points > MAX_POINTS) return { ok: false, problem: 'too_large' };
  return { ok: true, points, rounded: remainderDong === 0 ? 'exact' : up ? 'up' : 'down', remainderDong };
}
