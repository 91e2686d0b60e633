// What may be written where support can read it: everything that goes into a log or a diagnostics file
// passes through here first. The Haravan token (any printable string, connection.ts) is known to the desk,
// so it is blanked wherever it appears, also URL-encoded; token-shaped strings and secret-named fields are
// blanked whatever their value; a full phone number is masked the way the screen masks it (phone.ts).

import { maskPhone, parsePhone, phoneForScreen } from '../haravan/phone.ts';

export const TOKEN_MARK = '[token]';
export const SECRET_MARK = '[secret]';

/** Field names whose string values are secrets whatever they hold (the settings' managerPin and seal among them). */
const SECRET_KEY = /token|secret|passw|authori[sz]ation|cookie|api[-_]?key|credential|^(manager)?pin$|^pin[-_]?code$|^seal$|^signature$/i;
/** Field names that hold a phone as a shop stored it, possibly without its leading 0 ("909977921"). */
const PHONE_KEY = /phone|mobile|^tel$|^sdt$/i;

/** "Bearer xyz" and "Basic xyz" in headers and messages, and token-named URL parameters. */
// A backslash ends the token too: in JSON text "\n" after a token is the next line, not part of it.
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)[^\s"'\\,;)]+/gi;
const TOKEN_PARAMETER = /([?&;\s"'](?:access_?|api_?|refresh_?)?token["']?\s*[=:]\s*["']?)[^\s&"'\\,;)]+/gi;
/**
 * An opaque run of 32 or more letters and digits, with both in it: the shape of Haravan's and the sandbox's
 * tokens, and of keys and hashes. UUIDs (journal ids) are cut by hyphens into shorter runs and stay readable.
 */
const OPAQUE = /(?<![A-Za-z0-9])(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{32,}(?![A-Za-z0-9])/g;
/** Digits in groups as people write phones (spaces, no-break spaces, dots, hyphens), with an optional "+" (or its URL form). */
const DIGIT_RUN = /(?:%2B|\+)?\d(?:[ \u00a0\u202f.\-]?\d)+/gi;
const SEPARATOR = /[ \u00a0\u202f.\-]/;

export interface Redactor {
  /** A string with every secret blanked and every full phone masked. */
  text(text: string): string;
  /** Any value as JSON-safe data, redacted throughout: errors keep name, message, code, stack and cause. */
  value(value: unknown): unknown;
}

/** `secrets`: the strings known to be secret right now (the stored token); read at every call. */
export function createRedactor(secrets: () => readonly string[] = () => []): Redactor {
  const text = (input: string) => redactText(input, secrets());
  return {
    text,
    value: (value) => toSafe(value, text, 0, new WeakSet()),
  };
}

export function redactText(input: string, secrets: readonly string[] = []): string {
  let text = input;
  for (const secret of secrets) {
    // A short "secret" would blank half the log; the desk's tokens are 8 characters or more (connection.ts).
    if (secret.length < 8) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) text = text.split(form).join(TOKEN_MARK);
  }
  text = text.replace(AUTH_SCHEME, (_match, scheme: string, space: string) => `${scheme}${space}${TOKEN_MARK}`);
  text = text.replace(TOKEN_PARAMETER, (_match, name: string) => `${name}${TOKEN_MARK}`);
  text = text.replace(OPAQUE, TOKEN_MARK);
  return maskPhones(text);
}

/** Every full Vietnamese phone in free text masked as on screen ("0909 *** 921"); other numbers untouched. */
export function maskPhones(text: string): string {
  return text.replace(DIGIT_RUN, (run, offset: number, whole: string) => {
    // A run inside a word, an id or a longer number (a UUID's digits, "v1.2.3-4", "entry_…") is not a phone;
    // one right after a label is ("SĐT0909977921", "tel0909…", "phone%3D0909…"), unless hex digits lead to it.
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + run.length] ?? '';
    const escaped = /%[0-9a-f]{2}$/i.test(whole.slice(Math.max(0, offset - 3), offset));
    const inHex = /[a-f]/i.test(before) && /[0-9a-f]/i.test(whole[offset - 2] ?? '') && !escaped;
    if (/[0-9_]/.test(before) || inHex || /\w/.test(after)) return run;
    return maskRun(run);
  });
}

/**
 * The run with every stretch of whole groups that is a phone masked, longest first from the left, so that
 * "2024-05-01 0909 977 921" keeps its date and masks its phone.
 */
function maskRun(run: string): string {
  // Groups at even indexes, the separator after each at the odd ones.
  const parts = run.split(/([ \u00a0\u202f.\-])/);
  const groups = parts.filter((_part, index) => index % 2 === 0);
  let out = '';
  let start = 0;
  while (start < groups.length) {
    let end = start;
    let digits = 0;
    // A phone has at most 11 digits (13 with +84): longer stretches are not tried.
    while (end < groups.length && digits + groups[end]!.replace(/\D/g, '').length <= 13) digits += groups[end++]!.replace(/\D/g, '').length;
    let matched = 0;
    let masked: string | undefined;
    for (let stop = end; stop > start && !masked; stop -= 1) {
      masked = asPhone(parts.slice(start * 2, stop * 2 - 1).join(''));
      if (masked) matched = stop - start;
    }
    const taken = masked ? matched : 1;
    out += masked ?? groups[start];
    start += taken;
    if (start < groups.length) out += parts[start * 2 - 1];
  }
  return out;
}

function asPhone(candidate: string): string | undefined {
  const compact = candidate.replace(/^%2B/i, '+');
  // Nine digits or fewer is never a full phone here; parsePhone decides the rest (prefixes, lengths).
  if (compact.replace(/\D/g, '').length < 10 || SEPARATOR.test(compact.at(-1) ?? '')) return undefined;
  const parsed = parsePhone(compact);
  return parsed.ok ? maskPhone(parsed.phone) : undefined;
}

const MAX_DEPTH = 8;
const MAX_ITEMS = 200;

function toSafe(value: unknown, text: (input: string) => string, depth: number, seen: WeakSet<object>, key?: string): unknown {
  // A secret-named field's string or number is blanked; its booleans (tokenMissing) and objects (headers) are not secrets themselves.
  if (key !== undefined && SECRET_KEY.test(key) && (typeof value === 'number' || (typeof value === 'string' && value !== ''))) return SECRET_MARK;
  if (typeof value === 'string') {
    if (key !== undefined && PHONE_KEY.test(key)) return maskStoredPhone(text(value));
    return text(value);
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined) return undefined;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'symbol' || typeof value === 'function') return text(String(value));
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof URL) return text(value.href);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return errorToSafe(value, text, depth, seen);
    if (Array.isArray(value)) {
      const items = value.slice(0, MAX_ITEMS).map((item) => toSafe(item, text, depth + 1, seen, key));
      if (value.length > MAX_ITEMS) items.push(`[${value.length - MAX_ITEMS} more]`);
      return items;
    }
    if (value instanceof Map) return toSafe(Object.fromEntries(value), text, depth, seen, key);
    if (value instanceof Set) return toSafe([...value], text, depth, seen, key);
    const result: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      result[text(name)] = toSafe(item, text, depth + 1, seen, name);
    }
    return result;
  } finally {
    seen.delete(value);
  }
}

function errorToSafe(error: Error, text: (input: string) => string, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const result: Record<string, unknown> = { name: text(error.name), message: text(error.message) };
  const fields = error as unknown as Record<string, unknown>;
  for (const [name, item] of Object.entries(fields)) {
    if (name !== 'name' && name !== 'message' && name !== 'stack') result[text(name)] = toSafe(item, text, depth + 1, seen, name);
  }
  if (error.stack) result['stack'] = text(error.stack);
  if (error.cause !== undefined) result['cause'] = toSafe(error.cause, text, depth + 1, seen);
  return result;
}

/** A phone field's value: masked as the screen does, also in the stored forms free text cannot tell from other numbers. */
function maskStoredPhone(value: string): string {
  if (value.trim() === '' || /\*/.test(value)) return value;
  return /\d{6,}|\d[ .\-]\d/.test(value) ? phoneForScreen(value).phoneMasked : value;
}
