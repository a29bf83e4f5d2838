/**
 * The Register sheet's columns and the mapping between an incident and a row.
 *
 * One row per incident: identity, the reporter's answers (columns generated from the schema), what the
 * system derived, the DSL's workflow, and system bookkeeping. Rows are read back by header text, not by
 * position, so a DSL adding a column of their own (or moving one) does not shift anything.
 */

import type {
  AllegationOutcome,
  ContentRemoval,
  FourC,
  Incident,
  IncidentReport,
  Derived,
  Referral,
  Severity,
  Status,
} from './types';
import { ALLEGATION_OUTCOMES, CONTENT_REMOVAL, FOUR_CS, REFERRALS, SEVERITIES, STATUSES } from './types';
import type { QuestionKey } from './schema';
import { ADULT_CONCERN_CHOICES, QUESTIONS } from './schema';
import { cellDate, cellText, isDateValue, textCell } from './cells';
import { adultConcernFromText, riskAnswerFromText, splitPupilList } from './parse';

/** The system's own bookkeeping for alerts, kept on the row. */
export interface SystemColumns {
  /** e.g. "Sent", "Queued (mail quota)", "Not needed". Written by the alert step. */
  alertStatus: string;
  /** A short, content-free history of alert attempts. */
  alertLog: string;
  /**
   * Every referral on the file's Referrals sheet for this incident, one per line ("Police 03/02/2026
   * ref 123"): written by the script from that sheet (edit trigger, nightly reconcile, Set up), never typed.
   */
  referralsAtGlance?: string;
}

/** An incident as held in the register. */
export type RegisterEntry = Incident & SystemColumns;

export type RegisterKey = keyof RegisterEntry;

/** Who writes a column: reporter answers and the DSL's workflow are text people type; the rest is ours. */
export type ColumnOwner = 'reporter' | 'derived' | 'workflow' | 'system';

/**
 * How a column's value is written and read: text; a list (one entry per line); a date-time or a date;
 * a Yes/No flag; or one of a fixed list of choices (a dropdown).
 */
export type ColumnKind = 'text' | 'lines' | 'dateTime' | 'date' | 'flag' | 'choice';

export interface RegisterColumn {
  key: RegisterKey;
  header: string;
  /** Pixels. */
  width: number;
  wrap: boolean;
  kind: ColumnKind;
  /** Derived and system columns are protected by the adapter; reporter and workflow columns are not. */
  owner: ColumnOwner;
  /** Dropdown choices (data validation) for 'choice' columns. */
  choices?: readonly string[];
  /** Sheets number format for date columns (UK order). */
  numberFormat?: string;
  /** May name or identify a person. */
  personal: boolean;
}

const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
const DATE_FORMAT = 'dd/mm/yyyy';

function column(
  key: RegisterKey,
  header: string,
  owner: ColumnOwner,
  kind: ColumnKind,
  width: number,
  extra: Partial<Pick<RegisterColumn, 'wrap' | 'choices' | 'personal'>> = {},
): RegisterColumn {
  return {
    key,
    header,
    width,
    wrap: extra.wrap ?? (kind === 'text' || kind === 'lines'),
    kind,
    owner,
    ...(extra.choices ? { choices: extra.choices } : {}),
    ...(kind === 'dateTime'
      ? { numberFormat: DATE_TIME_FORMAT }
      : kind === 'date'
        ? { numberFormat: DATE_FORMAT }
        : {}),
    personal: extra.personal ?? false,
  };
}

function questionColumn(key: QuestionKey): RegisterColumn {
  const question = QUESTIONS.find((q) => q.key === key);
  if (!question) throw new Error(`No question ${key}`);
  const kind: ColumnKind =
    question.answer === 'dateTime'
      ? 'dateTime'
      : question.answer === 'lines' || question.answer === 'choices'
        ? 'lines'
        : 'text';
  return {
    key: question.key,
    header: question.column.header,
    width: question.column.width,
    wrap: question.column.wrap,
    kind,
    owner: 'reporter',
    ...(kind === 'dateTime' ? { numberFormat: DATE_TIME_FORMAT } : {}),
    personal: question.personal,
  };
}

