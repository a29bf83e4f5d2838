/**
 * The school's settings: defaults, the Settings sheet's layout, and reading it back with plain-words problems.
 *
 * Layout of the Settings sheet (row 1 holds the headers):
 *   A–C  Setting | Value | What it means      one row per setting; a list holds one entry per line
 *   E–G  Category | 4Cs group | Always a child-protection concern (Yes/No)
 * A value that cannot be used falls back to the default (or to empty for an email address) and is reported
 * in `problems`, so a DSL's typo is never a silent failure.
 */

import type { AlertDetail, CategoryDef, FourC, Settings } from './types';
import { FOUR_CS, WEEKDAYS } from './types';
import { cellText, isDateValue, textCell } from './cells';
import { localParts } from './time';
import { isAllegationPrefix } from './ids';
import {
  defaultCalendar,
  formatPeriod,
  parsePeriod,
  type OverdueRule,
  type SchoolPeriod,
} from './school-calendar';
import { DEFAULT_THRESHOLD, MIN_THRESHOLD } from './suppression';
import { isValidSchoolCode } from './trust-export';

/** The form shows categories as tick boxes: more than this is too long a list to read on a phone. */
export const MAX_CATEGORIES = 12;

const UK_YEAR_GROUPS = ['Reception', ...Array.from({ length: 13 }, (_, i) => `Year ${i + 1}`)];

/** UK defaults, grouped by the 4Cs as in Keeping Children Safe in Education. */
export const DEFAULT_CATEGORIES: readonly CategoryDef[] = [
  { name: 'Grooming or contact by an adult', group: 'Contact', alwaysChildProtection: true },
  { name: 'Nudes or semi-nudes', group: 'Conduct', alwaysChildProtection: true },
  { name: 'Self-harm or suicide content', group: 'Content', alwaysChildProtection: true },
  {
    name: 'Illegal content (e.g. child sexual abuse material, terrorism)',
    group: 'Content',
    alwaysChildProtection: true,
  },
  { name: 'Radicalisation or extremism', group: 'Content', alwaysChildProtection: true },
  { name: 'Cyberbullying, hate or harassment', group: 'Conduct', alwaysChildProtection: false },
  { name: 'Inappropriate content (violent, pornographic)', group: 'Content', alwaysChildProtection: false },
  { name: 'Misinformation or harmful challenges', group: 'Content', alwaysChildProtection: false },
  { name: 'Scams, gambling or commercial exploitation', group: 'Commerce', alwaysChildProtection: false },
  { name: 'Privacy or sharing personal information', group: 'Conduct', alwaysChildProtection: false },
  { name: 'Filtering or monitoring breach', group: 'Conduct', alwaysChildProtection: false },
  { name: 'Excessive use or wellbeing', group: 'Conduct', alwaysChildProtection: false },
];

/**
 * The platforms offered on the form. There is no "Other" entry: the form adds its own "Other:" box so the
 * member of staff can type the app's name.
 */
export const DEFAULT_PLATFORMS: readonly string[] = [
  'Snapchat',
  'TikTok',
  'Instagram',
  'WhatsApp',
  'YouTube',
  'Roblox',
  'Fortnite',
  'Discord',
  'Minecraft',
  'X (Twitter)',
  'Facebook',
  'School device or network',
];

export const DEFAULT_TIME_ZONE = 'Europe/London';

/** Fresh default settings (a new object each call: callers may change it). */
export function defaultSettings(timeZone: string = DEFAULT_TIME_ZONE): Settings {
  return {
    schoolName: '',
    timeZone,
    dslEmail: '',
    deputyDslEmails: [],
    headteacherEmail: '',
    chairOfGovernorsEmail: '',
    leadershipEmails: [],
    digestDay: 'Monday',
    digestHour: 7,
    alertDetail: 'minimal',
    categories: DEFAULT_CATEGORIES.map((c) => ({ ...c })),
    platforms: [...DEFAULT_PLATFORMS],
    yearGroups: [...UK_YEAR_GROUPS],
    overdueDays: 10,
    repeatPupilMinIncidents: 3,
    repeatPupilWindowDays: 30,
    spikeRatio: 2,
    spikeBaselineWeeks: 4,
    spikeMinCount: 3,
    // Six years after closing is a common local policy choice for safeguarding records of this kind (some
    // schools keep child-protection files much longer); the DSL sets what the school's policy says.
    retentionYears: 6,
    // The UK State Pension age for anyone now of working age (67 from 2028), taken as "normal pension age"
    // (KCSIE Part Four, record keeping); a school whose staff pension scheme says otherwise sets it.
    retirementAge: 67,
    incidentIdPrefix: 'OSI',
    ...defaultCalendar(),
    // A fortnight: long enough for an agency to answer, short enough that a referral is never forgotten.
    agencyReviewDays: 14,
    suppressionThreshold: DEFAULT_THRESHOLD,
    governorsReportEmails: [],
    trustSpreadsheetId: '',
    trustBigQueryDataset: '',
    schoolCode: '',
  };
}

