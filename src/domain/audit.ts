/**
 * The audit trail of the DSL's workflow: which change to record for an edit of the register, the closing
 * rule, and a hash chain over the recorded rows so that a later change to the record can be detected.
 *
 * Pure: the SHA-256 is passed in as a function (Utilities.computeDigest in Apps Script, node:crypto in
 * tests), the sheet is read and written by the adapter.
 *
 * Each audit row's hash is SHA-256 over the previous row's hash and the row's own content, so changing a
 * row breaks its own hash, and deleting or inserting a row breaks the next one. The length of the trail and
 * its last hash are also kept outside the sheet (the anchor), so rows cut from the end are detected too.
 * Someone who can both edit the Audit sheet and recompute every later hash could rewrite the trail: the
 * chain makes tampering evident, it does not make it impossible.
 */
import type { CellValue, ColumnKind, RegisterKey } from './register';
import { columnPositions, registerColumns } from './register';
import { CELL_CHAR_LIMIT, QUOTE_PREFIX, cellText, fitToCell, formatDayMonthYear, isDateValue } from './cells';
import { localParts, startOfLocalDay, zoneOffsetMs } from './time';
import { redactionSeal, sealsListed, showsRedaction } from './redaction';

// ---- What is audited ------------------------------------------------------------------------------------

/**
 * The DSL's workflow columns. They were the first audited, so they keep the first snapshot slots (a snapshot
 * sheet written before every column was audited still lines up).
 */
export const WORKFLOW_AUDITED_KEYS = [
  'status',
  'severity',
  'assignedTo',
  'actions',
  'parentsContacted',
  'referral',
  'referralDate',
  'outcome',
  'rationale',
  'lessonsLearnt',
  'closedOn',
] as const satisfies readonly RegisterKey[];

/** Every register column is audited except Last updated (bookkeeping the audit itself writes). */
export type AuditedKey = Exclude<RegisterKey, 'lastUpdated'>;

/**
 * Columns the script itself rewrites as it works (the alert bookkeeping, written as alerts go out, which
 * fires no edit trigger). A person's edit of them is recorded like any other, against the value the audit
 * last saw (which the script may have moved on since: the row's note says so); the nightly check takes
 * their new values without recording them.
 */
export const SCRIPT_KEPT_KEYS: ReadonlySet<AuditedKey> = new Set<AuditedKey>([
  'alertStatus',
  'alertLog',
  // Kept from the Referrals sheet, whose edits are themselves on the trail (see domain/referrals).
  'referralsAtGlance',
]);

const WORKFLOW_KEYS: ReadonlySet<RegisterKey> = new Set<RegisterKey>(WORKFLOW_AUDITED_KEYS);

let auditedKeyList: readonly AuditedKey[] | null = null;

/**
 * The audited columns in snapshot-slot order: the workflow columns, then every other register column in
 * the register's order (reporter answers, identity, derived fields, alert bookkeeping).
 */
export function auditedKeys(): readonly AuditedKey[] {
  if (auditedKeyList) return auditedKeyList;
  const others = registerColumns()
    .map((c) => c.key)
    .filter((k): k is AuditedKey => k !== 'lastUpdated' && !WORKFLOW_KEYS.has(k));
  auditedKeyList = [...WORKFLOW_AUDITED_KEYS, ...others];
  return auditedKeyList;
}

export interface AuditedColumn {
  key: AuditedKey;
  header: string;
  /** 1-based column in the register, where its header is now. */
  column: number;
  kind: ColumnKind;
  /** Its place in auditedKeys(): the snapshot keeps it in column slot + 2 (after the Incident ID). */
  slot: number;
}

/**
 * Where the on-edit path finds what it needs in a register row: 1-based columns found by header text
 * (`columnPositions`), so a DSL's own column anywhere, or a register column moved, shifts nothing. A column
 * the header lacks is 0 (submitted, last updated) or left out (audited).
 */
export interface AuditLayout {
  /** Columns read per register row: 1 … the rightmost column the audit uses. */
  width: number;
  idColumn: number;
  submittedColumn: number;
  lastUpdatedColumn: number;
  /** The audited columns the header has, left to right as they are on the sheet. */
  audited: AuditedColumn[];
  /** The span of the audited columns (0 when there is none); a DSL's columns inside it are read, not used. */
  firstAuditedColumn: number;
  lastAuditedColumn: number;
}

/** The audited columns' definitions, in auditedKeys() order (worked out on first use). */
let auditedDefinitions: ReadonlyArray<{ key: AuditedKey; header: string; kind: ColumnKind }> | null = null;