/** The register's columns, left to right. */
export function registerColumns(): RegisterColumn[] {
  return [
    column('incidentId', 'Incident ID', 'system', 'text', 120, { wrap: false }),
    column('submittedAt', 'Submitted at', 'system', 'dateTime', 130),
    column('reporterEmail', 'Reported by', 'system', 'text', 190, { wrap: false, personal: true }),
    ...QUESTIONS.map((q) => questionColumn(q.key)),
    column('fourCs', '4Cs group', 'derived', 'lines', 100),
    column('childProtection', 'Child protection', 'derived', 'flag', 100),
    column('childProtectionReasons', 'Why flagged', 'derived', 'lines', 240),
    column('status', 'Status', 'workflow', 'choice', 150, { choices: STATUSES }),
    column('severity', 'Severity', 'workflow', 'choice', 100, { choices: SEVERITIES }),
    column('assignedTo', 'Assigned to', 'workflow', 'text', 150, { personal: true }),
    column('actions', 'Actions and decisions', 'workflow', 'text', 280, { personal: true }),
    column('parentsContacted', 'Parents/carers contacted', 'workflow', 'text', 180, { personal: true }),
    column('referral', 'External referral', 'workflow', 'choice', 170, { choices: REFERRALS }),
    column('referralDate', 'Referral date', 'workflow', 'date', 110),
    // Every referral of the incident, from the Referrals sheet (written by the script, so protected).
    column('referralsAtGlance', 'Referrals', 'system', 'lines', 220),
    column('outcome', 'Outcome', 'workflow', 'text', 240, { personal: true }),
    column('rationale', 'Rationale (including decisions not to refer)', 'workflow', 'text', 280, {
      personal: true,
    }),
    column('lessonsLearnt', 'Lessons learnt', 'workflow', 'text', 240),
    column('closedOn', 'Closed on', 'workflow', 'date', 110),
    ...dslRecordColumns(),
    column('lastUpdated', 'Last updated', 'workflow', 'dateTime', 130),
    column('alertStatus', 'Alert status', 'system', 'text', 140),
    column('alertLog', 'Alert log', 'system', 'text', 240),
    column('responseId', 'Response ID', 'system', 'text', 160, { wrap: false }),
  ];
}

/**
 * The DSL's records KCSIE asks for (issue 13): workflow columns, typed by the DSL, audited like the rest. A
 * register made before them gets them appended at its end by Set up (columns are found by header).
 */
function dslRecordColumns(): RegisterColumn[] {
  return [
    column('dslToldAt', 'DSL told at', 'workflow', 'dateTime', 130),
    column('nextReview', 'Next review', 'workflow', 'date', 110),
    column('supportOffered', 'Support offered to the child', 'workflow', 'text', 240, { personal: true }),
    column('sanctions', 'Sanctions (behaviour policy)', 'workflow', 'text', 200, { personal: true }),
    column('contentRemoval', 'Removal of content requested', 'workflow', 'choice', 150, {
      choices: CONTENT_REMOVAL,
    }),
    column('ladoAdvice', "LADO's advice", 'workflow', 'text', 240, { personal: true }),
    column('ladoAdviceDate', 'LADO advice date', 'workflow', 'date', 110),
    column('allegationOutcome', 'Allegation outcome', 'workflow', 'choice', 150, {
      choices: ALLEGATION_OUTCOMES,
    }),
  ];
}

/** The header row, in column order. */
export function registerHeaders(): string[] {
  return registerColumns().map((c) => c.header);
}

/** The DSL's records (dslRecordColumns) before anything is typed: a new incident's, and fixtures'. */
export const NO_DSL_RECORDS: Pick<
  Incident,
  | 'dslToldAt'
  | 'nextReview'
  | 'supportOffered'
  | 'sanctions'
  | 'contentRemoval'
  | 'ladoAdvice'
  | 'ladoAdviceDate'
  | 'allegationOutcome'