/** A pragmatic check: one @, no spaces, a dot in the domain, nothing on either side missing. */
export function isValidEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(text.trim());
}

export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The name shown where a school name is needed and the DSL has not filled it in yet. */
export function schoolDisplayName(settings: Settings): string {
  return settings.schoolName.trim() || 'Our school';
}

// ---- The key/value table -------------------------------------------------------------------------------

type SettingKey = Exclude<keyof Settings, 'categories'>;
type WholeNumberKey =
  | 'overdueDays'
  | 'repeatPupilMinIncidents'
  | 'repeatPupilWindowDays'
  | 'spikeBaselineWeeks'
  | 'spikeMinCount'
  | 'retentionYears'
  | 'retirementAge'
  | 'agencyReviewDays';

interface SettingRow {
  key: SettingKey;
  label: string;
  meaning: string;
}

/** The rows of the key/value table, in the order the DSL sees them. */
export const SETTING_ROWS: readonly SettingRow[] = [
  { key: 'schoolName', label: 'School name', meaning: 'Shown in the form title and in emails.' },
  {
    key: 'dslEmail',
    label: 'DSL email',
    meaning: 'The Designated Safeguarding Lead: gets an email at once for every child-protection concern.',
  },
  {
    key: 'deputyDslEmails',
    label: 'Deputy DSL emails',
    meaning: 'Deputies who get the same alerts as the DSL. One email address per line.',
  },
  {
    key: 'headteacherEmail',
    label: 'Headteacher email',
    meaning:
      'Gets concerns and allegations about members of staff at once (never those about the Headteacher: they go to the Chair).',
  },
  {
    key: 'chairOfGovernorsEmail',
    label: 'Chair of Governors email',
    meaning: 'Gets concerns about the Headteacher. Must not be the Headteacher.',
  },
  {
    key: 'leadershipEmails',
    label: 'Leadership emails',
    meaning: 'Get the weekly summary (counts only, never pupil names). One email address per line.',
  },
  {
    key: 'governorsReportEmails',
    label: "Governors' report emails",
    meaning:
      "Get the termly report to governors (counts only, with a PDF) when each term in Term dates ends. The Headteacher's copy says nothing about allegations about the Headteacher. One email address per line.",
  },
  { key: 'digestDay', label: 'Weekly email day', meaning: 'Day of the week the summary email is sent.' },
  { key: 'digestHour', label: 'Weekly email hour', meaning: 'Hour it is sent, 0 to 23 (7 means about 7am).' },
  {
    key: 'alertDetail',
    label: 'Alert detail',
    meaning:
      'minimal: alerts give the incident ID, category, time, reporter and a link, nothing more. full: alerts also include what happened.',
  },
  {
    key: 'overdueDays',
    label: 'Overdue after (days)',
    meaning: 'An open incident with no update for this many days is shown as overdue.',
  },
  {
    key: 'repeatPupilMinIncidents',
    label: 'Repeat pupil: incidents',
    meaning: 'A pupil named in at least this many incidents…',
  },
  {
    key: 'repeatPupilWindowDays',
    label: 'Repeat pupil: within days',
    meaning: '…within this many days is listed on the Summary sheet.',
  },
  {
    key: 'spikeRatio',
    label: 'Spike: times the average',
    meaning: 'A category is rising when this week has at least this many times its recent weekly average…',
  },
  {
    key: 'spikeBaselineWeeks',
    label: 'Spike: weeks averaged',
    meaning: '…taken over this many weeks before this one…',
  },
  {
    key: 'spikeMinCount',
    label: 'Spike: at least',
    meaning: '…and at least this many incidents this week (so 1 against 0 is not a spike).',
  },
  {
    key: 'retentionYears',
    label: 'Retention review (years)',
    meaning:
      'Records that are neither child protection nor allegations are listed for review this many years after closing.',
  },
  {
    key: 'retirementAge',
    label: 'Normal retirement age',
    meaning:
      'Allegation records are kept until the person reaches this age, or 10 years from the allegation if that is longer.',
  },
  {
    key: 'incidentIdPrefix',
    label: 'Incident ID prefix',
    meaning:
      'Letters before each register number, e.g. OSI gives OSI-2026-0042. Allegations are numbered in their own files: SA-… about staff, HA-… about the Headteacher.',
  },
  {
    key: 'termDates',
    label: 'Term dates',
    meaning:
      'One term per line, e.g. "Autumn term: 2026-09-03 to 2026-12-18". Reminders go out on school days only: Monday to Friday in term, not in a holiday. Check your local authority\'s dates.',
  },
  {
    key: 'holidays',
    label: 'Holidays in term',
    meaning:
      'Half terms, bank holidays and INSET days, one per line, e.g. "Autumn half term: 2026-10-26 to 2026-10-30" or "INSET: 2027-01-04". No reminders on these days.',
  },
  {
    key: 'agencyReviewDays',
    label: 'Agency review after (days)',
    meaning:
      'An incident Awaiting external agency is not overdue: it is listed for review this many days after its last update.',
  },
  {
    key: 'suppressionThreshold',
    label: 'Hide counts below',
    meaning:
      'In the weekly email, the governors\' report and the trust export, a count from 1 to this minus one shows as "fewer than" it, so no child can be picked out. At least 3; 0 turns it off.',
  },
  {
    key: 'trustSpreadsheetId',
    label: 'Trust spreadsheet',
    meaning:
      "Opt in to the trust-wide rollup: the link to the trust's spreadsheet. Each night this school's weekly counts (no names, nothing typed, small counts hidden) are written to its own sheet there. Empty: nothing leaves the school.",
  },
  {
    key: 'trustBigQueryDataset',
    label: 'Trust BigQuery dataset',
    meaning:
      "Instead of a trust spreadsheet, at scale: the trust's BigQuery dataset as project.dataset (its table weekly). Needs the BigQuery deployment (npm run deploy -- --bigquery). Empty: not used.",
  },
  {
    key: 'schoolCode',
    label: 'School code',
    meaning: "This school's code in the trust's rollup: 2 to 12 letters, digits or hyphens, e.g. HIL01.",
  },
  {
    key: 'platforms',
    label: 'Platforms',
    meaning: 'Apps, games and sites offered on the form (the form adds its own "Other" box). One per line.',
  },
  { key: 'yearGroups', label: 'Year groups', meaning: 'Year groups offered on the form. One per line.' },
  {
    key: 'timeZone',
    label: 'Time zone',
    meaning: 'Where weeks and months are counted, e.g. Europe/London. Leave empty for the script’s own.',
  },
];

