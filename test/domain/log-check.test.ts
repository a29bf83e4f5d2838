/**
 * The nightly comparison of a log sheet with its snapshot (domain/log-check): which rows it calls deleted.
 * Log rows have no ID of their own, so an edited row must not be taken for a deleted one, nor a row replaced
 * by another of the same incident for an edit.
 */
import { describe, expect, it } from '@jest/globals';
import {
  logRowsAsText,
  logStateOf,
  logStateRows,
  NOT_IN_REGISTER,
  planLogCheck,
} from '../../src/domain/log-check';

const HEADER = ['Incident ID', 'Agency', 'Date referred', 'Reference', 'Outcome', 'Made by'];
const at = new Date('2026-03-01T01:00:00Z');

/** What Sheets gives back for a quote-prefixed text: the text without its quote. */
const asStored = (rows: string[][]): string[][] => rows.map((r) => r.map((c) => c.replace(/^'/, '')));

function deleted(before: unknown[][], after: unknown[][]): string[] {
  const snapshot = logStateOf(
    'referrals',
    asStored(logStateRows('referrals', logRowsAsText('referrals', [HEADER, ...before], 'UTC'))),
  );
  const current = logRowsAsText('referrals', [HEADER, ...after], 'UTC');
  return planLogCheck({ kind: 'referrals', snapshot, current, now: at, foundBy: 'the nightly check' }).map(
    (e) => `${e.incidentId} ${e.oldValue.replace(/\n/g, '; ')}`,
  );
}

const police = ['OSI-0001', 'Police', new Date('2026-02-03T00:00:00Z'), 'CAD 1234', '', 'DSL'];
const care = ['OSI-0001', "Children's social care", new Date('2026-02-04T00:00:00Z'), '', '', 'DSL'];
const lado = ['OSI-0002', 'LADO', '', '', '', ''];

describe('planLogCheck', () => {
  it('finds nothing when nothing changed, or when rows were only added or blank rows removed', () => {
    expect(deleted([police, care], [police, care])).toEqual([]);
    expect(deleted([police, care], [police, ['', '', '', '', '', ''], care, lado])).toEqual([]);
  });

  it('names a deleted row by what it held, wherever it was', () => {
    expect(deleted([police, care, lado], [police, lado])).toEqual([
      "OSI-0001 Agency: Children's social care; Date referred: 04/02/2026; Made by: DSL",
    ]);
    expect(deleted([police, care, lado], [care, lado])).toEqual([
      'OSI-0001 Agency: Police; Date referred: 03/02/2026; Reference: CAD 1234; Made by: DSL',
    ]);
  });

  it('takes a row with one cell changed for an edit, not a deletion', () => {
    const edited = [...care];
    edited[3] = 'Ref 77';
    expect(deleted([police, care], [police, edited])).toEqual([]);
  });

  it('takes a row replaced by a different one of the same incident for a deletion', () => {
    const other = ['OSI-0001', 'CEOP', new Date('2026-02-09T00:00:00Z'), 'C-9', 'Advice', 'Deputy'];
    expect(deleted([police], [other])).toHaveLength(1);
  });

  it('records a deleted row of an incident the register no longer has without its values', () => {
    const snapshot = logStateOf(
      'referrals',
      asStored(logStateRows('referrals', logRowsAsText('referrals', [HEADER, police, lado], 'UTC'))),
    );
    const current = logRowsAsText('referrals', [HEADER], 'UTC');
    const entries = planLogCheck({
      kind: 'referrals',
      snapshot,
      current,
      now: at,
      foundBy: 'the nightly check',
      incidents: new Set(['OSI-0002']),
    });
    expect(entries.map((e) => [e.incidentId, e.oldValue])).toEqual([
      ['OSI-0001', NOT_IN_REGISTER],
      ['OSI-0002', 'Agency: LADO'],
    ]);
  });

  it('keeps typed text as text on the snapshot sheet (quote-prefixed), and reads it back plain', () => {
    const rows = logStateRows('referrals', [['OSI-0001', '=HYPERLINK("x")', '', '', '', '']]);
    expect(rows[0]).toEqual(['referrals', "'OSI-0001", '\'=HYPERLINK("x")', '', '', '', '', '']);
  });
});
