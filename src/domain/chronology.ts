/**
 * A pupil's chronology: every incident in the register that names the pupil, oldest first, with the
 * pupil's own role in each. Names match whatever the case, the spacing, and whether the name was written
 * "Surname, First name".
 *
 * The pupil cells are read as typed: the register's reader splits a cell at commas (one pupil per entry),
 * which would cut "Khan, Amira" into two names, so the matching here looks at each line both whole and
 * split.
 */
import type { CellValue, RegisterEntry } from './register';
import { columnPositions, makeRowReader } from './register';
import { QUOTE_PREFIX, cellText, formatDayMonthYear } from './cells';

export type PupilRole = 'harmed' | 'caused harm' | 'involved';

const ROLE_COLUMNS: ReadonlyArray<{
  role: PupilRole;
  key: 'pupilsHarmed' | 'pupilsCausedHarm' | 'pupilsOther';
}> = [
  { role: 'harmed', key: 'pupilsHarmed' },
  { role: 'caused harm', key: 'pupilsCausedHarm' },
  { role: 'involved', key: 'pupilsOther' },
];

function tidy(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Words that say where a pupil is, not who: "Year", "Form", "Class"… (class codes hold a digit). */
const PLACE_WORDS = new Set(['year', 'yr', 'class', 'form', 'tutor', 'group', 'set']);

/**
 * The words of a name, lower case: without what staff add to say which pupil (the form asks for "full name
 * and class or tutor group"): anything in brackets, class codes such as 8R or Y10, "Year", and punctuation
 * around words. Hyphens and apostrophes inside a name stay.
 */
function nameWords(text: string): string[] {
  return text
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .split(/\s+/)
    .filter((word) => !/\d/.test(word))
    .map((word) => word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').toLowerCase())
    .filter((word) => word !== '' && !PLACE_WORDS.has(word));
}

function wordsKey(text: string): string {
  return nameWords(text).join(' ');
}

/**
 * The key two spellings of one name share: case, spaces and a class or tutor group do not matter, and
 * "Surname, First name" (one comma) is read as "First name Surname". "KHAN,  amira (8R)" and
 * "Amira Khan" → "amira khan".
 */
export function pupilNameKey(name: string): string {
  const parts = name.split(',');
  if (parts.length === 2) {
    const surname = wordsKey(parts[0]!);
    const first = wordsKey(parts[1]!);
    if (surname !== '' && first !== '') return `${first} ${surname}`;
  }
  return wordsKey(name.replace(/,/g, ' '));
}

/** The name as it reads best: "Surname, First name" turned round, spaces tidied. */
export function pupilDisplayName(name: string): string {
  const parts = name.split(',').map(tidy);
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') return `${parts[1]} ${parts[0]}`;
  return tidy(name);
}

/**
 * The keys of every name a pupil cell may hold. Each line is one pupil or a comma-separated list, and a
 * comma may also be "Surname, First name": the line whole, each comma-separated piece, and each pair of
 * neighbouring pieces read as "Surname, First name" are all candidates. The form's reader splits answers
 * at commas into lines, so a one-word line followed by another line is also read as "Surname" then
 * "First name".
 */
export function nameKeysInCell(text: string): Set<string> {
  const keys = new Set<string>();
  const lines = text.split(/\r\n|\r|\n/).filter((line) => tidy(line) !== '');
  lines.forEach((line, i) => {
    keys.add(pupilNameKey(line));
    const pieces = line.split(',');
    if (pieces.length > 1) {
      pieces.forEach((piece, j) => {
        keys.add(wordsKey(piece));
        const next = pieces[j + 1];
        if (next !== undefined) keys.add(pupilNameKey(`${piece},${next}`));
      });
    }
    const following = lines[i + 1];
    if (following !== undefined && nameWords(line).length === 1 && !line.includes(',')) {
      keys.add(pupilNameKey(`${line},${following}`));
    }
  });
  keys.delete('');
  return keys;
}

export interface ChronologyEntry {
  /** The register row (so the DSL can go to it). */
  row: number;
  incidentId: string;
  /** When it happened, or when it was reported if the reporter did not say. */
  date: Date;
  roles: PupilRole[];
  categories: string[];
  status: string;
  actions: string;
  outcome: string;
}

/**
 * Every incident in the register's values (header row first, as getValues gives them) that names the
 * pupil, oldest first. Only what is in these values: the caller passes the main register, never the
 * restricted allegation files.
 */
export function buildChronology(
  pupil: string,
  values: readonly (readonly unknown[])[],
  timeZone: string,
): ChronologyEntry[] {
  const wanted = pupilNameKey(pupil);
  if (wanted === '') return [];
  const [header = [], ...rows] = values;
  // Columns found by header text once, wherever the DSL has put them (or a column of their own between).
  const positions = columnPositions(header);
  const roleAt = ROLE_COLUMNS.map(({ role, key }) => ({ role, at: positions.get(key) }));
  const read = makeRowReader(header, timeZone);

  const entries: Array<ChronologyEntry & { submitted: number }> = [];
  rows.forEach((row, i) => {
    const roles = roleAt
      .filter(({ at }) => at !== undefined && nameKeysInCell(cellText(row[at], timeZone)).has(wanted))
      .map(({ role }) => role);
    if (roles.length === 0) return;
    const incident: RegisterEntry | null = read(row);
    if (!incident) return;
    const date = incident.occurredAt ?? incident.submittedAt;
    entries.push({
      row: i + 2,
      incidentId: incident.incidentId,
      date,
      roles,
      categories: incident.categories,
      status: incident.status,
      actions: incident.actions,
      outcome: incident.outcome,
      submitted: incident.submittedAt.getTime(),
    });
  });
  entries.sort(
    (a, b) =>
      timeOf(a.date) - timeOf(b.date) ||
      a.submitted - b.submitted ||
      a.incidentId.localeCompare(b.incidentId),
  );
  return entries.map(({ submitted: _submitted, ...entry }) => entry);
}

function timeOf(date: Date): number {
  const t = date.getTime();
  return Number.isNaN(t) ? Number.MAX_SAFE_INTEGER : t;
}

export const CHRONOLOGY_HEADERS = [
  'Date',
  'Incident ID',
  "Pupil's role",
  'Categories',
  'Status',
  'Actions and decisions',
  'Outcome',
  'Register row',
] as const;

/** Where the table starts on the sheet (rows above it say what the sheet is). */
export const CHRONOLOGY_HEADER_ROW = 4;

function text(value: string): string {
  return value === '' ? '' : QUOTE_PREFIX + value;
}

/** The Chronology sheet's rows: a title, what it is drawn from, then the table (or a line saying none). */
export function chronologySheetRows(
  pupil: string,
  entries: readonly ChronologyEntry[],
  builtAt: Date,
  builtBy: string,
  timeZone: string,
): CellValue[][] {
  const name = pupilDisplayName(pupil);
  const rows: CellValue[][] = [
    [text(`Pupil chronology: ${name}`)],
    [
      text(
        `Built ${formatDayMonthYear(builtAt, timeZone)} by ${builtBy || 'the DSL'} from the Register only (the restricted allegation files are not included). ` +
          'Names match whatever the case, spacing or "Surname, First name" order. Rebuild it from the menu to refresh it.',
      ),
    ],
    [''],
    [...CHRONOLOGY_HEADERS],
  ];
  if (entries.length === 0) {
    rows.push([text(`No incident in the register names ${name}.`)]);
    return rows;
  }
  for (const entry of entries) {
    rows.push([
      Number.isNaN(entry.date.getTime()) ? '' : entry.date,
      text(entry.incidentId),
      text(entry.roles.join(', ')),
      text(entry.categories.join('\n')),
      text(entry.status),
      text(entry.actions),
      text(entry.outcome),
      entry.row,
    ]);
  }
  return rows;
}