const SETTING_HEADERS = ['Setting', 'Value', 'What it means'] as const;

/**
 * A row of the key/value table that is not a setting: the account the system runs as (domain/runner). The
 * script properties hold it; Set up and Take over as DSL write it here so the DSL can see it, and reading
 * Settings skips it, so typing in it changes nothing.
 */
export const RUNNER_ROW = {
  label: 'Runs the system',
  meaning:
    'The account the scheduled jobs and alerts run as; only it can change Settings. Read-only: typing here changes nothing. To change it, use Online Safety › Hand over to a new DSL….',
} as const;

/** The runner's row of the key/value table (A–C), its address quote-prefixed like every text cell. */
export function runnerRow(runner: string): SheetValue[] {
  return [RUNNER_ROW.label, textCell(runner), RUNNER_ROW.meaning];
}

/** Where the Settings sheet's columns are: the "Setting" header's column (0-based), as the reader finds it. */
export function settingColumn(header: readonly unknown[]): number {
  return Math.max(0, header.map((v) => normalise(cellText(v))).indexOf(normalise(SETTING_HEADERS[0])));
}
const CATEGORY_HEADERS = ['Category', '4Cs group', 'Always a child-protection concern (Yes/No)'] as const;
/** Column index (0-based) where the category table starts: E, after a blank spacer column D. */
const CATEGORY_COLUMN = 4;
const TABLE_WIDTH = CATEGORY_COLUMN + CATEGORY_HEADERS.length;

