/**
 * The DSL's logs kept beside each record file's register: the Referrals sheet (one row per referral, so an
 * incident referred to the Police and to children's social care has two) and the Information sharing record
 * (what was shared, with whom, when, on what basis — a sheet, not register columns, because one incident
 * is often shared several times). Pure: which columns they have, what an edit of them puts on the audit
 * trail, and what the register's "Referrals" column says of each incident.
 *
 * Every column is typed by a person, so none is protected (only the header row, which the script finds the
 * columns by); the Incident ID is typed too: a referral may be logged before the DSL has the register row
 * open, and an ID that matches no incident is said in a toast rather than refused by a dropdown of
 * thousands of IDs.
 */
import type { AuditEntry } from './audit';
import { NOT_KNOWN } from './audit';
import { cellDate, cellText, formatDayMonthYear, isDateValue, textCell } from './cells';

/** Who a school refers to (KCSIE 2025, the UKCIS nudes guidance, the LGfL/Kent flowcharts). */
export const REFERRAL_AGENCIES = [
  'Police',
  'CEOP',
  'IWF Report Remove',
  'IWF',
  "Children's social care",
  'MASH / Safeguarding Hub',
  'LADO',
  'Prevent / Channel',
  'Professionals Online Safety Helpline',
  "Platform's own report",
  'TRA',
  'DBS',
  'Other',
] as const;
export type ReferralAgency = (typeof REFERRAL_AGENCIES)[number];

/** The lawful basis for sharing (DfE "Information sharing advice", UK GDPR and the DPA 2018). */
export const SHARING_BASES = [
  'Safeguarding a child or person at risk (DPA 2018)',
  'Consent',
  'Legal obligation or statutory request',
  'Public task',
  'Vital interests (emergency)',
  'Other (say why in Notes)',
] as const;

export type LogKind = 'referrals' | 'sharing';

export const LOG_SHEET_NAMES: Record<LogKind, string> = {
  referrals: 'Referrals',
  sharing: 'Information sharing',
};

export interface LogColumn {
  header: string;
  /** Pixels. */
  width: number;
  kind: 'text' | 'date' | 'choice';
  choices?: readonly string[];
}

const ID_HEADER = 'Incident ID';

const LOG_COLUMNS: Record<LogKind, readonly LogColumn[]> = {
  referrals: [
    { header: ID_HEADER, width: 120, kind: 'text' },
    { header: 'Agency', width: 200, kind: 'choice', choices: REFERRAL_AGENCIES },
    { header: 'Date referred', width: 110, kind: 'date' },
    { header: 'Reference', width: 140, kind: 'text' },
    { header: 'Outcome', width: 260, kind: 'text' },
    { header: 'Made by', width: 180, kind: 'text' },
  ],
  sharing: [
    { header: ID_HEADER, width: 120, kind: 'text' },
    { header: 'Date shared', width: 110, kind: 'date' },
    { header: 'Shared with (person and organisation)', width: 220, kind: 'text' },
    { header: 'What was shared', width: 260, kind: 'text' },
    { header: 'Basis for sharing', width: 220, kind: 'choice', choices: SHARING_BASES },
    { header: 'Shared by', width: 180, kind: 'text' },
    { header: 'Notes (including decisions not to share)', width: 260, kind: 'text' },
  ],
};

export function logColumns(kind: LogKind): readonly LogColumn[] {
  return LOG_COLUMNS[kind];
}

const headerKey = (cell: unknown): string => cellText(cell).trim().replace(/\s+/g, ' ').toLowerCase();

/** 0-based position of each log column under `headerRow` (by header text; the first wins), by header. */
export function logPositions(headerRow: readonly unknown[], kind: LogKind): Map<string, number> {
  const found = new Map<string, number>();
  headerRow.forEach((h, i) => {
    const key = headerKey(h);
    if (key !== '' && !found.has(key)) found.set(key, i);
  });
  const positions = new Map<string, number>();
  for (const col of LOG_COLUMNS[kind]) {
    const at = found.get(headerKey(col.header));
    if (at !== undefined) positions.set(col.header, at);
  }
  return positions;
}

/** The log columns `headerRow` lacks, in order (what Set up appends at its end). */
export function missingLogColumns(headerRow: readonly unknown[], kind: LogKind): LogColumn[] {
  const present = logPositions(headerRow, kind);
  return LOG_COLUMNS[kind].filter((c) => !present.has(c.header));
}

// ---- The audit of an edit ------------------------------------------------------------------------------

/** A date cell's e.oldValue is a serial number (days since 30 Dec 1899, wall-clock time). */
function oldText(kind: LogColumn['kind'], raw: string | undefined): string {
  if (raw === undefined) return '';
  if (kind === 'date' && /^-?\d+(\.\d+)?$/.test(raw.trim())) {
    return formatDayMonthYear(new Date(Math.round((Number(raw) - 25569) * 86_400_000)), 'UTC');
  }
  return raw;
}

