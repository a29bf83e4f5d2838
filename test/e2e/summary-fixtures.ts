/**
 * Test-side helpers for the Summary and weekly-email tests: a deterministic register of any size written
 * straight into the emulator's Register sheet (as if years of reports had come in), and a full picture of
 * the Summary sheet (values, formats, charts) to compare rebuilds with.
 */
import { writeValues } from '../../emulator/sheets/ops';
import type { Workspace } from '../../emulator/workspace';
import { incidentToRow, NO_DSL_RECORDS, type RegisterEntry } from '../../src/domain/register';
import { LOCATIONS } from '../../src/domain/schema';
import { DEFAULT_CATEGORIES, DEFAULT_PLATFORMS } from '../../src/domain/settings';
import { STATUSES, type FourC, type Status } from '../../src/domain/types';

/** mulberry32: a small seeded generator, so every run builds the same register. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST_NAMES = ['Amira', 'Jordan', 'Maya', 'Leo', 'Sam', 'Priya', 'Oscar', 'Ffion', 'Kai', 'Noor'];
const SURNAMES = ['Khan', 'Blake', 'Thompson', 'Grant', 'Ortiz', 'Patel', 'Nowak', 'Evans', 'Osei', 'Reid'];
const YEAR_GROUPS = ['Year 5', 'Year 6', 'Year 7', 'Year 8', 'Year 9', 'Year 10'];
const DAY_MS = 86_400_000;

export interface SyntheticOptions {
  /** The latest submission time; the others spread over `days` days before it. */
  end: Date;
  days?: number;
  seed?: number;
  /** How many different pupils are named (names repeat, so some are named in several incidents). */
  pupils?: number;
}

/**
 * `count` register entries with realistic variety: one to three categories, Settings and free-typed
 * platforms, pupils in every role, every status, some never updated (overdue), some closed.
 */
export function syntheticIncidents(count: number, options: SyntheticOptions): RegisterEntry[] {
  const random = seeded(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const days = options.days ?? 400;
  const pupils = options.pupils ?? 2000;
  const pupil = (): string => {
    const n = Math.floor(random() * pupils);
    return `${FIRST_NAMES[n % 10]} ${SURNAMES[Math.floor(n / 10) % 10]} ${Math.floor(n / 100)}`;
  };
  const start = options.end.getTime() - days * DAY_MS;
  const entries: RegisterEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    // Sorted by time, as a register fills up.
    const submitted = new Date(start + Math.floor(((index + random()) / count) * days * DAY_MS));
    const categories = [pick(DEFAULT_CATEGORIES)];
    if (random() < 0.3) categories.push(pick(DEFAULT_CATEGORIES));
    const status: Status = random() < 0.55 ? 'Closed' : pick(STATUSES);
    const touched = random() < 0.7;
    const lastUpdated = touched ? new Date(submitted.getTime() + Math.floor(random() * 20) * DAY_MS) : null;
    const year = submitted.getUTCFullYear();
    entries.push({
      responseId: `synthetic-${index}`,
      submittedAt: submitted,
      reporterEmail: `teacher${index % 40}@school.example`,
      occurredAt: new Date(submitted.getTime() - DAY_MS),
      categories: categories.map((category) => category.name),
      platform: random() < 0.05 ? `Typed app ${index % 37}` : pick(DEFAULT_PLATFORMS),
      location: pick(LOCATIONS),
      description: `What happened in synthetic incident ${index}.`,
      pupilsHarmed: [pupil()],
      pupilsCausedHarm: random() < 0.5 ? [pupil()] : [],
      pupilsOther: random() < 0.2 ? [pupil(), pupil()] : [],
      yearGroups: [pick(YEAR_GROUPS)],
      adultConcern: 'none',
      adultDetails: '',
      adultRole: '',
      childAtRisk: random() < 0.2 ? 'Yes' : 'No',
      toldDslInPerson: 'No',
      evidenceKept: 'No evidence',
      evidenceWhere: '',
      actionsTaken: `Actions for synthetic incident ${index}.`,
      parentsInformed: 'No',
      incidentId: `OSI-${year}-${String(index + 1).padStart(5, '0')}`,
      fourCs: [...new Set(categories.map((category): FourC => category.group))],
      childProtection: categories.some((category) => category.alwaysChildProtection),
      childProtectionReasons: [],
      status,
      severity: '',
      assignedTo: '',
      actions: '',
      parentsContacted: '',
      referral: '',
      referralDate: null,
      outcome: '',
      rationale: '',
      lessonsLearnt: '',
      closedOn: status === 'Closed' ? lastUpdated : null,
      ...NO_DSL_RECORDS,
      lastUpdated,
      alertStatus: 'Not needed',
      alertLog: '',
    });
  }
  return entries;
}

/**
 * Replaces the register's rows (below the header) with `entries`, straight into the emulator's sheet:
 * test set-up, not the script's work, so no service call is counted and no trigger fires.
 */
export function fillRegister(ws: Workspace, entries: RegisterEntry[], spreadsheetId = ws.containerId): void {
  const book = ws.spreadsheets.book(spreadsheetId);
  const sheet = book.sheetByName('Register');
  if (!sheet) throw new Error('No Register sheet: run Set up first');
  const rows = entries.map((entry) => incidentToRow(entry));
  const width = rows[0]?.length ?? sheet.lastColumn();
  const oldLast = sheet.lastRow();
  if (sheet.maxRows < rows.length + 1) sheet.maxRows = rows.length + 1;
  if (oldLast > 1) {
    const blank = Array.from({ length: oldLast - 1 }, () => new Array<string>(width).fill(''));
    writeValues(sheet, { row: 2, col: 1, numRows: oldLast - 1, numCols: width }, blank, book.timeZone);
  }
  if (rows.length > 0)
    writeValues(sheet, { row: 2, col: 1, numRows: rows.length, numCols: width }, rows, book.timeZone);
}

type SheetSnapshot = Record<string, unknown> & { name: string; values: unknown[][]; charts: unknown[] };

/** Everything a person sees on the Summary sheet: values, number formats, bold, shading, sizes, charts. */
export function summaryPicture(ws: Workspace, spreadsheetId = ws.containerId): SheetSnapshot {
  const snapshot = ws.spreadsheets.snapshot() as Array<{ id: string; sheets: SheetSnapshot[] }>;
  const sheet = snapshot.find((book) => book.id === spreadsheetId)?.sheets.find((s) => s.name === 'Summary');
  if (!sheet) throw new Error('No Summary sheet');
  const state = ws.spreadsheets.book(spreadsheetId).sheetByName('Summary');
  if (!state) throw new Error('No Summary sheet');
  const layer = (name: 'fontWeight' | 'background' | 'fontSize'): string[] => {
    const cells: string[] = [];
    state.formats[name].forEach((value, r, c) => cells.push(`${r + 1},${c + 1}=${value}`));
    return cells.sort();
  };
  return {
    ...sheet,
    fontWeights: layer('fontWeight'),
    backgrounds: layer('background'),
    fontSizes: layer('fontSize'),
    columnWidths: [...state.columnWidths.entries()].sort((a, b) => a[0] - b[0]),
  };
}

/** The Summary's values as text (Dates as ISO strings), for searching. */
export function summaryText(ws: Workspace): string {
  return JSON.stringify(summaryPicture(ws).values);
}
