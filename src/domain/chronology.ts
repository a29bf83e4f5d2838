/**
 * A pupil's chronology: every incident in the register that names the pupil, oldest first, with the
 * pupil's own role in each. Names match by the one pupil-name rule (pupil-names.ts): case, spacing,
 * accents, a class in brackets and "Surname, First name" do not matter.
 *
 * The pupil cells are read as typed: the register's reader splits a cell at commas (one pupil per entry),
 * which would cut "Khan, Amira" into two names, so the matching here looks at each line both whole and
 * split.
 */
import type { CellValue, RegisterEntry } from './register';
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
  const wanted = pupilKey(pupil);
  if (wanted === '') return [];
  const [header = [], ...rows] = values;
  // Columns found by header text once, wherever the DSL has put them (or a column of their own between).
  const positions = columnPositions(header);
  const roleAt = ROLE_COLUMNS.map(({ role, key }) => ({ role, at: positions.get(key) }));
  const read = makeRowReader(header, timeZone);

  const entries: Array<ChronologyEntry & { submitted: number }> = [];
  rows.forEach((row, i) => {
    const roles = roleAt
      .filter(({ at }) => at !== undefined && pupilKeysInCell(cellText(row[at], timeZone)).has(wanted))
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
