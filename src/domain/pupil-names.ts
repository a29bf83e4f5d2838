/**
 * One rule for "is this the same pupil?", shared by the Summary's frequent pupils, the chronology and the
 * form's pupil lists. Staff type names in a hurry, on phones, copied from the MIS: the same child arrives
 * as "Amira Khan (7H)", "KHAN, Amira", "amira  khan" or with an invisible character pasted in. If those
 * were different pupils a pattern around one child would fall apart, which is what the feature is for.
 *
 * The rule (pupilKey):
 * - invisible characters (U+200B, U+200C, U+200D, U+2060, U+FEFF, soft hyphen) are removed; every other
 *   kind of space (tab, non-breaking, thin…) is a space; runs of spaces are one;
 * - what says where the pupil is, not who, is dropped: anything in brackets, class codes (7H, Y10,
 *   10ABC), and "Year", "Form", "Class"… with the number or code beside them ("Year 8"); a bare number
 *   elsewhere stays ("Child 1" and "Child 2" are two pupils), and so does a surname "Form";
 * - "Surname, First name" (one comma) is read as "First name Surname", and so is an MIS export's
 *   "KHAN Amira" (surname in capitals first, then the first name with a capital);
 * - case does not matter, nor do accents on Latin letters: "Zoë" and "Zoe", "Siobhán" and "Siobhan",
 *   "Łukasz" and "Lukasz" are one pupil. Phones, keyboards and MIS exports drop accents unpredictably,
 *   and splitting one child's record in two hides a pattern; two different children in one school whose
 *   names differ only by an accent are far rarer, and the chronology shows every incident so a DSL can
 *   tell them apart. Marks in other scripts (Devanagari vowel signs, Arabic vowels…) are kept: there
 *   they can be what tells two names apart.
 * - curly and straight apostrophes are one, and so are the kinds of hyphen; punctuation around words goes.
 *
 * What stays different: "Khan Amira" (no comma, no capitals) and "Amira Khan", "A. Khan" and "Amira Khan",
 * a middle name ("Amira Noor Khan"), a different spelling ("Amira Khanum"). Guessing those would merge
 * different children.
 */

/** Characters with no width: removed (they split a name invisibly when pasted from chat or a web page). */
const INVISIBLE = /\u200B|\u200C|\u200D|\u2060|\uFEFF|\u00AD/g;
/** Every other space: tabs, non-breaking and narrow spaces, line and paragraph separators. */
const SPACES = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

/** The text with invisible characters removed and every run of spaces made one plain space, trimmed. */
export function tidyPupilText(text: string): string {
  return text.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/** True when the text, tidied, has a space in it (more than one word). */
export function hasSpace(text: string): boolean {
  return tidyPupilText(text).includes(' ');
}

/** Latin letters no decomposition turns into a plain letter. */
const LATIN_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lower case, accents on Latin letters removed; other scripts' marks kept. */
function foldCase(word: string): string {
  return word
    .normalize('NFKD')
    .toLowerCase()
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .replace(/[ßæœøłđðþı]/g, (letter) => LATIN_FOLDS[letter] ?? letter)
    .normalize('NFC');
}

/** Words that say where a pupil is, not who, when next to a class code: "Year 8", "Form 7H". */
const PLACE_WORDS = new Set(['year', 'yr', 'class', 'form', 'tutor', 'group', 'set', 'tg']);

/** A class or tutor-group code: "7H", "8R", "10ABC", "Y10", "Yr7", "12-B" (a number with letters). */
function isClassCode(word: string): boolean {
  return /^(?:yr?)?\d{1,2}[-/]?\p{L}{0,4}$/iu.test(word) && /\p{L}/u.test(word);
}

function isNumber(word: string): boolean {
  return /^\d{1,2}$/.test(word);
}

function isPlaceWord(word: string | undefined): boolean {
  return word !== undefined && PLACE_WORDS.has(word.toLowerCase());
}

/** Bracketed text: "(7H)", "[Year 8]", "{8R}". */
const BRACKETED = /\([^)]*\)|\[[^\]]*\]|\{[^}]*\}/g;

function normalisePunctuation(text: string): string {
  return text.replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'").replace(/[\u2010-\u2015\u2212]/g, '-');
}

