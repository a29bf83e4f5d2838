/**
 * A pupil's chronology: every incident that names the pupil, oldest first, with the pupil's own role in each
 * and the file that holds it. The register always; a restricted allegation file only when everyone who can
 * open the register (where the Chronology sheet is written) may also read that file (`chronologyFiles`).
 * Names match by the one pupil-name rule (pupil-names.ts): case, spacing, accents, a class in brackets and
 * "Surname, First name" do not matter.
 *
 * The pupil cells are read as typed: the register's reader splits a cell at commas (one pupil per entry),
 * which would cut "Khan, Amira" into two names, so the matching here looks at each line both whole and
 * split.
 */
import type { CellValue, RegisterEntry } from './register';
import { RECORD_FILE_TITLES, recordReaders, sameMailbox, type RecordFile } from './routing';
import type { Settings } from './types';
import { columnPositions, makeRowReader } from './register';
import { QUOTE_PREFIX, cellText, formatDayMonthYear } from './cells';
import { pupilDisplayName, pupilKey, pupilKeysInCell } from './pupil-names';

export type PupilRole = 'harmed' | 'caused harm' | 'involved';

const ROLE_COLUMNS: ReadonlyArray<{
  role: PupilRole;
  key: 'pupilsHarmed' | 'pupilsCausedHarm' | 'pupilsOther';
}> = [
  { role: 'harmed', key: 'pupilsHarmed' },
  { role: 'caused harm', key: 'pupilsCausedHarm' },
  { role: 'involved', key: 'pupilsOther' },
];

/** The one pupil-name rule (pupil-names.ts), re-exported under the names this module has always used. */
export { pupilKey as pupilNameKey, pupilDisplayName, pupilKeysInCell as nameKeysInCell } from './pupil-names';

export interface ChronologyEntry {
  /** The file that holds the incident, and its row there (so the DSL can go to it). */
  recordedIn: RecordFile;
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
 * Every incident in one record file's values (header row first, as getValues gives them) that names the
 * pupil, oldest first. Only what is in these values: which files the caller may pass is `chronologyFiles`.
 */
export function buildChronology(
  pupil: string,
  values: readonly (readonly unknown[])[],
  timeZone: string,
  recordedIn: RecordFile = 'register',
): ChronologyEntry[] {
  return sortedEntries(entriesIn(pupil, values, timeZone, recordedIn));
}

/** One pupil's incidents across several record files, as one list, oldest first. */
export function buildChronologyAcross(
  pupil: string,
  sources: ReadonlyArray<{ file: RecordFile; values: readonly (readonly unknown[])[] }>,
  timeZone: string,
): ChronologyEntry[] {
  return sortedEntries(sources.flatMap(({ file, values }) => entriesIn(pupil, values, timeZone, file)));
}

type DatedEntry = ChronologyEntry & { submitted: number };

function entriesIn(
  pupil: string,
  values: readonly (readonly unknown[])[],
  timeZone: string,
  recordedIn: RecordFile,
): DatedEntry[] {
  const wanted = pupilKey(pupil);
  if (wanted === '') return [];
  const [header = [], ...rows] = values;
  // Columns found by header text once, wherever the DSL has put them (or a column of their own between).
  const positions = columnPositions(header);
  const roleAt = ROLE_COLUMNS.map(({ role, key }) => ({ role, at: positions.get(key) }));
  const read = makeRowReader(header, timeZone);

  const entries: DatedEntry[] = [];
  rows.forEach((row, i) => {
    const roles = roleAt
      .filter(({ at }) => at !== undefined && pupilKeysInCell(cellText(row[at], timeZone)).has(wanted))
      .map(({ role }) => role);
    if (roles.length === 0) return;
    const incident: RegisterEntry | null = read(row);
    if (!incident) return;
    const date = incident.occurredAt ?? incident.submittedAt;
    entries.push({
      recordedIn,
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
  return entries;
}

function sortedEntries(entries: DatedEntry[]): ChronologyEntry[] {
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
  'Recorded in',
  'Row',
] as const;

/** Why a restricted file's incidents are not on the sheet (said on the sheet, so nobody takes it as complete). */
export interface LeftOutFile {
  file: RecordFile;
  reason: string;
}

/**
 * Which restricted record files a chronology may draw on. The sheet is written into the register's
 * spreadsheet, so a file is drawn on only when every person who can open that spreadsheet — the safeguarding
 * leads Settings name and everyone its sharing lists (`registerHolders`, or null when it could not be read) —
 * may read the file too, and none of them is kept out of it. So the Headteacher-allegations file is never
 * copied where the Headteacher can read it, and a file for concerns about the safeguarding leads never where
 * a lead can. Files Set up has not made (`present` false) are neither drawn on nor mentioned.
 */
export function chronologyFiles(
  settings: Settings,
  registerHolders: readonly string[] | null,
  present: ReadonlyArray<RecordFile>,
): { include: RecordFile[]; leftOut: LeftOutFile[] } {
  const include: RecordFile[] = [];
  const leftOut: LeftOutFile[] = [];
  const audience = [...recordReaders('register', settings).readers, ...(registerHolders ?? [])];
  for (const file of present) {
    if (file === 'register') continue;
    if (registerHolders === null) {
      leftOut.push({ file, reason: 'who can open this spreadsheet could not be read' });
      continue;
    }
    const { readers, forbidden } = recordReaders(file, settings);
    const mayRead = (email: string): boolean =>
      readers.some((r) => sameMailbox(r, email)) && !forbidden.some((f) => sameMailbox(f, email));
    const outsider = audience.find((email) => !mayRead(email));
    if (outsider === undefined) include.push(file);
    else leftOut.push({ file, reason: 'someone who can open this spreadsheet may not read that file' });
  }
  return { include, leftOut };
}

function fileWords(file: RecordFile): string {
  return file === 'register' ? 'the Register' : `the ${RECORD_FILE_TITLES[file]} file`;
}

function sourcesSentence(drawnOn: readonly RecordFile[], leftOut: readonly LeftOutFile[]): string {
  const from = drawnOn.map(fileWords);
  const list =
    from.length <= 1 ? (from[0] ?? 'the Register') : `${from.slice(0, -1).join(', ')} and ${from.at(-1)}`;
  const only = leftOut.length === 0 && drawnOn.length <= 1 ? ' only' : '';
  const out = leftOut.map((l) => `${fileWords(l.file)} is left out: ${l.reason}`);
  return `from ${list}${only}${out.length > 0 ? ` (${out.join('; ')})` : ''}.`;
}

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
  sources: { drawnOn: readonly RecordFile[]; leftOut: readonly LeftOutFile[] } = {
    drawnOn: ['register'],
    leftOut: [],
  },
): CellValue[][] {
  const name = pupilDisplayName(pupil);
  const rows: CellValue[][] = [
    [text(`Pupil chronology: ${name}`)],
    [
      text(
        `Built ${formatDayMonthYear(builtAt, timeZone)} by ${builtBy || 'the DSL'} ${sourcesSentence(sources.drawnOn, sources.leftOut)} ` +
          'Names match whatever the case, spacing or "Surname, First name" order. Rebuild it from the menu to refresh it.',
      ),
    ],
    [''],
    [...CHRONOLOGY_HEADERS],
  ];
  if (entries.length === 0) {
    rows.push([
      text(`No incident ${sources.drawnOn.length > 1 ? 'in these files' : 'in the register'} names ${name}.`),
    ]);
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
      text(RECORD_FILE_TITLES[entry.recordedIn]),
      entry.row,
    ]);
  }
  return rows;
}
