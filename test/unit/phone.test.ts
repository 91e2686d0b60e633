import { describe, expect, it } from 'vitest';
import {
  maskPhone,
  normalizeStoredPhone,
  parsePhone,
  storedForms,
  type PhoneProblem,
  type VietnamesePhone,
} from '../../electron/haravan/phone.ts';

function parsed(input: string): VietnamesePhone {
  const result = parsePhone(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got ${result.problem}`);
  return result.phone;
}

const MOBILE: VietnamesePhone = { national: '0909977921', kind: 'mobile', display: '0909 977 921' };

describe('parsePhone: accepted inputs', () => {
  const valid: Array<[label: string, input: string, expected: VietnamesePhone]> = [
    ['national', '0909977921', MOBILE],
    ['spaces', '0909 977 921', MOBILE],
    ['dots', '0909.977.921', MOBILE],
    ['dashes', '0909-977-921', MOBILE],
    ['en dashes from a word processor', '0909–977–921', MOBILE],
    ['non-breaking spaces', '0909\u00A0977\u00A0921', MOBILE],
    ['zero-width space and BOM from copy-paste', '\uFEFF0909\u200B977921', MOBILE],
    ['surrounding whitespace', '  0909977921  ', MOBILE],
    ['scanner CR/LF', '0909977921\r\n', MOBILE],
    ['scanner tab', '0909977921\t', MOBILE],
    ['+84 with space', '+84 909977921', MOBILE],
    ['+84', '+84909977921', MOBILE],
    ['84 without plus', '84909977921', MOBILE],
    ['0084', '0084909977921', MOBILE],
    ['0084 with spaces', '00 84 909 977 921', MOBILE],
    ['(+84)', '(+84) 909 977 921', MOBILE],
    ['+84 (0) business-card style', '+84 (0) 909 977 921', MOBILE],
    ['84 with trunk 0', '840909977921', MOBILE],
    ['full-width digits', '０９０９９７７９２１', MOBILE],
    ['full-width plus and digits', '＋８４ ９０９ ９７７ ９２１', MOBILE],
    ['national form starting 084 is not +84', '0840000000', {
      national: '0840000000', kind: 'mobile', legacyNational: '01240000000', display: '0840 000 000',
    }],
    ['any 03 mobile', '0300000000', { national: '0300000000', kind: 'mobile', display: '0300 000 000' }],
    ['05 mobile', '0521234567', { national: '0521234567', kind: 'mobile', display: '0521 234 567' }],
    ['today\'s 038 number keeps its legacy form', '0389977921', {
      national: '0389977921', kind: 'mobile', legacyNational: '01689977921', display: '0389 977 921',
    }],
    ['+84 legacy mobile', '+84 168 997 7921', {
      national: '0389977921', kind: 'mobile', legacyNational: '01689977921', display: '0389 977 921',
    }],
    ['84 + 10-digit legacy mobile', '841689977921', {
      national: '0389977921', kind: 'mobile', legacyNational: '01689977921', display: '0389 977 921',
    }],
    ['Hanoi landline', '024 3825 1234', { national: '02438251234', kind: 'landline', display: '024 3825 1234' }],
    ['HCMC landline in parentheses', '(028) 3829-1234', { national: '02838291234', kind: 'landline', display: '028 3829 1234' }],
    ['Da Nang landline (3-digit area code)', '0236.3822.123', { national: '02363822123', kind: 'landline', display: '0236 3822 123' }],
    ['+84 landline', '+84 24 3825 1234', { national: '02438251234', kind: 'landline', display: '024 3825 1234' }],
    ['84 landline without plus', '842838291234', { national: '02838291234', kind: 'landline', display: '028 3829 1234' }],
  ];

  it.each(valid)('%s: %j', (_label, input, expected) => {
    expect(parsePhone(input)).toStrictEqual({ ok: true, phone: expected });
  });

  const legacy: Array<[legacyPrefix: string, currentPrefix: string]> = [
    ['0162', '032'], ['0163', '033'], ['0164', '034'], ['0165', '035'],
    ['0166', '036'], ['0167', '037'], ['0168', '038'], ['0169', '039'],
    ['0120', '070'], ['0121', '079'], ['0122', '077'], ['0126', '076'], ['0128', '078'],
    ['0123', '083'], ['0124', '084'], ['0125', '085'], ['0127', '081'], ['0129', '082'],
    ['0186', '056'], ['0188', '058'],
    ['0199', '059'],
  ];

  it.each(legacy)('legacy %s → %s, last 7 digits kept, both ways', (legacyPrefix, currentPrefix) => {
    const expected: VietnamesePhone = {
      national: `${currentPrefix}9977921`,
      kind: 'mobile',
      legacyNational: `${legacyPrefix}9977921`,
      display: `${currentPrefix}9 977 921`,
    };
    expect(parsePhone(`${legacyPrefix}9977921`)).toStrictEqual({ ok: true, phone: expected });
    expect(parsePhone(`${currentPrefix}9977921`)).toStrictEqual({ ok: true, phone: expected });
  });

  it('gives no legacy form to prefixes that never had one', () => {
    for (const prefix of ['086', '088', '089', '090', '091', '096', '097', '098', '099', '052', '087']) {
      expect(parsed(`${prefix}1234567`).legacyNational).toBeUndefined();
    }
    expect(parsed('02438251234').legacyNational).toBeUndefined();
  });
});

describe('parsePhone: rejected inputs', () => {
  const invalid: Array<[label: string, input: string, problem: PhoneProblem]> = [
    ['empty', '', 'empty'],
    ['whitespace only', '   ', 'empty'],
    ['scanner line ending only', '\r\n', 'empty'],
    ['separators only', '( ) - .', 'empty'],
    ['lone plus', '+', 'empty'],
    ['letters', 'abc', 'not_digits'],
    ['letter inside', '0909977g21', 'not_digits'],
    ['label before number', 'tel: 0909977921', 'not_digits'],
    ['two numbers', '0909977921 / 0912345678', 'not_digits'],
    ['two numbers on two lines', '0909977921\n0912345678', 'not_digits'],
    ['plus in the middle', '0909+977921', 'not_digits'],
    ['double plus', '++84909977921', 'not_digits'],
    ['Arabic-Indic digits', '٠٩٠٩٩٧٧٩٢١', 'not_digits'],
    ['too short', '090997792', 'too_short'],
    ['too short via +84', '+84 90997792', 'too_short'],
    ['too short via 84', '8490997792', 'too_short'],
    ['missing leading 0 at the till', '909977921', 'too_short'],
    ['incomplete country code', '+8', 'too_short'],
    ['too long', '090997792123', 'too_long'],
    ['mobile prefix with an extra digit', '09099779211', 'too_long'],
    ['too long via +84', '+84 9099779211', 'too_long'],
    ['product EAN-13 scanned into the phone field', '8934563138165', 'too_long'],
    ['10-digit 02', '0209977921', 'unknown_prefix'],
    ['10-digit 01', '0168997792', 'unknown_prefix'],
    ['10-digit 04 (old Hanoi landline)', '0438251234', 'unknown_prefix'],
    ['10-digit 06', '0609977921', 'unknown_prefix'],
    ['unknown legacy prefix', '01109977921', 'unknown_prefix'],
    ['unknown legacy prefix 0130', '01309977921', 'unknown_prefix'],
    ['11-digit 04', '04438251234', 'unknown_prefix'],
    ['foreign number', '+1 415 555 0100', 'unknown_prefix'],
    ['foreign number via 00', '0044 20 7946 0958', 'unknown_prefix'],
    ['plus before a national number', '+0909977921', 'unknown_prefix'],
    ['10 digits without leading 0', '9099779211', 'unknown_prefix'],
  ];

  it.each(invalid)('%s: %j → %s', (_label, input, problem) => {
    expect(parsePhone(input)).toStrictEqual({ ok: false, problem });
  });

  it('does not throw on non-string input from IPC or JSON', () => {
    expect(parsePhone(null as unknown as string)).toStrictEqual({ ok: false, problem: 'empty' });
    expect(parsePhone(undefined as unknown as string)).toStrictEqual({ ok: false, problem: 'empty' });
  });
});

describe('storedForms', () => {
  it('lists national, +84 and 84 forms for a number without a legacy form', () => {
    expect(storedForms(parsed('0909 977 921'))).toStrictEqual(['0909977921', '+84909977921', '84909977921']);
  });

  it('appends the legacy national form by default', () => {
    expect(storedForms(parsed('01689977921'))).toStrictEqual([
      '0389977921', '+84389977921', '84389977921', '01689977921',
    ]);
  });

  it('omits the legacy form when asked', () => {
    expect(storedForms(parsed('0389977921'), { includeLegacy: false })).toStrictEqual([
      '0389977921', '+84389977921', '84389977921',
    ]);
    expect(storedForms(parsed('0389977921'), { includeLegacy: true })).toHaveLength(4);
  });

  it('covers landlines', () => {
    expect(storedForms(parsed('028 3829 1234'))).toStrictEqual(['02838291234', '+842838291234', '842838291234']);
  });

  it('drops duplicates and empty or malformed strings from a hand-built phone', () => {
    expect(storedForms({ ...MOBILE, legacyNational: '0909977921' })).toStrictEqual([
      '0909977921', '+84909977921', '84909977921',
    ]);
    expect(storedForms({ national: '', kind: 'mobile', legacyNational: '', display: '' })).toStrictEqual([]);
    expect(storedForms({ national: '909977921', kind: 'mobile', display: '' })).toStrictEqual([]);
  });
});

describe('maskPhone', () => {
  it('hides the middle of a mobile', () => {
    expect(maskPhone(parsed('0909977921'))).toBe('0909 *** 921');
    expect(maskPhone(parsed('01689977921'))).toBe('0389 *** 921');
  });

  it('hides the middle group of landlines', () => {
    expect(maskPhone(parsed('02438251234'))).toBe('024 **** 1234');
    expect(maskPhone(parsed('02363822123'))).toBe('0236 **** 123');
  });
});

describe('normalizeStoredPhone', () => {
  const stored: Array<[input: string, expected: string | undefined]> = [
    ['0909977921', '0909977921'],
    [' 0909.977.921 ', '0909977921'],
    ['+84 909-977-921', '0909977921'],
    ['84909977921', '0909977921'],
    ['(+84)909977921', '0909977921'],
    ['01689977921', '0389977921'],
    ['0168 997 7921', '0389977921'],
    ['(028) 3829 1234', '02838291234'],
    ['０９０９９７７９２１', '0909977921'],
    // Leading 0 dropped by a spreadsheet: accepted for stored data only.
    ['909977921', '0909977921'],
    ['849977921', '0849977921'],
    ['1689977921', '0389977921'],
    ['2838291234', '02838291234'],
    ['', undefined],
    ['   ', undefined],
    ['n/a', undefined],
    ['0909977921 / 0912345678', undefined],
    ['090997792', undefined],
    ['12345', undefined],
    ['+1 415 555 0100', undefined],
    ['+909977921', undefined],
    ['01109977921', undefined],
    ['1109977921', undefined],
  ];

  it.each(stored)('%j → %j', (input, expected) => {
    expect(normalizeStoredPhone(input)).toBe(expected);
  });

  it('returns undefined for null from the API', () => {
    expect(normalizeStoredPhone(null as unknown as string)).toBeUndefined();
  });

  it('agrees with parsePhone on everything parsePhone accepts', () => {
    for (const input of ['0909 977 921', '+84909977921', '0084909977921', '01209977921', '024 3825 1234\r\n']) {
      expect(normalizeStoredPhone(input)).toBe(parsed(input).national);
    }
  });
});
