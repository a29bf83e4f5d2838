/**
 * Retention by record type: how long each record is kept, and the review sheet that lists what is past it.
 * Pure (dates and rules only); the handler reads the record files and deletes.
 *
 * The rules follow the usual schools records guidance (England):
 * - Child-protection records: until the pupil's 25th birthday ("Child protection files: date of birth of
 *   the child + 25 years, then review" — IRMS Information Management Toolkit for Schools, retention
 *   guidelines, Child protection; the same period as the pupil file under the Education (Pupil Information)
 *   (England) Regulations 2005).
 * - Allegations about an adult working in school: "until the person's normal retirement age, or 10 years
 *   from the date of the allegation, whichever is the longer" (IRMS toolkit, "Allegation of a child
 *   protection nature against a member of staff, including where the allegation is unfounded"; KCSIE
 *   Part Four, Record keeping: kept at least until the accused reaches normal pension age or for 10 years
 *   from the allegation if that is longer). "Normal retirement age" is the Settings value, 67 by default
 *   (the UK State Pension age for anyone now of working age). KCSIE also says allegations found malicious
 *   or false are removed from personnel records: the deletion path serves that, with a reason.
 * - Every other record: the Settings period ("Retention review (years)", 6 by default) after closing.
 *
 * Every date is a review date, never an automatic deletion: the runner deletes, with a reason.
 *
 * The pupil's date of birth is rarely in an incident report. Where the record file has a "Pupil date of
 * birth" column filled in, it is used; otherwise the date is estimated from the year groups in the report,
 * and the review says it is an estimate: in England a pupil in Year N in the school year that begins on
 * 1 September of year Y was born between 1 September (Y − N − 5) and 31 August (Y − N − 4). The youngest
 * possible pupil is taken (born 31 August), so the estimate is never earlier than the real 25th birthday;
 * with several year groups, the youngest year group. Likewise an "Adult date of birth" column gives the
 * retirement date of an allegation's subject; without it only the 10 years can be counted, and the review
 * says to check the person's retirement date with HR before deleting.
 */
import type { CellValue, RegisterEntry } from './register';
import type { RecordFile } from './routing';
import { QUOTE_PREFIX, formatDayMonthYear } from './cells';
import { instantOfLocal, localDateOf, localDayNumber } from './time';

export type RecordType = 'child-protection' | 'allegation' | 'other';

export const RECORD_TYPE_LABELS: Readonly<Record<RecordType, string>> = {
  'child-protection': 'Child protection',
  allegation: 'Allegation about an adult',
  other: 'Other',
};

/** Optional columns a DSL may add to a record file to give exact dates instead of estimates. */
export const PUPIL_BIRTH_HEADER = 'Pupil date of birth';
export const ADULT_BIRTH_HEADER = 'Adult date of birth';

export interface RetentionRules {
  /** Years after closing for records that are neither child protection nor allegations. */
  retentionYears: number;
  /** Normal retirement age, for allegation records. */
  retirementAge: number;
}

export interface RetentionSubject {
  file: RecordFile;
  incident: RegisterEntry;
  pupilBirthDate?: Date | null;
  adultBirthDate?: Date | null;
}

export interface RetentionDecision {
  type: RecordType;
  /** The first day the record is past its retention: null when it cannot be worked out. */
  keepUntil: Date | null;
  /** True when the date rests on an estimate or stand-in (the basis says which). */
  estimated: boolean;
  /** How the date was worked out, in plain words. */
  basis: string;
}

/** The record type: the allegation files hold allegations; the register's flagged rows are child protection. */
export function recordTypeOf(file: RecordFile, incident: Pick<RegisterEntry, 'childProtection'>): RecordType {
  if (file !== 'register') return 'allegation';
  return incident.childProtection ? 'child-protection' : 'other';
}

/** The same calendar day `years` later (29 February becomes 28 February in a common year). */
function sameDayYearsLater(date: Date, years: number, timeZone: string): Date {
  const local = localDateOf(date, timeZone);
  const year = local.year + years;
  const lastDay = new Date(Date.UTC(year, local.month, 0)).getUTCDate();
  return instantOfLocal({ year, month: local.month, day: Math.min(local.day, lastDay) }, timeZone);
}