/** A Settings sheet cell: text is quote-prefixed so Sheets keeps it as typed; numbers stay numbers. */
type SheetValue = string | number;

function settingValue(settings: Settings, key: SettingKey): SheetValue {
  if (key === 'termDates' || key === 'holidays') return textCell(settings[key].map(formatPeriod).join('\n'));
  const value = settings[key];
  if (Array.isArray(value)) return textCell(value.join('\n'));
  if (typeof value === 'number') return value;
  return textCell(value);
}

/**
 * Both tables as one rectangular block of values for A1:G(n), header rows included (text cells are
 * quote-prefixed: write them with setValues).
 */
export function settingsSheetRows(settings: Settings): SheetValue[][] {
  const keyRows: SheetValue[][] = [
    [...SETTING_HEADERS],
    ...SETTING_ROWS.map((row) => [row.label, settingValue(settings, row.key), row.meaning]),
  ];
  const categoryRows: SheetValue[][] = [
    [...CATEGORY_HEADERS],
    ...settings.categories.map((c) => [textCell(c.name), c.group, c.alwaysChildProtection ? 'Yes' : 'No']),
  ];
  const height = Math.max(keyRows.length, categoryRows.length);
  const rows: SheetValue[][] = [];
  for (let i = 0; i < height; i++) {
    const left = keyRows[i] ?? ['', '', ''];
    const right = categoryRows[i] ?? ['', '', ''];
    rows.push([...left, '', ...right]);
  }
  for (const row of rows)
    if (row.length !== TABLE_WIDTH) throw new Error('Settings table is not rectangular');
  return rows;
}

