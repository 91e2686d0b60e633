// The rules for a points amount typed by a cashier, shared by the points field (to explain a problem as
// it is typed) and the adjustment form (to refuse before anything is sent).

export type PointsProblem = 'empty' | 'zero' | 'negative' | 'not_whole' | 'not_number' | 'over_available' | 'too_large';

export type PointsParse = { ok: true; points: number } | { ok: false; problem: PointsProblem };

/** The contract's ceiling for one adjustment. */
export const MAX_POINTS = 1_000_000_000;

/**
 * `limit` is the member's available balance when redeeming; adding has no limit. Anything but plain
 * digits is refused rather than guessed at: "1.500" is 1500 to a Vietnamese cashier and 1.5 to an
 * English one, and a wrong guess moves real points.
 */
export function parsePoints(text: string, limit?: number): PointsParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (/^[-\u2212]/.test(trimmed)) return { ok: false, problem: 'negative' };
  if (/^\d*[.,]\d+$/.test(trimmed) || /^\d+[.,]$/.test(trimmed)) return { ok: false, problem: 'not_whole' };
  if (!/^\d+$/.test(trimmed)) return { ok: false, problem: 'not_number' };
  const points = Number(trimmed);
  if (points === 0) return { ok: false, problem: 'zero' };
  if (points > MAX_POINTS) return { ok: false, problem: 'too_large' };
  if (limit !== undefined && points > limit) return { ok: false, problem: 'over_available' };
  return { ok: true, points };
}
