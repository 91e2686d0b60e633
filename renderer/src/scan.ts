// Telling a barcode scanner from a person: a scanner is a keyboard that types a whole phone or card number
// in a burst (a few milliseconds a character) and ends it with Enter. People do not type six digits 40 ms
// apart. A scan is a new search wherever focus is, so that a card scanned while a panel is open never
// lands in its points field.

/** The longest gap between two keys of one burst. */
export const SCAN_GAP_MS = 40;
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
  let lastAt = -Infinity;
  return {
    key(character, at) {
      const continues = at - lastAt <= SCAN_GAP_MS && burst !== '';
      lastAt = at;
      if (!SCANNABLE.test(character)) {
        burst = '';
        return;
      }
      burst = continues ? burst + character : character;
    },
    enter(at) {
      const scanned = burst.length >= SCAN_MIN_LENGTH && at - lastAt <= SCAN_GAP_MS ? burst : undefined;
      burst = '';
      lastAt = -Infinity;
      return scanned;
    },
    get burst() {
      return burst;
    },
  };
}