/** England's year number of a year-group label (Reception 0, Nursery −1), or null. */
export function yearNumberOf(label: string): number | null {
  const text = label.trim().toLowerCase();
  if (/^(reception|r|yr ?r|year ?r)$/.test(text)) return 0;
  if (/^nursery\b/.test(text)) return -1;
  const match = /^(?:year|yr|y)\s*(\d{1,2})\b/.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  return n >= 1 && n <= 14 ? n : null;
}

/** The year the school year containing `at` began (it begins on 1 September). */
export function schoolYearStart(at: Date, timeZone: string): number {
  const local = localDateOf(at, timeZone);
  return local.month >= 9 ? local.year : local.year - 1;
}

export interface BirthEstimate {
  /** The latest date of birth a pupil of the youngest year group could have: 31 August. */
  birthDate: Date;
  yearGroup: string;
  schoolYear: number;
}

/** The youngest possible pupil of the youngest year group named, in the school year of `at`. */
export function estimatePupilBirth(
  yearGroups: readonly string[],
  at: Date,
  timeZone: string,
): BirthEstimate | null {
  let best: { n: number; label: string } | null = null;
  for (const label of yearGroups) {
    const n = yearNumberOf(label);
    if (n !== null && (best === null || n < best.n)) best = { n, label: label.trim() };
  }
  if (!best) return null;
  const schoolYear = schoolYearStart(at, timeZone);
  return {
    birthDate: instantOfLocal({ year: schoolYear - best.n - 4, month: 8, day: 31 }, timeZone),
    yearGroup: best.label,
    schoolYear,
  };
}

/** How long a record is kept, and why. */
export function retentionDecision(
  subject: RetentionSubject,
  rules: RetentionRules,
  timeZone: string,
): RetentionDecision {
  const { incident } = subject;
  const type = recordTypeOf(subject.file, incident);
  const day = (d: Date): string => formatDayMonthYear(d, timeZone);
  if (type === 'child-protection') {
    if (subject.pupilBirthDate) {
      const keepUntil = sameDayYearsLater(subject.pupilBirthDate, 25, timeZone);
      return {
        type,
        keepUntil,
        estimated: false,
        basis: `The pupil's 25th birthday (${PUPIL_BIRTH_HEADER} ${day(subject.pupilBirthDate)}).`,
      };
    }
    const estimate = estimatePupilBirth(
      incident.yearGroups,
      incident.occurredAt ?? incident.submittedAt,
      timeZone,
    );
    if (!estimate) {
      return {
        type,
        keepUntil: null,
        estimated: true,
        basis: `Kept until the pupil's 25th birthday, which cannot be worked out: the report gives no year group. Fill in a "${PUPIL_BIRTH_HEADER}" column for it.`,
      };
    }
    const keepUntil = sameDayYearsLater(estimate.birthDate, 25, timeZone);
    return {
      type,
      keepUntil,
      estimated: true,
      basis:
        `Estimate: the pupil's 25th birthday, from ${estimate.yearGroup} in the school year ` +
        `${estimate.schoolYear}/${String((estimate.schoolYear + 1) % 100).padStart(2, '0')}: its youngest pupil ` +
        `was born on ${day(estimate.birthDate)}. Check the pupil's date of birth before deleting ` +
        `(or fill in a "${PUPIL_BIRTH_HEADER}" column).`,
    };
  }
  if (type === 'allegation') {
    const tenYears = sameDayYearsLater(incident.submittedAt, 10, timeZone);
    if (subject.adultBirthDate) {
      const retires = sameDayYearsLater(subject.adultBirthDate, rules.retirementAge, timeZone);
      const later = retires.getTime() > tenYears.getTime() ? retires : tenYears;
      return {
        type,
        keepUntil: later,
        estimated: false,
        basis: `The later of 10 years from the allegation (${day(tenYears)}) and the person's normal retirement age of ${rules.retirementAge} (${day(retires)}).`,
      };
    }
    return {
      type,
      keepUntil: tenYears,
      estimated: true,
      basis:
        `10 years from the allegation (${day(tenYears)}); the person's normal retirement age ` +
        `(${rules.retirementAge}, Settings) cannot be counted without their date of birth: check with HR that ` +
        `they have reached it before deleting (or fill in an "${ADULT_BIRTH_HEADER}" column).`,
    };
  }
  const closedOn = incident.closedOn ?? incident.lastUpdated;
  if (!closedOn) {
    return {
      type,
      keepUntil: null,
      estimated: true,
      basis: `${rules.retentionYears} year(s) after closing, which cannot be counted: there is no Closed on date.`,
    };
  }
  const keepUntil = sameDayYearsLater(closedOn, rules.retentionYears, timeZone);
  return {
    type,
    keepUntil,
    estimated: incident.closedOn === null,
    basis:
      `${rules.retentionYears} year(s) after closing (Settings)` +
      (incident.closedOn === null ? ', counted from Last updated: there is no Closed on date.' : '.'),
  };
}