> = {
  dslToldAt: null,
  nextReview: null,
  supportOffered: '',
  sanctions: '',
  contentRemoval: '',
  ladoAdvice: '',
  ladoAdviceDate: null,
  allegationOutcome: '',
};

/** A new incident's workflow: status New, nothing decided yet, last updated when it was submitted. */
export function newIncident(report: IncidentReport, derived: Derived): Incident {
  return {
    ...report,
    ...derived,
    status: 'New',
    severity: '',
    assignedTo: '',
    actions: '',
    parentsContacted: '',
    referral: '',
    referralDate: null,
    outcome: '',
    rationale: '',
    lessonsLearnt: '',
    closedOn: null,
    ...NO_DSL_RECORDS,
    lastUpdated: report.submittedAt,
  };
}

// ---- Writing -------------------------------------------------------------------------------------------

export type CellValue = string | number | boolean | Date;

function adultConcernLabel(value: string): string {
  return ADULT_CONCERN_CHOICES.find((c) => c.value === value)?.label ?? value;
}

function toCell(col: RegisterColumn, value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  switch (col.kind) {
    case 'dateTime':
    case 'date':
      return isDateValue(value) ? value : '';
    case 'flag':
      return value === true ? 'Yes' : 'No';
    case 'lines':
      return textCell(Array.isArray(value) ? value.map(String).join('\n') : String(value));
    case 'choice': {
      const text = String(value);
      // Our own dropdown values are written plain so data validation and formatting rules see them as is.
      return col.choices?.includes(text) ? text : textCell(text);
    }
    case 'text':
      return textCell(col.key === 'adultConcern' ? adultConcernLabel(String(value)) : String(value));
  }
}

/**
 * The row for an incident, in registerColumns() order. Every person-typed text is made safe with textCell
 * (never a formula, never re-parsed, cut to fit a cell); Dates stay Dates; empty values are ''.
 */
export function incidentToRow(entry: Incident & Partial<SystemColumns>): CellValue[] {
  const values = entry as unknown as Record<string, unknown>;
  return registerColumns().map((col) => toCell(col, values[col.key]));
}

// ---- Where the columns are on a sheet ------------------------------------------------------------------

/** How header cells are compared: case and runs of spaces do not matter. */
function headerKey(cell: unknown): string {
  return normalise(cellText(cell));
}

/**
 * The 0-based position of each register column under `headerRow` (as read from the sheet), found by header
 * text. A header that appears twice counts where it first appears, as the readers do; a register column the
 * header lacks has no entry.
 */
export function columnPositions(headerRow: readonly unknown[]): Map<RegisterKey, number> {
  const position = new Map<string, number>();
  headerRow.forEach((h, i) => {
    const key = headerKey(h);
    if (key !== '' && !position.has(key)) position.set(key, i);
  });
  const columnAt = new Map<RegisterKey, number>();
  for (const col of registerColumns()) {
    const at = position.get(headerKey(col.header));
    if (at !== undefined) columnAt.set(col.key, at);
  }
  return columnAt;
}

/** The register columns `headerRow` lacks, in registerColumns() order (what Set up appends at the end). */
export function missingColumns(headerRow: readonly unknown[]): RegisterColumn[] {
  const present = columnPositions(headerRow);
  return registerColumns().filter((col) => !present.has(col.key));
}

/** Lays incidents out as rows under one header; the header → column mapping is worked out once. */
export type RowWriter = (entry: Incident & Partial<SystemColumns>) => CellValue[];

/**
 * A writer of rows for the sheet whose header is `headerRow`: one cell per header cell, each register
 * column's value (made safe as `incidentToRow` makes it) under its own header wherever the DSL has moved it,
 * and '' under a header that is not the register's (a column the DSL added), so a new row never writes
 * into a DSL's own column. A register column the header lacks is not written: add it to the header first
 * (see `missingColumns`).
 */
