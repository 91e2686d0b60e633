import { describe, expect, it } from 'vitest';
import { canEncodeCode128, code128Svg, encodeCode128 } from '../../../electron/printing/code128.ts';

/** Element widths (bar first) as the bit string readers and zxing's tests use: 1 = bar module, 0 = space. */
function bits(widths: readonly number[]): string {
  return widths.map((width, i) => (i % 2 === 0 ? '1' : '0').repeat(width)).join('');
}

// Symbol bit patterns from zxing's Code128WriterTestCase (an independent implementation).
const START_B = '11010010000';
const START_C = '11010011100';
const STOP = '1100011101011';
const ONE_B = '10011100110';
const TWO_B = '11001110010';
const THREE_B = '11001011100';

describe('encodeCode128', () => {
  it('encodes "123" in subset B with checksum 8 (104 + 17·1 + 18·2 + 19·3 = 214 ≡ 8 mod 103)', () => {
    const code = encodeCode128('123');
    expect(code.values).toEqual([104, 17, 18, 19, 8]);
    expect(code.checksum).toBe(8);
    // Value 8 is the pattern 132212.
    expect(bits(code.widths)).toBe(START_B + ONE_B + TWO_B + THREE_B + '10001100100' + STOP);
  });

  it('matches a published all-digit encoding bar for bar (jbarcode Barcode128Test)', () => {
    const code = encodeCode128('01040123453333361503123110123456');
    // prettier-ignore
    expect(code.widths).toEqual([
      2, 1, 1, 2, 3, 2, 2, 2, 2, 1, 2, 2, 1, 2, 1, 3, 2, 2, 2, 2, 2, 1, 2, 2, 3, 1, 2, 1, 3, 1, 1, 1,
      3, 1, 2, 3, 1, 1, 1, 3, 2, 3, 1, 1, 1, 3, 2, 3, 1, 1, 2, 3, 1, 3, 1, 1, 3, 2, 2, 2, 1, 2, 1, 2, 2, 3, 1, 1, 2,
      2, 3, 2, 2, 1, 2, 3, 2, 1, 2, 2, 1, 3, 1, 2, 1, 1, 2, 2, 3, 2, 1, 3, 1, 1, 2, 3, 3, 3, 1, 1, 2, 1, 2, 2, 3, 1,
      1, 2, 2, 3, 3, 1, 1, 1, 2,
    ]);
    expect(bits(code.widths).startsWith(START_C)).toBe(true);
  });

  it('packs a 12-digit card number in subset C: 6 pairs, checksum 94, 28 bars', () => {
    const code = encodeCode128('100006037101');
    // 105 + 10·1 + 0·2 + 6·3 + 3·4 + 71·5 + 1·6 = 506 ≡ 94 (mod 103)
    expect(code.values).toEqual([105, 10, 0, 6, 3, 71, 1, 94]);
    expect(code.checksum).toBe(94);
    // 8 symbols of 3 bars each, and the stop's 4.
    expect(code.widths.filter((_, i) => i % 2 === 0)).toHaveLength(28);
  });

  it('switches to subset C for a trailing run of digits, the odd first digit staying in B', () => {
    const code = encodeCode128('AB1234567');
    // 104 + 33·1 + 34·2 + 17·3 + 99·4 + 23·5 + 45·6 + 67·7 = 1506 ≡ 64 (mod 103)
    expect(code.values).toEqual([104, 33, 34, 17, 99, 23, 45, 67, 64]);
  });

  it('switches back to B when a digit run ends in C', () => {
    expect(encodeCode128('1234A').values.slice(0, 4)).toEqual([105, 12, 34, 100]);
  });

  it('gives every symbol 11 modules and the stop 13', () => {
    for (const text of ['123', '100006037101', 'AB1234567', 'Card-42 x']) {
      const { values, widths } = encodeCode128(text);
      expect(widths.reduce((a, b) => a + b, 0)).toBe(values.length * 11 + 13);
    }
  });

  it('refuses what Code 128 B cannot carry', () => {
    expect(canEncodeCode128('Nguyễn')).toBe(false);
    expect(canEncodeCode128('')).toBe(false);
    expect(canEncodeCode128('12\n3')).toBe(false);
    expect(() => encodeCode128('Đặng')).toThrow(RangeError);
  });
});

describe('code128Svg', () => {
  it('draws one rect per bar inside quiet zones, at 0.375 mm per module', () => {
    const svg = code128Svg('100006037101').markup;
    expect(svg.match(/<rect /g)).toHaveLength(28);
    // 8 symbols · 11 + 13 (stop) + 2 · 10 quiet modules = 121 modules.
    expect(svg).toContain('viewBox="0 0 121 1"');
    expect(svg).toContain('width="45.375mm"');
    expect(svg).toMatch(/^<svg [^>]*><rect x="10" /);
  });
});
