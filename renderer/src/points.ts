import type { Language } from '../../electron/settings/settings.ts';
import { MAX_DONG, MAX_POINTS } from '../../electron/loyalty/rules.ts';

// The rules for an amount typed or pasted by a cashier — points, or đồng for a discount or a bill — shared
// by the fields (to explain a problem as it is typed) and the adjustment form (to refuse before anything is
// sent).

export type PointsProblem = 'empty' | 'zero' | 'negative' | 'not_whole' | 'not_number' | 'over_available' | 'too_large';

export type PointsParse = { ok: true; points: number } | { ok: false; problem: PointsProblem; character?: string };

export type DongParse = { ok: true; dong: number } | { ok: false; problem: Exclude<PointsProblem, 'over_available'>; character?: string };

/**
 * Thousands grouped the way the screen's language writes them ("1.000" in Vietnamese, "1,000" in English)
 * or with spaces, as a pasted figure may be. The other language's separator is a decimal mark.
 */
const GROUPED: Record<Language, RegExp> = {
  vi: /^\d{1,3}(?:[.\s\u00a0]\d{3})+$/,
  en: /^\d{1,3}(?:[,\s\u00a0]\d{3})+$/,
};

type WholeParse = { ok: true; value: number } | { ok: false; problem: 'empty' | 'negative' | 'not_whole' | 'not_number'; character?: string };

/**
 * Spaces around the figure and thousands separators are what a person pastes, and are accepted; a comma or
 * a lone dot is refused rather than guessed at ("1,5" is one and a half to a Vietnamese cashier), since a
 * wrong guess moves real points. A refused character is named, so that the cashier sees what to take out.
 */
function parseWhole(trimmed: string, language: Language): WholeParse {
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (/^[-\u2212]/.test(trimmed)) return { ok: false, problem: 'negative' };
  const digits = GROUPED[language].test(trimmed) ? trimmed.replace(/\D/g, '') : trimmed;
  if (/^\d*[.,]\d+$/.test(digits) || /^\d+[.,]$/.test(digits)) return { ok: false, problem: 'not_whole' };
  const stray = /\D/.exec(digits);
  if (stray) return { ok: false, problem: 'not_number', character: stray[0] };
  return { ok: true, value: Number(digits) };
}

/** `limit` is the member's available balance when redeeming; adding has no limit. */
export function parsePoints(text: string, limit?: number, language: Language = 'vi'): PointsParse {
  const whole = parseWhole(text.trim(), language);
  if (!whole.ok) return whole;
  const points = whole.value;
  if (points === 0) return { ok: false, problem: 'zero' };
  if (points > MAX_POINTS) return { ok: false, problem: 'too_large' };
  if (limit !== undefined && points > limit) return { ok: false, problem: 'over_available' };
  return { ok: true, points };
}

/** Whole đồng, as typed or pasted: "105.000", "105000 ₫", "105.000đ" (the currency sign may come after). */
export function parseDong(text: string, language: Language = 'vi'): DongParse {
  const whole = parseWhole(text.trim().replace(/\s*(₫|đ|vnd|vnđ)$/i, ''), language);
  if (!whole.ok) return whole;
  if (whole.value === 0) return { ok: false, problem: 'zero' };
  if (whole.value > MAX_DONG) return { ok: false, problem: 'too_large' };
  return { ok: true, dong: whole.value };
}
