// The pure rules under the directory's search and sync: how names fold and how updated_at is compared.
import { expect, it } from 'vitest';
import { foldedName, foldedWords, nameQueries } from '../../../electron/directory/fold.ts';
import { fromMicros, toMicros } from '../../../electron/haravan/timestamps.ts';

it('folds Vietnamese names to lower-case words without diacritics, đ to d', () => {
  expect(foldedName('Nguyễn Văn', 'An')).toBe('nguyen van an');
  expect(foldedName('ĐẶNG THỊ', 'Thu')).toBe('dang thi thu');
  expect(foldedWords('Ơn  Ưu,Ăn-Âm ê ô')).toEqual(['on', 'uu', 'an', 'am', 'e', 'o']);
  // Composed and decomposed text (some keyboards send combining marks) fold alike.
  expect(foldedWords('Nguyễn'.normalize('NFD'))).toEqual(['nguyen']);
});

it('quotes every typed word, so nothing typed is read as FTS5 syntax', () => {
  expect(nameQueries('Lê thị')).toEqual({ words: ['le', 'thi'], whole: '"le" "thi"', prefix: '"le"* "thi"*' });
  expect(nameQueries('an OR "thu"*')).toEqual({ words: ['an', 'or', 'thu'], whole: '"an" "or" "thu"', prefix: '"an"* "or"* "thu"*' });
  expect(nameQueries(' -*" ')).toBeUndefined();
});

it('compares updated_at in microseconds whatever its format, and rounds a bound down to stay inclusive', () => {
  const micros = toMicros('2020-05-08T04:08:06.000001Z')!;
  expect(toMicros('2020-05-08T04:08:06Z')).toBe(micros - 1);
  expect(toMicros('2020-05-08T11:08:06.000001+07:00')).toBe(micros);
  expect(toMicros('2020-05-08T11:08:06.000001+0700')).toBe(micros);
  expect(toMicros('2020-05-08T04:08:06.1234567Z')).toBe(micros - 1 + 123_456);
  expect(toMicros('yesterday')).toBeUndefined();
  expect(toMicros(null)).toBeUndefined();
  expect(fromMicros(toMicros('2020-05-08T04:08:06.123999Z')!)).toBe('2020-05-08T04:08:06.123Z');
});