export interface LogEditInput {
  kind: LogKind;
  headerRow: readonly unknown[];
  /** The edited rows as they are now, each read from column 1 across the header's width. */
  rows: readonly (readonly unknown[])[];
  /** 1-based columns of the edit. */
  firstColumn: number;
  numColumns: number;
  /** e.oldValue, for a single-cell edit only (Sheets gives none for a paste). */
  oldValue: string | undefined;
  single: boolean;
  who: string;
  now: Date;
  timeZone: string;
}

/**
 * One audit entry per edited cell of a log column: the row's incident, "Referrals: Agency", old and new
 * value. The old value is known for a single cell (the edit event's) and said not to be for a paste; a row
 * deleted whole fires no edit, which the note on the sheet's header says.
 */
export function planLogEdit(input: LogEditInput): AuditEntry[] {
  const positions = logPositions(input.headerRow, input.kind);
  const idAt = positions.get(ID_HEADER);
  const sheetName = LOG_SHEET_NAMES[input.kind];
  const last = input.firstColumn + input.numColumns - 1;
  const edited = LOG_COLUMNS[input.kind]
    .map((col) => ({ col, at: (positions.get(col.header) ?? -1) + 1 }))
    .filter((c) => c.at >= input.firstColumn && c.at <= last)
    .sort((a, b) => a.at - b.at);
  const entries: AuditEntry[] = [];
  for (const row of input.rows) {
    const id = idAt === undefined ? '' : cellText(row[idAt]).trim();
    for (const { col, at } of edited) {
      const now = row[at - 1];
      const newValue = isDateValue(now) ? cellText(now, input.timeZone) : cellText(now);
      const oldValue = input.single ? oldText(col.kind, input.oldValue) : NOT_KNOWN;
      if (input.single && oldValue === newValue) continue;
      entries.push({
        time: input.now,
        who: input.who,
        incidentId: id,
        column: `${sheetName}: ${col.header}`,
        oldValue,
        newValue,
        note: input.single ? '' : 'Pasted or filled with other cells: the old value is not known.',
      });
    }
  }
  return entries;
}

// ---- The register's "Referrals" column -----------------------------------------------------------------

/**
 * What the register's "Referrals" cell says of each incident with a referral: one line per referral in
 * date order, "Police 03/02/2026 ref 1234". `rows` is the Referrals sheet with its header first.
 */
export function referralsByIncident(
  rows: readonly (readonly unknown[])[],
  timeZone: string,
): Map<string, string> {
  const [header = [], ...body] = rows;
  const at = logPositions(header, 'referrals');
  const idAt = at.get(ID_HEADER);
  const agencyAt = at.get('Agency');
  const dateAt = at.get('Date referred');
  const refAt = at.get('Reference');
  if (idAt === undefined) return new Map();
  const lists = new Map<string, Array<{ when: number; line: string }>>();
  for (const row of body) {
    const id = cellText(row[idAt]).trim();
    if (id === '') continue;
    const agency = agencyAt === undefined ? '' : cellText(row[agencyAt]).trim();
    const date = dateAt === undefined ? null : cellDate(row[dateAt], timeZone);
    const ref = refAt === undefined ? '' : cellText(row[refAt]).trim();
    const line = [
      agency || 'Referral',
      date ? formatDayMonthYear(date, timeZone) : '',
      ref ? `ref ${ref}` : '',
    ]
      .filter((p) => p !== '')
      .join(' ');
    const list = lists.get(id) ?? [];
    list.push({ when: date ? date.getTime() : Number.MAX_SAFE_INTEGER, line });
    lists.set(id, list);
  }
  const out = new Map<string, string>();
  for (const [id, list] of lists) {
    const sorted = [...list].sort((a, b) => a.when - b.when);
    out.set(id, textCell(sorted.map((l) => l.line).join('\n')));
  }
  return out;
}

/**
 * The register's "Referrals" column made to agree with the Referrals sheet: `ids` and `current` are the
 * register's Incident ID and Referrals cells, row by row. Returns the whole column's new values, or null
 * when nothing changes (no write), and the referred incident IDs the register does not have.
 */
export function glanceColumn(
  ids: readonly unknown[],
  current: readonly unknown[],
  byIncident: ReadonlyMap<string, string>,
): { values: string[] | null; unknownIds: string[] } {
  const seen = new Set<string>();
  let changed = false;
  const values = ids.map((raw, i) => {
    const id = cellText(raw).trim();
    if (id !== '') seen.add(id);
    const want = id === '' ? cellText(current[i]) : (byIncident.get(id) ?? '');
    // A quote-prefixed cell reads back without its prefix: compare what a reader would see.
    if (want.replace(/^'/, '') !== cellText(current[i])) changed = true;
    return want;
  });
  const unknownIds = [...byIncident.keys()].filter((id) => !seen.has(id));
  return { values: changed ? values : null, unknownIds };
}
