// Telling a barcode scanner from a person: a scanner is a keyboard that types a whole phone or card number
// in a burst (a few milliseconds a character) and ends it with Enter. People do not type six digits at
// 35 ms a key. A scan is a new search wherever focus is, so that a card scanned while a panel is open
// never lands in its points field. A busy till may hold one key back a little: the burst is judged on its
// average pace, and only a pause a person would make ends it.

/** Keys further apart than this are not one burst. */
export const SCAN_MAX_GAP_MS = 100;
/** A burst this fast on average, key to key, is a scanner. */
export const SCAN_AVERAGE_GAP_MS = 35;
/** The shortest scan: a card number or a phone without its leading digits is not shorter. */
export const SCAN_MIN_LENGTH = 6;

export interface ScanDetector {
  /** A printable key arrived at `at` (ms). */
  key(character: string, at: number): void;
  /** Enter arrived at `at`: the scanned text if the keys before it were a burst, else undefined. Starts over. */
  enter(at: number): string | undefined;
  /** The text of the burst so far (so that a field it was typed into can take it out again). */
  readonly burst: string;
}

const SCANNABLE = /^[0-9+]$/;

export function createScanDetector(): ScanDetector {
  let burst = '';
  let firstAt = -Infinity;
  let lastAt = -Infinity;
  return {
    key(character, at) {
      const continues = burst !== '' && at - lastAt <= SCAN_MAX_GAP_MS;
      lastAt = at;
      if (!SCANNABLE.test(character)) {
        burst = '';
        return;
      }
      if (!continues) {
        burst = '';
        firstAt = at;
      }
      burst += character;
    },
    enter(at) {
      const pace = (lastAt - firstAt) / Math.max(1, burst.length - 1);
      const scanned = burst.length >= SCAN_MIN_LENGTH && pace <= SCAN_AVERAGE_GAP_MS && at - lastAt <= SCAN_MAX_GAP_MS ? burst : undefined;
      burst = '';
      lastAt = -Infinity;
      return scanned;
    },
    get burst() {
      return burst;
    },
  };
}
