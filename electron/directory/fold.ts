// Vietnamese names as a cashier types them: without diacritics, in any case, maybe only the start of each
// word, in any order. Names are stored folded ("Nguyễn Văn An" → "nguyen van an") and matched word by
// word, so "nguyen van a", "ngu va" and "an nguyen" all find that member.

/** Combining marks left by NFD: tones and the breve/circumflex/horn of ă â ê ô ơ ư. */
const COMBINING_MARKS = /\p{M}/gu;
/** Everything that separates words: spaces, punctuation, symbols. */
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** The words of a name, folded: lower case, no diacritics, đ → d. */
export function foldedWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    // đ is a letter of its own, not d plus a mark, so NFD leaves it.
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .split(NOT_WORD)
    .filter((word) => word !== '');
}

/** What the name index holds for a member: family and middle names, then the given name. */
export function foldedName(lastName: string, firstName: string): string {
  return foldedWords(`${lastName} ${firstName}`).join(' ');
}

/**
 * FTS5 queries for the typed words: `whole` matches each as a complete word, `prefix` as the start of one.
 * Words are quoted, so nothing typed is read as FTS5 syntax; folded words hold only letters and digits.
 */
export function nameQueries(text: string): { words: string[]; whole: string; prefix: string } | undefined {
  const words = foldedWords(text);
  if (words.length === 0) return undefined;
  return {
    words,
    whole: words.map((word) => `"${word}"`).join(' '),
    prefix: words.map((word) => `"${word}"*`).join(' '),
  };
}
