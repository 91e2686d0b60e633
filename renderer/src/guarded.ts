// Manager actions (settings, PIN, store, directory) fail the same way when the PIN unlock has expired:
// the settings ask for the PIN again instead of showing an error.

import { errorOf } from './api.ts';
import { errorText } from './i18n.svelte.ts';

/** The words for a failed manager action; '' after handing an expired unlock to `onlocked`. */
export function guardedProblem(caught: unknown, onlocked: () => void): string {
  const error = errorOf(caught);
  if (error.code !== 'pin_required') return errorText(error);
  onlocked();
  return '';
}
