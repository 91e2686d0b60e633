// Vietnamese phone numbers as cashiers type them, scanners send them and shops store them.
// Haravan's `?phone=` filter is assumed to match only the exact stored string (FACTS.md), so a number is
// understood once here and then searched in each form a shop is likely to have stored.

export type PhoneProblem = 'empty' | 'not_digits' | 'too_short' | 'too_long' | 'unknown_prefix';
export type PhoneKind = 'mobile' | 'landline';

export interface VietnamesePhone {
  /** Today's national form, e.g. "0909977921"; legacy 11-digit mobiles already remapped. */
  national: string;
  kind: PhoneKind;
  /** The pre-2018 11-digit form when the number's prefix had one, e.g. "01689977921" for 0389977921. */
  legacyNational?: string;
  /** Mobiles 4-3-3 ("0909 977 921"); landlines area code then subscriber ("024 3825 1234", "0236 3822 123"). */
  display: string;
}

export type PhoneParse = { ok: true; phone: VietnamesePhone } | { ok: false; problem: PhoneProblem };

/** The 2018 remap of 11-digit mobile prefixes (last 7 digits kept), from FACTS.md. */
const LEGACY_TO_CURRENT: Readonly<Record<string, string>> = {
  // Viettel
  '0162': '032', '0163': '033', '0164': '034', '0165': '035',
  '0166': '036', '0167': '037', '0168': '038', '0169': '039',
  // MobiFone
  '0120': '070', '0121': '079', '0122': '077', '0126': '076', '0128': '078',
  // VinaPhone
  '0123': '083', '0124': '084', '0125': '085', '0127': '081', '0129': '082',
  // Vietnamobile
  '0186': '056', '0188': '058',
  // Gmobile
  '0199': '059',
};

// Every new prefix above came from exactly one old prefix, so the reverse is a plain lookup.
const CURRENT_TO_LEGACY: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LEGACY_TO_CURRENT).map(([legacy, current]) => [current, legacy]),
);

const COUNTRY_CODE = '84';
const MOBILE_LENGTH = 10;
/** Landlines (02 + 9 digits) and pre-2018 mobiles (01xx + 7 digits). */
const LONG_LENGTH = 11;

// Separators people and copy-paste put inside a number: spaces of every width (incl. non-breaking),
// dots, hyphens and dashes (word processors turn "-" into en/em dashes), parentheses, and invisible
// marks (zero-width space, word joiner, BOM, LRM/RLM) that ride along when copying from web pages or Excel.
// Tabs and line breaks are NOT here: only trim() removes them at the ends (a scanner's trailing CR/LF/Tab);
// inside, they usually mean two values were pasted together.
const SEPARATORS = /[ \u00A0\u2000-\u200A\u202F\u205F\u3000.()\-\u2010-\u2014\u2212\u200B-\u200F\u2060\uFEFF]/g;

type Cleaned = { ok: true; plus: boolean; digits: string } | { ok: false; problem: PhoneProblem };

/** Full-width ASCII (U+FF01–FF5E) as some Vietnamese IMEs type it: "０９０９" → "0909", "＋" → "+". */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Strips what a person or scanner adds around the digits; keeps only an optional leading "+" and ASCII digits. */
function clean(input: string): Cleaned {
  const compact = toHalfWidth(input).trim().replace(SEPARATORS, '');
  // `\d` without the u flag is ASCII 0-9 only, so other scripts' digits are rejected here.
  if (!/^\+?\d*$/.test(compact)) return { ok: false, problem: 'not_digits' };
  const plus = compact.startsWith('+');
  const digits = plus ? compact.slice(1) : compact;
  // Nothing but separators (or a lone "+") is treated like an empty field, not as a malformed number.
  if (digits === '') return { ok: false, problem: 'empty' };
  return { ok: true, plus, digits };
}

/**
 * Validates a national-form candidate. Lengths are checked first against every valid form (10–11 digits),
 * then the prefix; the spec wants 10-digit 01/02/04/06 numbers reported as unknown_prefix, and an 11-digit
 * number with a mobile prefix is reported as too_long because that is the likely typo.
 */
function fromNational(national: string): PhoneParse {
  if (national.length < MOBILE_LENGTH) return { ok: false, problem: 'too_short' };
  if (national.length > LONG_LENGTH) return { ok: false, problem: 'too_long' };
  if (national[0] !== '0') return { ok: false, problem: 'unknown_prefix' };
  const second = national[1] ?? '';
  const isMobilePrefix = '35789'.includes(second);
  if (national.length === MOBILE_LENGTH) {
    return isMobilePrefix ? { ok: true, phone: mobile(national) } : { ok: false, problem: 'unknown_prefix' };
  }
  if (second === '1') {
    const current = LEGACY_TO_CURRENT[national.slice(0, 4)];
    if (current === undefined) return { ok: false, problem: 'unknown_prefix' };
    return { ok: true, phone: mobile(current + national.slice(4)) };
  }
  if (second === '2') return { ok: true, phone: landline(national) };
  return { ok: false, problem: isMobilePrefix ? 'too_long' : 'unknown_prefix' };
}

/** Digits after the country code; "+84 (0) 909…" is a common business-card style, so a trunk 0 is tolerated. */
function afterCountryCode(rest: string): PhoneParse {
  return fromNational(rest.startsWith('0') ? rest : '0' + rest);
}

function mobile(national: string): VietnamesePhone {
  const legacyPrefix = CURRENT_TO_LEGACY[national.slice(0, 3)];
  const phone: VietnamesePhone = { national, kind: 'mobile', display: groups(national, 'mobile').join(' ') };
  if (legacyPrefix !== undefined) phone.legacyNational = legacyPrefix + national.slice(3);
  return phone;
}