export function makeRowWriter(headerRow: readonly unknown[]): RowWriter {
  const positions = columnPositions(headerRow);
  const columnAtIndex: Array<RegisterColumn | undefined> = headerRow.map(() => undefined);
  for (const col of registerColumns()) {
    const at = positions.get(col.key);
    if (at !== undefined) columnAtIndex[at] = col;
  }
  return (entry) => {
    const values = entry as unknown as Record<string, unknown>;
    return columnAtIndex.map((col) => (col ? toCell(col, values[col.key]) : ''));
  };
}

/** The row for an incident laid out under `headerRow`. For many rows under one header, use `makeRowWriter`. */
export function rowForHeader(
  headerRow: readonly unknown[],
  entry: Incident & Partial<SystemColumns>,
): CellValue[] {
  return makeRowWriter(headerRow)(entry);
}

// ---- Reading -------------------------------------------------------------------------------------------

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Lenient match for a dropdown value typed by hand: case, spaces and punctuation do not matter. */
function matchChoice<T extends string>(choices: readonly T[], value: string): T | undefined {
  const key = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const typed = key(value);
  if (typed === '') return undefined;
  return choices.find((c) => key(c) === typed);
}

function readFlag(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return ['yes', 'y', 'true'].includes(normalise(cellText(value)));
}

function lines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function readStatus(text: string): Status {
  if (text.trim() === '') return 'New';
  // Something typed past the dropdown: still an open incident, and not a new one.
  return matchChoice(STATUSES, text) ?? 'In progress';
}

/** Reads register rows as incidents; the header → column mapping is worked out once, when it is made. */
export type RowReader = (row: readonly unknown[]) => RegisterEntry | null;

/**
 * A reader for rows under `headerRow` (as read from the sheet): columns are found by header text once,
 * so reading tens of thousands of rows costs one lookup per cell, not a header search per cell. Blank
 * cells and values a DSL typed by hand are read leniently; dates typed as text are read in `timeZone`.
 * The reader returns null for a row with no incident ID (an empty or stray row).
 */
