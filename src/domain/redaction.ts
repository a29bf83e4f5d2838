/**
 * Redaction of an audit trail's copies of a deleted record's text, keeping the trail verifiable.
 *
 * Why this design: each audit row's hash covers the row's own text (domain/audit.ts), so a row whose old
 * or new value is wiped can no longer be recomputed. Rather than change how rows are hashed (every trail
 * already written would need a second format), a redaction is itself recorded on the chain:
 *
 * 1. Each redacted row keeps its stored hash, its time, who, incident, column and note; its Old value and
 *    New value cells (where not empty) are replaced by REDACTED_MARKER.
 * 2. A "seal" is worked out for the row as it now stands: SHA-256 over its stored hash and every cell left
 *    (the same time text the chain uses). The seals are written, in the order of the rows, into a redaction
 *    record appended to the end of the chain (Column REDACTION_COLUMN) — an ordinary chained row.
 * 3. Verify checks a row against its own hash first; a row that fails it and shows the marker passes only
 *    if its seal is listed by a redaction record further down. Its stored hash is still the link the next
 *    row's hash was computed over, so a changed hash breaks the next row; a change to anything left in the
 *    row breaks its seal; and the list of seals is itself chained, so it cannot be edited unseen.
 *
 * What is lost is exactly the redacted text: nobody can check afterwards what it said, which is the point.
 * Works the same for rows of either format (with or without "Time as hashed").
 */
import { cellText, isDateValue } from './cells';

/** What a redacted Old value / New value cell holds. */
export const REDACTED_MARKER = '[removed under the retention policy]';

/** The Column of the chained row that lists the seals of the rows it redacted. */
export const REDACTION_COLUMN = '(redaction)';

/** Seals per redaction record: 64 hex characters and a space each, well inside a cell's 50,000. */
export const SEALS_PER_RECORD = 500;

type Digest = (text: string) => ArrayLike<number>;

function hex(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += ((bytes[i] ?? 0) & 0xff).toString(16).padStart(2, '0');
  return out;
}

/** The time text a row was chained over: "Time as hashed", or (old format) the Time cell as UTC ISO. */
function timeTextOf(row: readonly unknown[]): string {
  const text = cellText(row[8]).trim();
  if (text !== '') return text;
  const time = row[0];
  return isDateValue(time) ? new Date(Math.floor(time.getTime() / 1000) * 1000).toISOString() : '';
}

/** The seal of an audit row as it stands (cells as getValues gives them). */
export function redactionSeal(row: readonly unknown[], digest: Digest): string {
  const text = (i: number): string => cellText(row[i]);
  return hex(
    digest(
      JSON.stringify([
        'redacted',
        text(7),
        timeTextOf(row),
        text(1),
        text(2),
        text(3),
        text(4),
        text(5),
        text(6),
      ]),
    ),
  );
}

/** Whether a row shows the marker in Old value or New value. */
export function showsRedaction(row: readonly unknown[]): boolean {
  return cellText(row[4]) === REDACTED_MARKER || cellText(row[5]) === REDACTED_MARKER;
}

/** Seal → the 0-based body index of the redaction record that lists it. */
export function sealsListed(body: readonly (readonly unknown[])[]): Map<string, number> {
  const out = new Map<string, number>();
  body.forEach((row, i) => {
    if (cellText(row[3]) !== REDACTION_COLUMN) return;
    for (const seal of cellText(row[6]).match(/\b[0-9a-f]{64}\b/g) ?? [])
      if (!out.has(seal)) out.set(seal, i);
  });
  return out;
}

export interface RedactionPlan {
  /** 0-based body indexes of the rows to change, with their new Old value and New value cells. */
  cells: Array<{ index: number; oldValue: string; newValue: string }>;
  /** The seals of the rows as they will stand, in the same order. */
  seals: string[];
}

/**
 * The audit rows of one incident that hold text (Old value or New value), and what they become. Rows
 * already redacted, and the trail's own redaction records, are left as they are.
 */
export function planRedaction(
  body: readonly (readonly unknown[])[],
  incidentId: string,
  digest: Digest,
): RedactionPlan {
  const plan: RedactionPlan = { cells: [], seals: [] };
  body.forEach((row, index) => {
    if (cellText(row[2]) !== incidentId || cellText(row[3]) === REDACTION_COLUMN) return;
    const oldText = cellText(row[4]);
    const newText = cellText(row[5]);
    if (oldText === '' && newText === '') return;
    if (oldText === REDACTED_MARKER || newText === REDACTED_MARKER) return;
    const oldValue = oldText === '' ? '' : REDACTED_MARKER;
    const newValue = newText === '' ? '' : REDACTED_MARKER;
    const after = [...row];
    after[4] = oldValue;
    after[5] = newValue;
    plan.cells.push({ index, oldValue, newValue });
    plan.seals.push(redactionSeal(after, digest));
  });
  return plan;
}

/** The notes of the redaction records for a plan's seals (one per SEALS_PER_RECORD). */
export function redactionNotes(seals: readonly string[]): string[] {
  const notes: string[] = [];
  for (let i = 0; i < seals.length; i += SEALS_PER_RECORD) {
    notes.push(`Seals of the redacted rows: ${seals.slice(i, i + SEALS_PER_RECORD).join(' ')}`);
  }
  return notes;
}