/**
 * The words of a name as typed (case kept): invisible characters gone, brackets and class codes dropped,
 * punctuation around each word removed; hyphens and apostrophes inside a word stay.
 */
function nameWords(text: string): string[] {
  const words = normalisePunctuation(tidyPupilText(text).replace(BRACKETED, ' '))
    .split(' ')
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word !== '');
  return words.filter((word, i) => {
    if (isClassCode(word)) return false;
    // A bare number is a class only after a place word ("Year 8"): "Child 1" and "Child 2" stay apart.
    if (isNumber(word)) return !isPlaceWord(words[i - 1]);
    if (!isPlaceWord(word)) return true;
    // Only a place word beside a code is a place: a surname "Form" stays.
    const next = words[i + 1] ?? '';
    return !(isClassCode(next) || isNumber(next) || isClassCode(words[i - 1] ?? ''));
  });
}

/** A surname in capitals as an MIS writes it: three letters at least, so initials ("AJ Khan") are not. */
function isCapitals(word: string): boolean {
  return /\p{Lu}/u.test(word) && word === word.toUpperCase() && [...word.replace(/[-']/g, '')].length > 2;
}

/** "Amira", "O'Neill": a capital first, then small letters (so "AMIRA khan" is not read as surname first). */
function isTitleCase(word: string): boolean {
  return /^\p{Lu}/u.test(word) && /\p{Ll}/u.test(word);
}

/**
 * The name's words in "First name Surname" order: "Surname, First name" turned round; an MIS export's
 * "KHAN Amira" (leading words in capitals, the rest not) likewise. Empty when nothing is left.
 */
function orderedWords(name: string): string[] {
  const parts = name.split(',');
  if (parts.length === 2) {
    const surname = nameWords(parts[0] ?? '');
    const first = nameWords(parts[1] ?? '');
    if (surname.length > 0 && first.length > 0) return [...first, ...surname];
  }
  const words = nameWords(name.replace(/,/g, ' '));
  const leading = words.findIndex((word) => !isCapitals(word));
  if (leading > 0 && words.slice(leading).every(isTitleCase)) {
    return [...words.slice(leading), ...words.slice(0, leading)];
  }
  return words;
}

/** The key every spelling of one pupil shares (see the rule above); '' when no name is left. */
export function pupilKey(name: string): string {
  return orderedWords(name).map(foldCase).join(' ');
}

/**
 * The name as it reads best: "First name Surname", spaces tidied, invisible characters gone, case and
 * accents as typed, and the class the reporter gave kept at the end: "Khan, Amira (7H)" → "Amira Khan (7H)".
 * '' when no name is left.
 */
export function pupilDisplayName(name: string): string {
  const tidy = tidyPupilText(name);
  const words = orderedWords(tidy);
  if (words.length === 0) return '';
  const classes = (tidy.match(BRACKETED) ?? []).map(tidyPupilText);
  return [...words, ...classes].join(' ');
}

/**
 * The keys of every name a pupil cell may hold, as the register keeps it (one pupil per line; a line may
 * also be a comma-separated list, and a comma may be "Surname, First name"): each line whole, each
 * comma-separated piece, and each pair of neighbouring pieces read as "Surname, First name". A one-word
 * line followed by another line is also read as "Surname" then "First name" (an older reader split
 * answers at commas into lines).
 */
export function pupilKeysInCell(text: string): Set<string> {
  const keys = new Set<string>();
  const lines = text.split(/\r\n|\r|\n/).filter((line) => tidyPupilText(line) !== '');
  lines.forEach((line, i) => {
    keys.add(pupilKey(line));
    const pieces = line.split(',');
    if (pieces.length > 1) {
      pieces.forEach((piece, j) => {
        keys.add(pupilKey(piece));
        const next = pieces[j + 1];
        if (next !== undefined) keys.add(pupilKey(`${piece},${next}`));
      });
    }
    const following = lines[i + 1];
    if (following !== undefined && nameWords(line).length === 1 && !line.includes(',')) {
      keys.add(pupilKey(`${line},${following}`));
    }
  });
  keys.delete('');
  return keys;
}