export function makeRowReader(headerRow: readonly unknown[], timeZone = 'UTC'): RowReader {
  const columnAt = columnPositions(headerRow);
  const questions = QUESTIONS.map((question) => ({
    key: question.key,
    answer: question.answer,
    at: columnAt.get(question.key),
  }));
  const at = (key: RegisterKey): number | undefined => columnAt.get(key);
  const positions = {
    incidentId: at('incidentId'),
    responseId: at('responseId'),
    submittedAt: at('submittedAt'),
    occurredAt: at('occurredAt'),
    reporterEmail: at('reporterEmail'),
    fourCs: at('fourCs'),
    childProtection: at('childProtection'),
    childProtectionReasons: at('childProtectionReasons'),
    status: at('status'),
    severity: at('severity'),
    assignedTo: at('assignedTo'),
    actions: at('actions'),
    parentsContacted: at('parentsContacted'),
    referral: at('referral'),
    referralDate: at('referralDate'),
    outcome: at('outcome'),
    rationale: at('rationale'),
    lessonsLearnt: at('lessonsLearnt'),
    closedOn: at('closedOn'),
    lastUpdated: at('lastUpdated'),
    alertStatus: at('alertStatus'),
    alertLog: at('alertLog'),
    referralsAtGlance: at('referralsAtGlance'),
    dslToldAt: at('dslToldAt'),
    nextReview: at('nextReview'),
    supportOffered: at('supportOffered'),
    sanctions: at('sanctions'),
    contentRemoval: at('contentRemoval'),
    ladoAdvice: at('ladoAdvice'),
    ladoAdviceDate: at('ladoAdviceDate'),
    allegationOutcome: at('allegationOutcome'),
  };

  return (row) => {
    const raw = (index: number | undefined): unknown => (index === undefined ? undefined : row[index]);
    const text = (index: number | undefined): string => cellText(raw(index), timeZone);
    const date = (index: number | undefined): Date | null => cellDate(raw(index), timeZone);

    const incidentId = text(positions.incidentId).trim();
    if (incidentId === '') return null;

    const occurredAt = date(positions.occurredAt);
    const lastUpdated = date(positions.lastUpdated);
    // Written by the system and protected, so normally present; a row damaged by hand falls back to the
    // nearest date it has rather than dropping the incident.
    const submittedAt = date(positions.submittedAt) ?? occurredAt ?? lastUpdated ?? new Date(Number.NaN);

    const fourCs = lines(text(positions.fourCs).replace(/,/g, '\n'))
      .map((g) => FOUR_CS.find((c) => normalise(c) === normalise(g)))
      .filter((g): g is FourC => g !== undefined);

    const entry: Omit<RegisterEntry, QuestionKey> = {
      incidentId,
      responseId: text(positions.responseId),
      submittedAt,
      reporterEmail: text(positions.reporterEmail),
      fourCs,
      childProtection: readFlag(raw(positions.childProtection)),
      childProtectionReasons: lines(text(positions.childProtectionReasons)),
      status: readStatus(text(positions.status)),
      severity: matchChoice<Severity>(SEVERITIES, text(positions.severity)) ?? '',
      assignedTo: text(positions.assignedTo),
      actions: text(positions.actions),
      parentsContacted: text(positions.parentsContacted),
      referral: matchChoice<Referral>(REFERRALS, text(positions.referral)) ?? '',
      referralDate: date(positions.referralDate),
      outcome: text(positions.outcome),
      rationale: text(positions.rationale),
      lessonsLearnt: text(positions.lessonsLearnt),
      closedOn: date(positions.closedOn),
      lastUpdated,
      alertStatus: text(positions.alertStatus),
      alertLog: text(positions.alertLog),
      referralsAtGlance: text(positions.referralsAtGlance),
      dslToldAt: date(positions.dslToldAt),
      nextReview: date(positions.nextReview),
      supportOffered: text(positions.supportOffered),
      sanctions: text(positions.sanctions),
      contentRemoval: matchChoice<ContentRemoval>(CONTENT_REMOVAL, text(positions.contentRemoval)) ?? '',
      ladoAdvice: text(positions.ladoAdvice),
      ladoAdviceDate: date(positions.ladoAdviceDate),
      allegationOutcome:
        matchChoice<AllegationOutcome>(ALLEGATION_OUTCOMES, text(positions.allegationOutcome)) ?? '',
    };

    // The reporter's answers, read the way the schema says each is written. Added to the entry in schema
    // order (rather than spread from a map), which keeps reading 50,000 rows quick.
    const answers = entry as Omit<RegisterEntry, QuestionKey> & Record<string, unknown>;
    for (const question of questions) {
      switch (question.answer) {
        case 'text':
          answers[question.key] = text(question.at);
          break;
        case 'lines':
          answers[question.key] = splitPupilList(text(question.at));
          break;
        case 'choices':
          // Choice labels may contain commas ("Scams, gambling or…"): one per line only.
          answers[question.key] = lines(text(question.at));
          break;
        case 'dateTime':
          answers[question.key] = date(question.at);
          break;
        case 'adultConcern':
          answers[question.key] = adultConcernFromText(text(question.at));
          break;
        case 'risk':
          answers[question.key] = riskAnswerFromText(text(question.at));
          break;
      }
    }
    // Every question key is filled above by its schema answer kind (checked against IncidentReport there).
    return answers as unknown as RegisterEntry;
  };
}

/**
 * The incident on one register row, found by header text (`headerRow` as read from the sheet). For many
 * rows under one header, make the reader once with `makeRowReader`.
 */
export function rowToIncident(row: unknown[], headerRow: unknown[], timeZone = 'UTC'): RegisterEntry | null {
  return makeRowReader(headerRow, timeZone)(row);
}