function auditedColumnDefinitions(): ReadonlyArray<{ key: AuditedKey; header: string; kind: ColumnKind }> {
  if (auditedDefinitions) return auditedDefinitions;
  const columns = registerColumns();
  auditedDefinitions = auditedKeys().map((key) => {
    const col = columns.find((c) => c.key === key);
    if (!col) throw new Error(`No register column ${key}`);
    return { key, header: col.header, kind: col.kind };
  });
  return auditedDefinitions;
}

/**
 * The audit's layout under the register's header row (as read from the sheet), or null when the header has
 * no Incident ID column (no change can then be tied to an incident).
 */
export function auditLayout(headerRow: readonly unknown[]): AuditLayout | null {
  const positions = columnPositions(headerRow);
  const at = (key: RegisterKey): number => {
    const index = positions.get(key);
    return index === undefined ? 0 : index + 1;
  };
  const idColumn = at('incidentId');
  if (idColumn === 0) return null;
  const audited = auditedColumnDefinitions()
    .map((def, slot) => ({ ...def, column: at(def.key), slot }))
    .filter((a) => a.column > 0)
    .sort((a, b) => a.column - b.column);
  const auditedPositions = audited.map((a) => a.column);
  const submittedColumn = at('submittedAt');
  const lastUpdatedColumn = at('lastUpdated');
  return {
    width: Math.max(idColumn, submittedColumn, lastUpdatedColumn, ...auditedPositions),
    idColumn,
    submittedColumn,
    lastUpdatedColumn,
    audited,
    firstAuditedColumn: audited.length > 0 ? Math.min(...auditedPositions) : 0,
    lastAuditedColumn: audited.length > 0 ? Math.max(...auditedPositions) : 0,
  };
}

/** The audited columns an edit of columns [first, first + count) touches, left to right. */
export function auditedColumnsIn(
  layout: AuditLayout,
  firstColumn: number,
  numColumns: number,
): AuditedColumn[] {
  const last = firstColumn + numColumns - 1;
  return layout.audited.filter((a) => a.column >= firstColumn && a.column <= last);
}

// ---- The Audit sheet's rows and their hash chain ----------------------------------------------------------

/**
 * The Audit sheet's columns. "Time as hashed" (added after the hash, so a trail written before it keeps
 * its columns) holds the time as text: the wall-clock time in the spreadsheet's time zone when the row was
 * written, with that zone's offset, e.g. 2026-09-07T11:00:00+01:00. The hash covers that text, never the
 * date cell: Sheets stores a date cell as a wall-clock serial and reads it back in the spreadsheet's current
 * zone, so after File › Settings › Time zone changes, the Time cell reads as another instant although no one
 * touched it. The Time cell is still checked: it must show the wall-clock time the text records.
 */
export const AUDIT_HEADERS = [
  'Time',
  'Who',
  'Incident ID',
  'Column',
  'Old value',
  'New value',
  'Note',
  'Hash (SHA-256, chained)',
  'Time as hashed',
] as const;

/** 0-based position of "Time as hashed" in an Audit row. */
const TIME_TEXT_INDEX = 8;

export interface AuditEntry {
  time: Date;
  /** The email of the person who made the change. */
  who: string;
  incidentId: string;
  /** The register column's header. */
  column: string;
  oldValue: string;
  newValue: string;
  /** Why the row is special: a refused change, a date set by the system, an old value not known. */
  note: string;
}

/** SHA-256 of a text's UTF-8 bytes, as bytes (Apps Script gives signed bytes; either sign works). */
export type Digest = (text: string) => ArrayLike<number>;

/** The "previous hash" of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The length of the trail and its last hash, kept outside the sheet. */
export interface AuditAnchor {
  entries: number;
  lastHash: string;
}

export const EMPTY_ANCHOR: AuditAnchor = { entries: 0, lastHash: GENESIS_HASH };

export function toHex(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += ((bytes[i] ?? 0) & 0xff).toString(16).padStart(2, '0');
  return out;
}

/** Times are recorded to the second: what a sheet stores and gives back exactly. */
function wholeSecond(time: Date): Date {
  return new Date(Math.floor(time.getTime() / 1000) * 1000);
}