export interface RetentionItem {
  file: RecordFile;
  row: number;
  incidentId: string;
  occurredAt: Date | null;
  closedOn: Date | null;
  decision: RetentionDecision;
  /** Every place the record lives, in plain words. */
  places: string[];
}

export interface RetentionReview {
  due: RetentionItem[];
  /** Closed records whose date cannot be worked out: the runner checks them by hand. */
  undated: RetentionItem[];
}

/**
 * Closed records whose retention has run out by `now`, oldest first, and closed records whose date
 * cannot be worked out. Open records are never listed, whatever their age.
 */
export function retentionReview(
  subjects: ReadonlyArray<RetentionSubject & { row: number; places?: string[] }>,
  rules: RetentionRules,
  now: Date,
  timeZone: string,
): RetentionReview {
  const today = localDayNumber(now, timeZone);
  const due: RetentionItem[] = [];
  const undated: RetentionItem[] = [];
  for (const subject of subjects) {
    const { incident } = subject;
    if (incident.status !== 'Closed') continue;
    const decision = retentionDecision(subject, rules, timeZone);
    const item: RetentionItem = {
      file: subject.file,
      row: subject.row,
      incidentId: incident.incidentId,
      occurredAt: incident.occurredAt,
      closedOn: incident.closedOn ?? incident.lastUpdated,
      decision,
      places: subject.places ?? [],
    };
    if (!decision.keepUntil) undated.push(item);
    else if (localDayNumber(decision.keepUntil, timeZone) <= today) due.push(item);
  }
  due.sort((a, b) => a.decision.keepUntil!.getTime() - b.decision.keepUntil!.getTime() || a.row - b.row);
  return { due, undated };
}

export const RETENTION_HEADERS = [
  'Incident ID',
  'Record type',
  'When it happened',
  'Closed on',
  'Kept until',
  'How the date is worked out',
  'Where it lives',
  'Row',
] as const;

export const RETENTION_HEADER_ROW = 4;

function text(value: string): string {
  return value === '' ? '' : QUOTE_PREFIX + value;
}

/**
 * A Retention review sheet's rows (one per record file: each lists only its own file's records, so an
 * allegation is never named where the register's readers look). IDs, dates and places: no pupil names.
 */
export function retentionSheetRows(
  review: RetentionReview,
  builtAt: string,
  fileTitle: string,
): CellValue[][] {
  const rows: CellValue[][] = [
    [text(`Retention review: records of the ${fileTitle} past their retention date`)],
    [
      text(
        `Built ${builtAt}. Nothing has been deleted. Child-protection records are kept until the pupil's 25th ` +
          'birthday, allegations until normal retirement age or 10 years from the allegation (the longer), ' +
          'others for "Retention review (years)" after closing. To delete a record, the DSL who runs the ' +
          'system chooses Online Safety › Delete a record…, with a reason: its row, form response, index entry ' +
          'and the text in the Audit sheet go; the audit trail records the deletion.',
      ),
    ],
    [''],
    [...RETENTION_HEADERS],
  ];
  for (const item of [...review.due, ...review.undated]) {
    rows.push([
      text(item.incidentId),
      text(RECORD_TYPE_LABELS[item.decision.type]),
      item.occurredAt ?? '',
      item.closedOn ?? '',
      item.decision.keepUntil ?? '',
      text(item.decision.basis),
      text(item.places.join('\n')),
      item.row,
    ]);
  }
  if (review.due.length === 0 && review.undated.length === 0) {
    rows.push([text('No closed record is past its retention date.')]);
  }
  return rows;
}
