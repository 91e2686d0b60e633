// Phones as they turn up in free text: glued to a label, URL-encoded, with no-break spaces; ids stay readable.
import { describe, expect, it } from 'vitest';
import { maskPhones } from '../../electron/logging/redact.ts';

describe('phones in free text', () => {
  it.each([
    ['SĐT0909977921', 'SĐT0909 *** 921'],
    ['tel0909977921', 'tel0909 *** 921'],
    ['phone%3D0909977921', 'phone%3D0909 *** 921'],
    ['gọi 0909\u00a0977\u00a0921 nhé', 'gọi 0909 *** 921 nhé'],
    ['+84909977921', '0909 *** 921'],
  ])('%s → %s', (text, masked) => {
    expect(maskPhones(text)).toBe(masked);
  });

  it('leaves ids, dates and amounts readable', () => {
    for (const text of ['6f1c2b1e-1d2a-4c3b-9a8e-0c1d2e3f4a5b', 'entry_0909977921', '2026-12-02 10:15', '1.035.000 ₫', 'id 360101']) {
      expect(maskPhones(text)).toBe(text);
    }
  });
});