// ---- Reading the sheet back ----------------------------------------------------------------------------

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Entries of a list cell: one per line (commas and semicolons also accepted for email lists). */
function listEntries(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function quote(text: string): string {
  return `'${text}'`;
}

/**
 * Reads the Settings sheet's values (as getValues returns them). Every value that cannot be used is
 * replaced by its default (email addresses by nothing) and explained in `problems`.
 */
export function parseSettings(
  values: unknown[][],
  timeZone: string,
): { settings: Settings; problems: string[] } {
  const scriptZone = isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const defaults = defaultSettings(scriptZone);
  const settings = defaultSettings(scriptZone);
  const problems: string[] = [];

  // Locate the two tables by their header cells, so a DSL moving them a column does not break reading.
  const header = (values[0] ?? []).map((v) => normalise(cellText(v)));
  const settingCol = Math.max(0, header.indexOf(normalise(SETTING_HEADERS[0])));
  const categoryHeaderAt = header.indexOf(normalise(CATEGORY_HEADERS[0]));
  const categoryCol = categoryHeaderAt >= 0 ? categoryHeaderAt : CATEGORY_COLUMN;

  const rowByLabel = new Map(SETTING_ROWS.map((row) => [normalise(row.label), row]));
  const cells = new Map<SettingKey, unknown>();
  for (const row of values.slice(1)) {
    const label = cellText(row[settingCol]).trim();
    if (label === '' || normalise(label) === normalise(RUNNER_ROW.label)) continue;
    const known = rowByLabel.get(normalise(label));
    if (!known) {
      problems.push(
        `${quote(label)} in the Settings sheet is not a setting this system knows: it was ignored.`,
      );
      continue;
    }
    if (cells.has(known.key)) {
      problems.push(`${known.label} appears twice in the Settings sheet: the first one is used.`);
      continue;
    }
    cells.set(known.key, row[settingCol + 1]);
  }
  const missing = cells.size === 0 ? [] : SETTING_ROWS.filter((row) => !cells.has(row.key));
  if (cells.size === 0) {
    problems.push(
      'The Settings sheet has no settings in columns A to C (empty, or the table was moved): every default is used. Run Set up to put the table back.',
    );
  }
  for (const row of missing) {
    const isAddress = row.key.endsWith('Email') || row.key.endsWith('Emails');
    problems.push(
      `${row.label} is missing from the Settings sheet: ${isAddress ? 'it is treated as empty' : 'the default is used'}.`,
    );
  }

  const present = (key: SettingKey): boolean => cells.has(key);
  const textOf = (key: SettingKey): string => cellText(cells.get(key), scriptZone).trim();
  const labelOf = (key: SettingKey): string => SETTING_ROWS.find((r) => r.key === key)?.label ?? key;
  /** Reports an unusable value in one shape: "<Setting> must be <rule>; '<typed>' is not: <default> is used." */
  const unusable = (key: SettingKey, rule: string, fallback: string | number): void => {
    const typed = textOf(key);
    problems.push(
      typed === ''
        ? `${labelOf(key)} is empty: ${fallback} is used.`
        : `${labelOf(key)} must be ${rule}; ${quote(typed)} is not: ${fallback} is used.`,
    );
  };

  // Time zone first: dates typed in other cells are read in it. Empty means the script's own.
  const zoneText = textOf('timeZone');
  if (zoneText !== '') {
    if (isValidTimeZone(zoneText)) settings.timeZone = zoneText;
    else
      problems.push(
        `${quote(zoneText)} is not a time zone (for example Europe/London): the script's own (${scriptZone}) is used.`,
      );
  }

  settings.schoolName = textOf('schoolName');
  if (settings.schoolName === '') {
    problems.push('School name is empty: the form and emails will say "Our school" until it is filled in.');
  }

  // Addresses never fall back to a default: an alert to a made-up address is worse than a clear message.
  const email = (key: SettingKey, whenEmpty: string | null): string => {
    const text = textOf(key);
    if (text !== '' && !isValidEmail(text)) {
      problems.push(`${quote(text)} is not a valid email address (${labelOf(key)}): it is not used.`);
    }
    const valid = text !== '' && isValidEmail(text) ? text : '';
    if (valid === '' && whenEmpty) problems.push(`${labelOf(key)} is empty: ${whenEmpty}`);
    return valid;
  };
  const emails = (key: SettingKey, whenEmpty: string | null): string[] => {
    const valid: string[] = [];
    // One per line; commas and semicolons too. "Jo Bloggs <jo@school.org>" pasted from an email is read.
    for (const typed of listEntries(textOf(key), /[\r\n,;]+/)) {
      const entry = /<([^<>]+)>\s*$/.exec(typed)?.[1]?.trim() ?? typed;
      if (!isValidEmail(entry)) {
        problems.push(`${quote(entry)} is not a valid email address (${labelOf(key)}): it is not used.`);
      } else if (!valid.some((e) => e.toLowerCase() === entry.toLowerCase())) valid.push(entry);
    }
    if (valid.length === 0 && whenEmpty) problems.push(`${labelOf(key)} is empty: ${whenEmpty}`);
    return valid;
  };

  // An empty DSL, Headteacher or Chair address is not reported here: routeProblems (domain/routing.ts)
  // says what then happens to each kind of report, and Set up shows both lists.
  settings.dslEmail = email('dslEmail', null);
  settings.deputyDslEmails = emails('deputyDslEmails', null);
  settings.headteacherEmail = email('headteacherEmail', null);
  settings.chairOfGovernorsEmail = email('chairOfGovernorsEmail', null);
  if (
    settings.chairOfGovernorsEmail !== '' &&
    settings.chairOfGovernorsEmail.toLowerCase() === settings.headteacherEmail.toLowerCase()
  ) {
    problems.push(
      "Chair of Governors email is the Headteacher's own address: allegations about the Headteacher cannot be routed until it is changed.",
    );
    settings.chairOfGovernorsEmail = '';
  }
  settings.leadershipEmails = emails('leadershipEmails', 'nobody will get the weekly summary email.');
  settings.governorsReportEmails = emails('governorsReportEmails', null);

  if (present('digestDay')) {
    const typed = normalise(textOf('digestDay'));
    const day = WEEKDAYS.find(
      (d) => normalise(d) === typed || (typed.length >= 3 && normalise(d).startsWith(typed)),
    );
    if (day) settings.digestDay = day;
    else unusable('digestDay', 'a day of the week', defaults.digestDay);
  }

  if (present('digestHour')) {
    const hour = readHour(cells.get('digestHour'), settings.timeZone);
    if (hour !== null) settings.digestHour = hour;
    else unusable('digestHour', 'a whole hour from 0 to 23', defaults.digestHour);
  }

  if (present('alertDetail')) {
    const detail = normalise(textOf('alertDetail'));
    if (detail === 'minimal' || detail === 'full') settings.alertDetail = detail satisfies AlertDetail;
    else unusable('alertDetail', '"minimal" or "full"', defaults.alertDetail);
  }

  const wholeNumber = (key: WholeNumberKey, min: number): void => {
    if (!present(key)) return;
    const value = readNumber(cells.get(key));
    if (value !== null && Number.isInteger(value) && value >= min) settings[key] = value;
    else unusable(key, `a whole number of at least ${min}`, defaults[key]);
  };
  wholeNumber('overdueDays', 1);
  wholeNumber('repeatPupilMinIncidents', 2);
  wholeNumber('repeatPupilWindowDays', 1);
  wholeNumber('spikeBaselineWeeks', 1);
  wholeNumber('spikeMinCount', 1);
  wholeNumber('retentionYears', 1);
  wholeNumber('retirementAge', 50);
  wholeNumber('agencyReviewDays', 1);

  if (present('suppressionThreshold')) {
    const value = readNumber(cells.get('suppressionThreshold'));
    if (value !== null && Number.isInteger(value) && (value === 0 || value >= MIN_THRESHOLD))
      settings.suppressionThreshold = value;
    else
      unusable(
        'suppressionThreshold',
        `0 (off) or a whole number of at least ${MIN_THRESHOLD}`,
        defaults.suppressionThreshold,
      );
  }

  if (present('trustSpreadsheetId')) {
    const typed = textOf('trustSpreadsheetId');
    const id =
      /\/d\/([A-Za-z0-9_-]{20,})/.exec(typed)?.[1] ?? (/^[A-Za-z0-9_-]{20,}$/.test(typed) ? typed : '');
    if (typed !== '' && id === '')
      problems.push(
        `${quote(typed)} is not a link to a spreadsheet (Trust spreadsheet): nothing is exported.`,
      );
    settings.trustSpreadsheetId = id;
  }
  if (present('trustBigQueryDataset')) {
    const typed = textOf('trustBigQueryDataset');
    if (/^[a-z][a-z0-9-]{4,28}[a-z0-9]\.[A-Za-z0-9_]{1,1024}$/.test(typed))
      settings.trustBigQueryDataset = typed;
    else if (typed !== '')
      problems.push(
        `${quote(typed)} is not a BigQuery dataset like my-trust-project.online_safety (Trust BigQuery dataset): nothing is exported to it.`,
      );
  }
  if (settings.trustSpreadsheetId !== '' && settings.trustBigQueryDataset !== '') {
    problems.push(
      'Trust spreadsheet and Trust BigQuery dataset are both set: only the BigQuery dataset is used.',
    );
    settings.trustSpreadsheetId = '';
  }
  if (present('schoolCode')) settings.schoolCode = textOf('schoolCode');
  const optedIn = settings.trustSpreadsheetId !== '' || settings.trustBigQueryDataset !== '';
  if (optedIn && !isValidSchoolCode(settings.schoolCode)) {
    problems.push(
      `School code must be 2 to 12 letters, digits or hyphens when a trust store is set; ${quote(settings.schoolCode)} is not: nothing is exported.`,
    );
    settings.trustSpreadsheetId = '';
    settings.trustBigQueryDataset = '';
  }

  if (present('spikeRatio')) {
    const ratio = readNumber(cells.get('spikeRatio'));
    if (ratio !== null && ratio > 1) settings.spikeRatio = ratio;
    else unusable('spikeRatio', 'a number above 1 (for example 2)', defaults.spikeRatio);
  }

  if (present('incidentIdPrefix')) {
    const prefix = textOf('incidentIdPrefix');
    if (/^[A-Za-z0-9]{1,10}$/.test(prefix) && !isAllegationPrefix(prefix)) settings.incidentIdPrefix = prefix;
    else
      unusable(
        'incidentIdPrefix',
        '1 to 10 letters or digits, not SA or HA (those number allegations)',
        defaults.incidentIdPrefix,
      );
  }

  const plainList = (key: 'platforms' | 'yearGroups'): void => {
    if (!present(key)) return;
    const entries = dedupe(listEntries(textOf(key), /\r\n|\r|\n/));
    if (entries.length > 0) settings[key] = entries;
    else problems.push(`${labelOf(key)} is empty: the default list is used.`);
  };
  plainList('platforms');
  plainList('yearGroups');

  // Each line a term or holiday; a line that cannot be read is dropped and said, never guessed at.
  const periods = (key: 'termDates' | 'holidays'): void => {
    if (!present(key)) return;
    const read: SchoolPeriod[] = [];
    for (const line of listEntries(textOf(key), /\r\n|\r|\n/)) {
      const period = parsePeriod(line);
      if (period) read.push(period);
      else
        problems.push(
          `${labelOf(key)}: ${quote(line)} is not a period like "Autumn half term: 2026-10-26 to 2026-10-30": it is ignored.`,
        );
    }
    settings[key] = read;
    if (read.length === 0 && key === 'termDates')
      problems.push('Term dates is empty: every weekday counts as a school day for reminders.');
  };
  periods('termDates');
  periods('holidays');

  settings.categories = readCategories(values, categoryCol, problems);
  return { settings, problems };
}

function dedupe(entries: string[]): string[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const k = normalise(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function readNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

/** An hour typed as 7, "7", "07:00", "7am", "7pm" or entered as a time (Sheets gives a Date). */
function readHour(value: unknown, timeZone: string): number | null {
  if (isDateValue(value)) {
    const p = localParts(value, timeZone);
    return p.minute === 0 ? p.hour : null;
  }
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 23 ? value : null;
  if (typeof value !== 'string') return null;
  const m = /^(\d{1,2})(?::00)?\s*(am|pm)?$/i.exec(value.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const half = m[2]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  return hour >= 0 && hour <= 23 ? hour : null;
}

function readYesNo(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value; // a tick box
  const text = normalise(cellText(value));
  if (['yes', 'y', 'true'].includes(text)) return true;
  if (['no', 'n', 'false'].includes(text)) return false;
  return null;
}

function readCategories(values: unknown[][], column: number, problems: string[]): CategoryDef[] {
  const categories: CategoryDef[] = [];
  const seen = new Set<string>();
  for (const row of values.slice(1)) {
    const name = cellText(row[column]).trim();
    const groupText = cellText(row[column + 1]).trim();
    const alwaysCell = row[column + 2];
    if (name === '') {
      if (groupText !== '')
        problems.push(`A category row has a 4Cs group (${groupText}) but no name: it was ignored.`);
      continue;
    }
    if (seen.has(normalise(name))) {
      problems.push(`Category ${quote(name)} is listed twice: the second is ignored.`);
      continue;
    }
    seen.add(normalise(name));
    const knownDefault = DEFAULT_CATEGORIES.find((c) => normalise(c.name) === normalise(name));
    let group: FourC | undefined = FOUR_CS.find((g) => normalise(g) === normalise(groupText));
    if (!group) {
      group = knownDefault?.group ?? 'Content';
      problems.push(
        groupText === ''
          ? `Category ${quote(name)} has no 4Cs group (Content, Contact, Conduct or Commerce): ${group} is used.`
          : `Category ${quote(name)}: ${quote(groupText)} is not one of the 4Cs (Content, Contact, Conduct, Commerce): ${group} is used.`,
      );
    }
    let always = readYesNo(alwaysCell);
    if (always === null) {
      // An unreadable answer counts as Yes: alerting the DSL once too often is the safe mistake.
      always = true;
      problems.push(
        `Category ${quote(name)}: "Always a child-protection concern" must be Yes or No; ${quote(cellText(alwaysCell))} is treated as Yes.`,
      );
    }
    categories.push({ name, group, alwaysChildProtection: always });
  }
  if (categories.length === 0) {
    problems.push('There are no categories in the Settings sheet: the default categories are used.');
    return DEFAULT_CATEGORIES.map((c) => ({ ...c }));
  }
  if (categories.length > MAX_CATEGORIES) {
    problems.push(
      `There are ${categories.length} categories; the form shows at most ${MAX_CATEGORIES}: only the first ${MAX_CATEGORIES} are used.`,
    );
    return categories.slice(0, MAX_CATEGORIES);
  }
  return categories;
}

/** When an open case counts as overdue, from Settings: for the register's colours (register-sheet.ts). */
export function overdueRuleOf(
  settings: Pick<Settings, 'overdueDays' | 'termDates' | 'holidays'>,
): OverdueRule {
  return {
    overdueDays: settings.overdueDays,
    calendar: { terms: settings.termDates, holidays: settings.holidays },
  };
}