/** A text as the Audit sheet stores it (cut to fit a cell with room for the quote prefix). */
function stored(text: string): string {
  return fitToCell(text, CELL_CHAR_LIMIT - QUOTE_PREFIX.length);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The wall-clock time of an instant in a zone, to the second: 2026-09-07T11:00:00. */
export function wallClockText(time: Date, timeZone: string): string {
  const p = localParts(time, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** "Time as hashed": the wall-clock time in the zone and the zone's offset then, e.g. 2026-09-07T11:00:00+01:00. */
export function recordedTimeText(time: Date, timeZone: string): string {
  const at = wholeSecond(time);
  const offsetMinutes = Math.round(zoneOffsetMs(at, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wallClockText(at, timeZone)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const RECORDED_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})[+-]\d{2}:\d{2}$/;

/**
 * The exact text a row's hash is computed over: the previous hash, the time and every recorded field. The
 * time is "Time as hashed" for a row that has it; a row written before that column existed (the old
 * format) was hashed over the instant its date cell gave, in UTC ISO form.
 */
export function hashedContent(previousHash: string, entry: AuditEntry, timeText?: string): string {
  return JSON.stringify([
    previousHash,
    timeText ?? wholeSecond(entry.time).toISOString(),
    entry.who,
    entry.incidentId,
    entry.column,
    entry.oldValue,
    entry.newValue,
    entry.note,
  ]);
}

export function chainHash(
  previousHash: string,
  entry: AuditEntry,
  digest: Digest,
  timeText?: string,
): string {
  return toHex(digest(hashedContent(previousHash, entry, timeText)));
}

/** Text written so Sheets keeps it as typed (never a formula, number or date). */
function textValue(text: string): string {
  return text === '' ? '' : QUOTE_PREFIX + text;
}

/**
 * The Audit sheet rows for new entries, chained on from `previousHash`, and the new last hash. Texts are
 * stored cut to fit a cell, and the hash covers exactly what is stored. `timeZone` is the spreadsheet's
 * (the zone the Time cell is stored in).
 */
export function sealEntries(
  previousHash: string,
  entries: readonly AuditEntry[],
  digest: Digest,
  timeZone = 'UTC',
): { rows: CellValue[][]; lastHash: string } {
  let hash = previousHash;
  const rows = entries.map((raw) => {
    const entry: AuditEntry = {
      time: wholeSecond(raw.time),
      who: stored(raw.who),
      incidentId: stored(raw.incidentId),
      column: stored(raw.column),
      oldValue: stored(raw.oldValue),
      newValue: stored(raw.newValue),
      note: stored(raw.note),
    };
    const timeText = recordedTimeText(entry.time, timeZone);
    hash = chainHash(hash, entry, digest, timeText);
    return [
      entry.time,
      textValue(entry.who),
      textValue(entry.incidentId),
      textValue(entry.column),
      textValue(entry.oldValue),
      textValue(entry.newValue),
      textValue(entry.note),
      textValue(hash),
      textValue(timeText),
    ];
  });
  return { rows, lastHash: hash };
}

/** An audit row read back from the sheet (values as getValues gives them). */
function entryOfRow(row: readonly unknown[]): { entry: AuditEntry; hash: string; timeText: string } | null {
  const time = row[0];
  if (!isDateValue(time)) return null;
  const text = (i: number): string => cellText(row[i]);
  return {
    entry: {
      time,
      who: text(1),
      incidentId: text(2),
      column: text(3),
      oldValue: text(4),
      newValue: text(5),
      note: text(6),
    },
    hash: text(7),
    timeText: text(TIME_TEXT_INDEX).trim(),
  };
}

export type Verification =
  | {
      intact: true;
      entries: number;
      /** The last row's hash (the genesis hash when there is no row): what the weekly anchor email gives. */
      head: string;
      /** Whether the anchor (script properties) was there to check the trail's length and end against. */
      anchored: boolean;
      /** Rows written before "Time as hashed" existed: checked as written (see checkAuditChain). */
      oldFormat: number;
      /** Rows whose text was removed under the retention policy, checked by their seals. */
      redacted?: number;
    }
  | {
      intact: false;
      /** The sheet row where the chain first breaks. */
      row: number;
      problem: string;
      /** Rows of the old format read before the break (the message explains what that means). */
      oldFormat?: number;
    };

/**
 * Checks the Audit sheet's rows below the header (`body`, the first at sheet row `firstRow`): each row's
 * hash against its content and the row above, then the trail's length and end against the anchor.
 *
 * A row with "Time as hashed" is checked against that text, and its Time cell must show the same wall-clock
 * time in the spreadsheet's zone now (`timeZone`): a change of the spreadsheet's time zone keeps both. A row
 * of the old format (no "Time as hashed") is checked as it was written: against the instant its Time cell
 * reads as now. It is still checkable while the spreadsheet's time zone is the one it was written in; after a
 * change of zone it reads as broken, and the caller says so.
 */
export function checkAuditChain(
  body: readonly (readonly unknown[])[],
  digest: Digest,
  anchor: AuditAnchor | null,
  firstRow = 2,
  timeZone = 'UTC',
): Verification {
  let previous = GENESIS_HASH;
  let oldFormat = 0;
  let redacted = 0;
  // A row whose text was removed under the retention policy is checked by its seal (domain/redaction.ts):
  // listed by a redaction record further down the chain, its stored hash stays the link to the next row.
  let seals: Map<string, number> | null = null;
  const sealed = (i: number, hash: string): boolean => {
    const cells = body[i] ?? [];
    if (!showsRedaction(cells)) return false;
    seals ??= sealsListed(body);
    const at = seals.get(redactionSeal(cells, digest));
    if (at === undefined || at <= i || !/^[0-9a-f]{64}$/.test(hash)) return false;
    redacted += 1;
    return true;
  };
  for (let i = 0; i < body.length; i++) {
    const row = firstRow + i;
    const read = entryOfRow(body[i] ?? []);
    if (!read) {
      return {
        intact: false,
        row,
        problem: `Row ${row} is not an audit record (its time is missing or changed).`,
        oldFormat,
      };
    }
    if (read.timeText === '') {
      oldFormat += 1;
      if (chainHash(previous, read.entry, digest) !== read.hash && !sealed(i, read.hash)) {
        return {
          intact: false,
          row,
          problem:
            `Row ${row} does not match its hash: the row was changed, or a row just above it was removed or inserted. ` +
            `It is in the old format (written before the audit trail kept its time as text), whose hash covers the time as the spreadsheet reads it now: ` +
            `if the spreadsheet's time zone was changed (File › Settings) since it was written, an old-format row reads as broken although nobody changed it.`,
          oldFormat,
        };
      }
    } else {
      const recorded = RECORDED_TIME.exec(read.timeText);
      if (!recorded || wallClockText(read.entry.time, timeZone) !== recorded[1]) {
        return {
          intact: false,
          row,
          problem: `Row ${row}'s Time does not show the time recorded as hashed beside it (${read.timeText}): the Time cell or the recorded time was changed.`,
          oldFormat,
        };
      }
      if (chainHash(previous, read.entry, digest, read.timeText) !== read.hash && !sealed(i, read.hash)) {
        return {
          intact: false,
          row,
          problem: `Row ${row} does not match its hash: the row was changed, or a row just above it was removed or inserted.`,
          oldFormat,
        };
      }
    }
    previous = read.hash;
  }
  const intact = {
    intact: true,
    entries: body.length,
    head: previous,
    oldFormat,
    ...(redacted > 0 ? { redacted } : {}),
  } as const;
  if (!anchor) return { ...intact, anchored: false };
  if (anchor.entries > body.length) {
    const missing = anchor.entries - body.length;
    return {
      intact: false,
      row: firstRow + body.length,
      problem: `${missing} recorded change${missing === 1 ? ' is' : 's are'} missing from the end of the trail (${anchor.entries} were recorded, ${body.length} are on the sheet).`,
      oldFormat,
    };
  }
  if (anchor.entries < body.length) {
    return {
      intact: false,
      row: firstRow + anchor.entries,
      problem: `The rows from row ${firstRow + anchor.entries} on were not written by the audit trail (${anchor.entries} changes were recorded, ${body.length} rows are on the sheet).`,
      oldFormat,
    };
  }
  if (previous !== anchor.lastHash) {
    return {
      intact: false,
      row: firstRow + body.length - 1,
      problem:
        'The trail was rewritten: its last hash is not the one recorded when the last change was made.',
      oldFormat,
    };
  }
  return { ...intact, anchored: true };
}

/** The anchor as stored (JSON); anything unreadable is treated as no anchor. */
export function parseAnchor(text: string | null | undefined): AuditAnchor | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<AuditAnchor> | null;
    if (
      value &&
      typeof value.entries === 'number' &&
      Number.isInteger(value.entries) &&
      value.entries >= 0 &&
      typeof value.lastHash === 'string' &&
      /^[0-9a-f]{64}$/.test(value.lastHash)
    ) {
      return { entries: value.entries, lastHash: value.lastHash };
    }
  } catch {
    // Falls through: unreadable.
  }
  return null;
}

// ---- Planning what an edit records and changes -----------------------------------------------------------

/**
 * The register's workflow values for one incident, as last seen by the audit (the "snapshot"). Its columns
 * are fixed (Incident ID, then the audited columns' headers in auditedKeys() order), whatever the register's
 * layout. It holds every audited column of the row (report text included): it lives, hidden and protected,
 * in the same file as the rows it mirrors, so it has the same readers.
 */
export const snapshotHeaders = (): string[] => [
  'Incident ID',
  ...auditedColumnDefinitions().map((a) => a.header),
];

/** A snapshot row with nothing in it (a register row without an incident). */
const blankSnapshot = (): CellValue[] => ['', ...auditedKeys().map(() => '')];

/** What a column held before the edit. */
export type OldValue =
  { kind: 'cell'; value: unknown } | { kind: 'text'; text: string } | { kind: 'unknown' };

export const NOT_KNOWN = '(not known)';

/**
 * The workflow a new incident starts with (see newIncident): Status New, everything else empty. The other
 * columns hold what the form wrote, which the audit never saw: undefined (not known).
 */
function intakeValue(key: AuditedKey): unknown {
  if (!WORKFLOW_KEYS.has(key)) return undefined;
  return key === 'status' ? 'New' : '';
}

export interface EditInput {
  /** Where the register's columns are, from its header row as it is now. */
  layout: AuditLayout;
  /** Sheet row of the first edited row (2 or more: the header is never audited). */
  firstRow: number;
  firstColumn: number;
  numColumns: number;
  /** The edited rows after the edit, columns 1 … layout.width, as getValues gives them. */
  rows: readonly (readonly unknown[])[];
  /** The snapshot rows for the same sheet rows (Incident ID then the audited columns); undefined if none. */
  snapshots: ReadonlyArray<readonly unknown[] | undefined>;
  /** For a one-cell edit: the event's oldValue (undefined when the cell was empty), as Sheets passes it. */
  eventOldValue?: string | undefined;
  who: string;
  now: Date;
  /** The spreadsheet's time zone; asked for only when a date has to be shown or set. */
  timeZone: () => string;
}

export interface CellWrite {
  /** Index of the edited row (0 = firstRow). */
  offset: number;
  /** 1-based register column. */
  column: number;
  value: CellValue;
}

export interface EditPlan {
  entries: AuditEntry[];
  /** Register cells to write: refused changes put back, Closed on, Last updated. */
  writes: CellWrite[];
  /** The snapshot rows after the edit, one per edited row, ready to write. */
  snapshots: CellValue[][];
  /** What to tell the person who made the edit. */
  messages: string[];
}

const isClosed = (value: unknown): boolean =>
  typeof value === 'string' && value.trim().toLowerCase() === 'closed';
const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || cellText(value).trim() === '';

/** An incident ID cell as text. */
function idOf(value: unknown): string {
  return cellText(value).trim();
}

/** A row that has not changed since the form put it in: Last updated is still the submission time. */
function freshFromIntake(row: readonly unknown[], layout: AuditLayout): boolean {
  if (layout.submittedColumn === 0 || layout.lastUpdatedColumn === 0) return false;
  const submitted = row[layout.submittedColumn - 1];
  const updated = row[layout.lastUpdatedColumn - 1];
  return isDateValue(submitted) && isDateValue(updated) && submitted.getTime() === updated.getTime();
}

/**
 * Whether the snapshot rows can be trusted for these register rows: each incident's snapshot is on its row,
 * or (blank) the incident has not changed since it came in. Otherwise the register was sorted, or rows
 * were inserted or deleted, since the audit last saw it: the adapter looks the incidents up by ID instead.
 */
export function snapshotsAligned(
  layout: AuditLayout,
  rows: readonly (readonly unknown[])[],
  snapshots: ReadonlyArray<readonly unknown[] | undefined>,
): boolean {
  return rows.every((row, i) => {
    const id = idOf(row[layout.idColumn - 1]);
    if (id === '') return true;
    const snapshotId = idOf(snapshots[i]?.[0]);
    return snapshotId === id || (snapshotId === '' && freshFromIntake(row, layout));
  });
}

/** A date cell's e.oldValue is a serial number (days since 30 Dec 1899, wall-clock time): shown as a date. */
function eventText(kind: ColumnKind, raw: string | undefined): string {
  if (raw === undefined) return '';
  if ((kind === 'date' || kind === 'dateTime') && /^-?\d+(\.\d+)?$/.test(raw.trim())) {
    const wallMs = Math.round((Number(raw) - 25569) * 86_400_000);
    return formatDayMonthYear(new Date(wallMs), 'UTC');
  }
  return raw;
}

/** A snapshot cell ready to write: text quote-prefixed so it is kept exactly. */
function snapshotCell(value: unknown): CellValue {
  if (isDateValue(value) || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined || value === null) return '';
  return textValue(String(value));
}

export function planEdit(input: EditInput): EditPlan {
  const layout = input.layout;
  const edited = auditedColumnsIn(layout, input.firstColumn, input.numColumns);
  const single = input.rows.length === 1 && input.numColumns === 1;
  let zone: string | null = null;
  const timeZone = (): string => (zone ??= input.timeZone());
  const show = (value: unknown): string =>
    isDateValue(value) ? cellText(value, timeZone()) : cellText(value);
  const same = (old: OldValue, now: unknown): boolean => {
    if (old.kind === 'unknown') return false;
    if (old.kind === 'text') return old.text === show(now);
    if (isDateValue(old.value) || isDateValue(now)) {
      return isDateValue(old.value) && isDateValue(now) && old.value.getTime() === now.getTime();
    }
    return cellText(old.value) === cellText(now);
  };
  const oldText = (old: OldValue): string =>
    old.kind === 'unknown' ? NOT_KNOWN : old.kind === 'text' ? old.text : show(old.value);

  const plan: EditPlan = { entries: [], writes: [], snapshots: [], messages: [] };
  // Closed on may be missing from the header (deleted or renamed by hand): closing then sets nothing there.
  const closedOnColumn = layout.audited.find((a) => a.key === 'closedOn');

  input.rows.forEach((row, offset) => {
    const id = idOf(row[layout.idColumn - 1]);
    if (id === '') {
      plan.snapshots.push(blankSnapshot());
      return;
    }
    const snapshot = input.snapshots[offset];
    const aligned = idOf(snapshot?.[0]) === id;
    const fresh = !aligned && idOf(snapshot?.[0]) === '' && freshFromIntake(row, layout);
    const oldOf = (a: AuditedColumn): OldValue => {
      if (aligned) return { kind: 'cell', value: snapshot?.[a.slot + 1] ?? '' };
      const intake = fresh ? intakeValue(a.key) : undefined;
      if (intake !== undefined) return { kind: 'cell', value: intake };
      if (single) return { kind: 'text', text: eventText(a.kind, input.eventOldValue) };
      return { kind: 'unknown' };
    };
    // The row's workflow after this edit, as the register and the snapshot will hold it (only the columns
    // the header has: an Outcome column renamed away counts as empty for the closing rule).
    const after = new Map<AuditedKey, unknown>(layout.audited.map((a) => [a.key, row[a.column - 1] ?? '']));
    const entry = (column: string, oldValue: string, newValue: string, note = ''): void => {
      plan.entries.push({
        time: input.now,
        who: input.who,
        incidentId: id,
        column,
        oldValue,
        newValue,
        note,
      });
    };
    let changed = false;
    // Columns the system has already set for this row in this edit (Closed on when closing).
    const setBySystem = new Set<AuditedKey>();

    for (const a of edited) {
      if (setBySystem.has(a.key)) continue;
      const old = oldOf(a);
      const now = row[a.column - 1] ?? '';
      if (same(old, now)) continue;
      const note =
        old.kind === 'unknown'
          ? 'The value before this change is not known to the audit trail.'
          : SCRIPT_KEPT_KEYS.has(a.key)
            ? 'The script also writes this column as alerts go out: the old value is the one the audit last saw.'
            : '';

      if (a.key === 'status' && isClosed(now) && !(old.kind !== 'unknown' && isClosed(oldValueOf(old)))) {
        const missing = [
          isBlank(after.get('outcome')) ? 'Outcome' : '',
          isBlank(after.get('rationale')) ? 'Rationale' : '',
        ].filter((m) => m !== '');
        if (missing.length > 0) {
          // Put back exactly what was there; a guess only when the audit never saw it.
          const putBack = old.kind === 'unknown' ? 'In progress' : show(oldValueOf(old));
          after.set('status', putBack);
          plan.writes.push({ offset, column: a.column, value: putBack });
          const needs = missing.join(' and ');
          const shown = putBack === '' ? 'empty' : `"${putBack}"`;
          entry(
            a.header,
            oldText(old),
            show(now),
            `Not saved: an incident is closed only with an Outcome and a Rationale (${needs} empty). Status put back to ${shown}.`,
          );
          plan.messages.push(
            `${id} was not closed: fill in ${needs} first, then set Status to Closed. Status is back to ${shown}.`,
          );
          continue;
        }
        changed = true;
        entry(a.header, oldText(old), show(now), note);
        if (closedOnColumn && isBlank(after.get('closedOn'))) {
          const before = edited.includes(closedOnColumn) ? oldText(oldOf(closedOnColumn)) : '';
          const today = startOfLocalDay(input.now, timeZone());
          after.set('closedOn', today);
          setBySystem.add('closedOn');
          plan.writes.push({ offset, column: closedOnColumn.column, value: today });
          entry(closedOnColumn.header, before, show(today), 'Set when the incident was closed.');
        }
        continue;
      }

      if (a.key === 'status' && !isClosed(now) && old.kind !== 'unknown' && isClosed(oldValueOf(old))) {
        changed = true;
        entry(a.header, oldText(old), show(now), note);
        if (closedOnColumn && !edited.includes(closedOnColumn) && !isBlank(after.get('closedOn'))) {
          const was = show(after.get('closedOn'));
          after.set('closedOn', '');
          plan.writes.push({ offset, column: closedOnColumn.column, value: '' });
          entry(closedOnColumn.header, was, '', 'Cleared when the incident was reopened.');
        }
        continue;
      }

      if ((a.key === 'outcome' || a.key === 'rationale') && isClosed(after.get('status')) && isBlank(now)) {
        if (old.kind !== 'unknown' && !isBlank(oldValueOf(old))) {
          const restored = oldValueOf(old);
          after.set(a.key, restored);
          plan.writes.push({ offset, column: a.column, value: snapshotCell(restored) });
          entry(
            a.header,
            oldText(old),
            '',
            `Not saved: a closed incident keeps its ${a.header.split(' (')[0]}. The text was put back.`,
          );
          plan.messages.push(
            `${id} is closed, so its ${a.header.split(' (')[0]} cannot be emptied: the text was put back. Reopen the incident first to change it.`,
          );
          continue;
        }
      }

      changed = true;
      entry(a.header, oldText(old), show(now), note);
    }

    if (changed && layout.lastUpdatedColumn > 0) {
      plan.writes.push({ offset, column: layout.lastUpdatedColumn, value: input.now });
    }
    // A column the header lacks keeps what the snapshot had for it, so nothing is lost if it comes back.
    plan.snapshots.push([
      textValue(id),
      ...auditedKeys().map((key, slot) =>
        snapshotCell(after.has(key) ? after.get(key) : aligned ? snapshot?.[slot + 1] : ''),
      ),
    ]);
  });
  return plan;
}

/** The value an old value stands for (text as is). */
function oldValueOf(old: OldValue): unknown {
  if (old.kind === 'cell') return old.value;
  if (old.kind === 'text') return old.text;
  return '';
}

/** The snapshot rows for the whole register (each row's Incident ID and audited values), ready to write. */
export function snapshotOfRegister(
  layout: AuditLayout,
  ids: readonly (readonly unknown[])[],
  block: readonly (readonly unknown[])[],
): CellValue[][] {
  const columnOf = new Map<AuditedKey, number>(layout.audited.map((a) => [a.key, a.column]));
  return ids.map((idRow, i) => {
    const id = idOf(idRow[0]);
    if (id === '') return blankSnapshot();
    // `block` holds columns firstAuditedColumn … lastAuditedColumn of the same rows.
    const values = block[i] ?? [];
    return [
      textValue(id),
      ...auditedKeys().map((key) => {
        const column = columnOf.get(key);
        return column === undefined ? '' : snapshotCell(values[column - layout.firstAuditedColumn]);
      }),
    ];
  });
}

/** Snapshot rows looked up by incident ID (the first row wins when an ID is there twice). */
export function snapshotsById(rows: readonly (readonly unknown[])[]): Map<string, readonly unknown[]> {
  const byId = new Map<string, readonly unknown[]>();
  for (const row of rows) {
    const id = idOf(row[0]);
    if (id !== '' && !byId.has(id)) byId.set(id, row);
  }
  return byId;
}

// ---- The nightly comparison of the register with the snapshot --------------------------------------------

/** Who is recorded for a change the audit found afterwards, not as it was made. */
export const WHO_NOT_KNOWN = '(not known)';

/** An incident whose row has gone from the register, with its values as the audit last saw them. */
export interface DeletedIncident {
  incidentId: string;
  /** The audited columns' last known values (every register column but Last updated). */
  values: Partial<Record<AuditedKey, unknown>>;
}

export interface RegisterCheckInput {
  layout: AuditLayout;
  /** The register's Incident ID column, one row per data row (as getValues gives it). */
  ids: readonly (readonly unknown[])[];
  /** The same rows' columns firstAuditedColumn … lastAuditedColumn. */
  block: readonly (readonly unknown[])[];
  /** Every snapshot row below the header. */
  snapshots: readonly (readonly unknown[])[];
  now: Date;
  timeZone: string;
  /** Where the finding was made, for the note: "the nightly check", "an edit of the register". */
  foundBy: string;
  /** Compare the rows still there with their snapshot (the nightly check does; an edit does not). */
  compareValues: boolean;
}

export interface RegisterCheck {
  entries: AuditEntry[];
  deleted: DeletedIncident[];
  /** The snapshot of the register as it is now, ready to write in place of the old one. */
  snapshot: CellValue[][];
}

/** A deleted incident's last known values as text for the audit row: "Header: value" lines. */
function describeDeleted(values: Partial<Record<AuditedKey, unknown>>, timeZone: string): string {
  const lines: string[] = [];
  for (const def of auditedColumnDefinitions()) {
    if (def.key === 'incidentId') continue;
    const value = values[def.key];
    const text = isDateValue(value) ? cellText(value, timeZone) : cellText(value);
    if (text.trim() !== '') lines.push(`${def.header}: ${text}`);
  }
  return lines.join('\n');
}

const sameCell = (a: unknown, b: unknown): boolean => {
  if (isDateValue(a) || isDateValue(b))
    return isDateValue(a) && isDateValue(b) && a.getTime() === b.getTime();
  return cellText(a) === cellText(b);
};

/**
 * Compares the register with the audit's snapshot. An incident the snapshot has and the register no longer
 * has was deleted (Sheets fires no edit trigger for a deleted row): it is recorded with what the snapshot
 * last held, and returned so its row can be put back. With `compareValues`, a cell that differs from the
 * snapshot was changed without the edit trigger seeing it (by a script, or while the trigger was missing):
 * it is recorded too, without a name. Rows the snapshot never saw (new from the form) are taken as they are.
 */
export function planRegisterCheck(input: RegisterCheckInput): RegisterCheck {
  const { layout, timeZone } = input;
  const keys = auditedKeys();
  const present = new Set(input.ids.map((r) => idOf(r[0])).filter((id) => id !== ''));
  const byId = snapshotsById(input.snapshots);
  const entries: AuditEntry[] = [];
  const deleted: DeletedIncident[] = [];
  const entry = (
    incidentId: string,
    column: string,
    oldValue: string,
    newValue: string,
    note: string,
  ): void => {
    entries.push({ time: input.now, who: WHO_NOT_KNOWN, incidentId, column, oldValue, newValue, note });
  };
  for (const [id, snap] of byId) {
    if (present.has(id)) continue;
    const values: Partial<Record<AuditedKey, unknown>> = {};
    keys.forEach((key, slot) => {
      values[key] = snap[slot + 1] ?? '';
    });
    values.incidentId = id;
    deleted.push({ incidentId: id, values });
    entry(
      id,
      '(whole row)',
      describeDeleted(values, timeZone),
      '(row deleted)',
      `Found by ${input.foundBy}: this incident's row is no longer in the register. Who deleted it is not known to the audit trail; the old value is the row as the audit last saw it.`,
    );
  }
  if (input.compareValues) {
    const seen = new Set<string>();
    input.ids.forEach((idRow, i) => {
      const id = idOf(idRow[0]);
      if (id === '' || seen.has(id)) return;
      seen.add(id);
      const snap = byId.get(id);
      if (!snap) return;
      const values = input.block[i] ?? [];
      for (const a of layout.audited) {
        if (SCRIPT_KEPT_KEYS.has(a.key) || a.key === 'incidentId') continue;
        const was = snap[a.slot + 1] ?? '';
        const now = values[a.column - layout.firstAuditedColumn] ?? '';
        if (sameCell(was, now)) continue;
        const show = (v: unknown): string => (isDateValue(v) ? cellText(v, timeZone) : cellText(v));
        entry(
          id,
          a.header,
          show(was),
          show(now),
          `Found by ${input.foundBy}: changed without the audit trail seeing the edit (by a script, or while its trigger was missing); who changed it is not known.`,
        );
      }
    });
  }
  return { entries, deleted, snapshot: snapshotOfRegister(layout, input.ids, input.block) };
}