function landline(national: string): VietnamesePhone {
  return { national, kind: 'landline', display: groups(national, 'landline').join(' ') };
}

/**
 * Display groups. Hanoi (024) and Ho Chi Minh City (028) have 2-digit area codes and 8-digit subscribers
 * (3-4-4); every other province has a 3-digit code and 7-digit subscribers, shown 4-4-3 so the area code
 * stays whole ("0236 3822 123") instead of being split by a fixed 3-4-4.
 */
function groups(national: string, kind: PhoneKind): string[] {
  const sizes = kind === 'mobile' ? [4, 3, 3] : /^02[48]/.test(national) ? [3, 4, 4] : [4, 4, 3];
  const result: string[] = [];
  let at = 0;
  for (const size of sizes) {
    result.push(national.slice(at, at + size));
    at += size;
  }
  return result;
}

export function parsePhone(input: string): PhoneParse {
  // Callers pass IPC or API data; a null/undefined must not throw.
  if (typeof input !== 'string') return { ok: false, problem: 'empty' };
  const cleaned = clean(input);
  if (!cleaned.ok) return cleaned;
  const { plus, digits } = cleaned;

  // "+…" and "00…" are international: only Vietnam's code is understood.
  const international = plus ? digits : digits.startsWith('00') ? digits.slice(2) : undefined;
  if (international !== undefined) {
    if (international.startsWith(COUNTRY_CODE)) return afterCountryCode(international.slice(COUNTRY_CODE.length));
    // "+8" or "00" alone could still become +84: incomplete rather than foreign.
    if (COUNTRY_CODE.startsWith(international)) return { ok: false, problem: 'too_short' };
    return { ok: false, problem: 'unknown_prefix' };
  }

  // A national number always starts with 0, so bare digits starting "84" can only be the country code
  // without its "+". Its problem (e.g. too_short) is the informative one when it does not fit.
  // Note "0840000000" starts with 0: it is the national VinaPhone 084 number, never +84 0000000.
  if (digits.startsWith(COUNTRY_CODE)) return afterCountryCode(digits.slice(COUNTRY_CODE.length));

  return fromNational(digits);
}

/** The ways a shop writes a phone in Haravan: 0909…, +84909…, 84909…, or the pre-2018 01…  form. */
export type StoredFormKind = 'national' | 'plus' | 'country' | 'legacy';

export const STORED_FORM_KINDS: readonly StoredFormKind[] = ['national', 'plus', 'country', 'legacy'];

/** Which form a phone as stored (or as storedForms wrote it) is in; undefined for anything else. */
export function storedFormKind(stored: string): StoredFormKind | undefined {
  if (/^\+84\d{8,10}$/.test(stored)) return 'plus';
  if (/^84\d{8,10}$/.test(stored)) return 'country';
  if (/^01\d{9}$/.test(stored)) return 'legacy';
  if (/^0\d{8,10}$/.test(stored)) return 'national';
  return undefined;
}

export function storedForms(phone: VietnamesePhone, options?: { includeLegacy?: boolean }): string[] {
  const includeLegacy = options?.includeLegacy ?? true;
  const forms: string[] = [];
  // Guard against hand-built objects: a malformed national would yield "+84"/"84" queries that match
  // nothing useful, and an empty query makes Haravan return arbitrary profiles (FACTS.md).
  if (/^0\d+$/.test(phone.national)) {
    const significant = phone.national.slice(1);
    forms.push(phone.national, `+${COUNTRY_CODE}${significant}`, `${COUNTRY_CODE}${significant}`);
  }
  if (includeLegacy && phone.legacyNational !== undefined && /^0\d+$/.test(phone.legacyNational)) {
    forms.push(phone.legacyNational);
  }
  return [...new Set(forms)];
}

/** Hides every group but the first and the last, so the customer can confirm without the screen leaking the number. */
export function maskPhone(phone: VietnamesePhone): string {
  const parts = groups(phone.national, phone.kind);
  return parts.map((part, i) => (i === 0 || i === parts.length - 1 ? part : '*'.repeat(part.length))).join(' ');
}

export function normalizeStoredPhone(stored: string): string | undefined {
  if (typeof stored !== 'string') return undefined;
  const parsed = parsePhone(stored);
  if (parsed.ok) return parsed.phone.national;
  // Stored data only: spreadsheets (and imports from them) drop a leading 0, e.g. "909977921".
  // Not accepted at the till, where a missing digit is as likely as a missing 0.
  const cleaned = clean(stored);
  if (!cleaned.ok || cleaned.plus || cleaned.digits.startsWith('0')) return undefined;
  const restored = fromNational('0' + cleaned.digits);
  return restored.ok ? restored.phone.national : undefined;
}

/** A phone as a shop stored it, formatted and masked for the screen and for print; "" when there is none. */
export function phoneForScreen(stored: string): { phoneDisplay: string; phoneMasked: string } {
  const trimmed = stored.trim();
  const national = normalizeStoredPhone(trimmed);
  const parsed = national ? parsePhone(national) : undefined;
  if (parsed?.ok) return { phoneDisplay: parsed.phone.display, phoneMasked: maskPhone(parsed.phone) };
  if (trimmed.length <= 6) return { phoneDisplay: trimmed, phoneMasked: '*'.repeat(trimmed.length) };
  return { phoneDisplay: trimmed, phoneMasked: `${trimmed.slice(0, 3)}${'*'.repeat(trimmed.length - 6)}${trimmed.slice(-3)}` };
}
