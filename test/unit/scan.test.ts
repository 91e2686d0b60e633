import { describe, expect, it } from 'vitest';
import { createScanDetector, SCAN_MAX_GAP_MS } from '../../renderer/src/scan.ts';

function feed(text: string, gapMs: number, start = 1_000) {
  const detector = createScanDetector();
  let at = start;
  for (const character of text) {
    detector.key(character, at);
    at += gapMs;
  }
  return { detector, at };
}

describe('telling a scan from typing', () => {
  it('a card number in a burst ending with Enter is a scan', () => {
    const { detector, at } = feed('100006037101', 5);
    expect(detector.enter(at)).toBe('100006037101');
  });

  it('a phone with +84 in a burst is a scan', () => {
    const { detector, at } = feed('+84909123921', 8);
    expect(detector.enter(at)).toBe('+84909123921');
  });

  it('the same digits typed by a person are not, even a fast typist', () => {
    const { detector, at } = feed('100006037101', 120);
    expect(detector.enter(at)).toBeUndefined();
    const fast = feed('0909977921', 70);
    expect(fast.detector.enter(fast.at)).toBeUndefined();
  });

  it('a scan a busy till delivered with one key held back is still a scan', () => {
    const detector = createScanDetector();
    let at = 0;
    for (const [index, character] of [...'100006037110'].entries()) {
      at += index === 5 ? 90 : 4;
      detector.key(character, at);
    }
    expect(detector.enter(at + 5)).toBe('100006037110');
  });

  it('a short burst (an amount) is not, nor a burst with letters in it', () => {
    const short = feed('500', 5);
    expect(short.detector.enter(short.at)).toBeUndefined();
    const letters = feed('12345abc678', 5);
    expect(letters.detector.enter(letters.at)).toBeUndefined();
  });

  it('an Enter pressed long after the burst is not part of it', () => {
    const { detector, at } = feed('100006037101', 5);
    expect(detector.enter(at + SCAN_MAX_GAP_MS + 200)).toBeUndefined();
  });

  it('a burst that starts after a pause counts from its first key, not what a person typed before', () => {
    const detector = createScanDetector();
    detector.key('5', 0);
    detector.key('0', 300);
    let at = 2_000;
    for (const character of '0909123921') {
      detector.key(character, at);
      at += 6;
    }
    expect(detector.enter(at)).toBe('0909123921');
  });
});
