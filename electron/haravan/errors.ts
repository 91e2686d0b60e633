// The one error family of Loyalty Desk. Every failure the cashier screen can meet is a LoyaltyError
// with a code the screen translates; messages are plain English for logs and never contain the token.

export type LoyaltyErrorCode =
  /** Wrong or revoked token (401): stop sending, ask for a new token. */
  | 'unauthorized'
  /** The token lacks a loyalty scope (403). */
  | 'missing_scope'
  | 'not_found'
  /** The server refused the request (422, or 400); `detail` carries its words. */
  | 'validation'
  /** Still rate limited after the retries allowed. */
  | 'rate_limited'
  /** The store could not be reached; nothing was applied. */
  | 'offline'
  /** The API address answers, but not as a Haravan store (every route 404): check the address. */
  | 'wrong_address'
  /** The store answered 5xx to a read; nothing was changed. */
  | 'server'
  /** A points change was sent and its outcome is unknown: it may or may not have been applied. */
  | 'uncertain'
  /** What the person typed cannot be used; nothing was sent. `detail` names the problem. */
  | 'invalid_input'
  /** No store is connected (and training mode is off). */
  | 'not_connected'
  /** A manager action while the settings are locked by a PIN. */
  | 'pin_required'
  /** The manager PIN given was wrong; `waitSeconds` says how long until the next may be tried. */
  | 'wrong_pin'
  /** The settings were changed outside the app: guarded actions stay locked until the store is connected again. */
  | 'settings_tampered'
  /** Printing failed (no printer, printer offline); `detail` says which. Nothing else changed. */
  | 'print_failed'
  /** A bug: the message is logged, the screen shows a generic apology. */
  | 'internal';

export const LOYALTY_ERROR_CODES: readonly LoyaltyErrorCode[] = [
  'unauthorized',
  'missing_scope',
  'not_found',
  'validation',
  'rate_limited',
  'offline',
  'wrong_address',
  'server',
  'uncertain',
  'invalid_input',
  'not_connected',
  'pin_required',
  'wrong_pin',
  'settings_tampered',
  'print_failed',
  'internal',
];

export class LoyaltyError extends Error {
  override readonly name = 'LoyaltyError';
  readonly code: LoyaltyErrorCode;
  /** Extra words for the screen: the server's validation message, or the input problem. */
  readonly detail: string | undefined;
  /** The HTTP status, when the store answered. */
  readonly status: number | undefined;
  /** How long to wait before trying again (a PIN after too many wrong ones). */
  readonly waitSeconds: number | undefined;

  constructor(code: LoyaltyErrorCode, message: string, options: { detail?: string; status?: number; waitSeconds?: number } = {}) {
    super(message);
    this.code = code;
    this.detail = options.detail;
    this.status = options.status;
    this.waitSeconds = options.waitSeconds;
  }
}

export function isLoyaltyError(value: unknown): value is LoyaltyError {
  return value instanceof LoyaltyError;
}

/** Serialisable form that crosses the IPC boundary. */
export interface EncodedError {
  code: LoyaltyErrorCode;
  message: string;
  detail?: string;
  waitSeconds?: number;
}

export function encodeError(error: unknown): EncodedError {
  if (!isLoyaltyError(error)) return { code: 'internal', message: 'Unexpected error' };
  const encoded: EncodedError = { code: error.code, message: error.message };
  if (error.detail !== undefined) encoded.detail = error.detail;
  if (error.waitSeconds !== undefined) encoded.waitSeconds = error.waitSeconds;
  return encoded;
}

/**
 * Flattens both 422 body shapes of FACTS.md into one sentence:
 * `{"errors": "Key can't be blank"}` and `{"errors": {"field": ["is invalid"]}}`.
 */
export function validationMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('errors' in body)) return undefined;
  const errors = (body as { errors: unknown }).errors;
  if (typeof errors === 'string') return errors.trim() || undefined;
  if (typeof errors !== 'object' || errors === null) return undefined;
  const parts = Object.entries(errors as Record<string, unknown>).flatMap(([field, problems]) => {
    const list = Array.isArray(problems) ? problems : [problems];
    return list.filter((p): p is string => typeof p === 'string').map((p) => `${field} ${p}`);
  });
  return parts.length > 0 ? parts.join('; ') : undefined;
}
