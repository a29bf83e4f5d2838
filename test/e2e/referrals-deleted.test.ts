/**
 * A row deleted from the Referrals sheet (issue 13, item 2: "a Referrals sheet ... audited"), through the
 * built bundle: Sheets fires no edit trigger for a deleted row, so the 01:00 check finds it by comparing
 * with its snapshot, and records it on that file's trail without a name; an edit of another row the same
 * day (audited as it was made) is not taken for a deletion.
 */
import { describe, expect, it } from '@jest/globals';
import type { Workspace } from '../../emulator/workspace';
import { deploymentIds, ordinaryReport, SCHOOL, sheetValues } from '../support/deployment';
import { auditRecords, clickAsDsl, HOUR, lastAlert, report, workflowSchool } from './workflow-support';

/** A person types a row into a log sheet, cell by cell (the edit trigger fires for each). */
function logRow(ws: Workspace, sheet: string, row: number, values: unknown[], user = SCHOOL.dsl): void {
  values.forEach((value, i) => {
    const cell = `${String.fromCharCode(65 + i)}${row}`;
    const result = ws.spreadsheets._userEdit(user, ws.containerId, sheet, cell, value);
    const failed = result.installable.filter((r) => r.status !== 'completed');
    if (failed.length > 0) throw new Error(JSON.stringify(failed));
  });
}

const nightlyRuns = (ws: Workspace): string[] =>
  ws.executions.filter((e) => e.functionName === 'checkAuditTrail').map((e) => e.status);

describe('a row deleted from the Referrals sheet', () => {
  it('is found by the nightly check and recorded with what it held; an edited row is not; once only', () => {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport());
    logRow(ws, 'Referrals', 2, [id, 'Police', new Date('2026-02-03T00:00:00Z'), 'CAD 1234']);
    logRow(ws, 'Referrals', 3, [id, "Children's social care", new Date('2026-02-04T00:00:00Z')]);
    logRow(ws, 'Information sharing', 2, [id, new Date('2026-02-05T00:00:00Z'), 'PC Smith, Police']);
    ws.advanceTo(ws.clock.now() + 24 * HOUR); // the first night takes the snapshot
    const before = auditRecords(ws).length;
    expect(auditRecords(ws).some((r) => r.new === '(row deleted)')).toBe(false);

    // The same day: the deputy edits one referral (audited as typed) and deletes the other whole.
    logRow(ws, 'Referrals', 3, [id, 'MASH / Safeguarding Hub'], SCHOOL.deputy);
    ws.spreadsheets._userDeleteRows(SCHOOL.deputy, ws.containerId, 'Referrals', 2);
    expect(sheetValues(ws, ws.containerId, 'Referrals')[1]?.[1]).toBe('MASH / Safeguarding Hub');
    expect(auditRecords(ws)).toHaveLength(before + 1); // the edit only: no trigger for a deleted row

    ws.advanceTo(ws.clock.now() + 24 * HOUR);
    expect(nightlyRuns(ws).every((s) => s === 'completed')).toBe(true);
    const found = auditRecords(ws).filter((r) => r.new === '(row deleted)');
    expect(found.map((r) => [r.who, r.id, r.column])).toEqual([
      ['(not known)', id, 'Referrals: (whole row)'],
    ]);
    expect(found[0]!.old).toBe('Agency: Police\nDate referred: 03/02/2026\nReference: CAD 1234');
    expect(found[0]!.note).toMatch(/^Found by the nightly check: .*Who deleted it, and when, is not known/);

    // Found once: the next night records nothing more, and the chain is whole.
    const count = auditRecords(ws).length;
    ws.advanceTo(ws.clock.now() + 24 * HOUR);
    expect(auditRecords(ws)).toHaveLength(count);
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/^The audit trail is intact/);
  });

  it('in a restricted file, it goes on that file’s own trail (without the values of an incident not in its register); the snapshot is hidden and protected', () => {
    const ws = workflowSchool();
    const { headteacherAllegationsId: file } = deploymentIds(ws);
    const type = (cell: string, value: unknown): void => {
      ws.spreadsheets._userEdit(SCHOOL.chair, file, 'Referrals', cell, value);
    };
    type('A2', 'OSI-9999');
    type('B2', 'LADO');
    ws.advanceTo(ws.clock.now() + 24 * HOUR);
    const app = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const state = app.openById(file).getSheetByName('Audit state (logs)');
    expect(state?.isSheetHidden()).toBe(true);
    expect(() => ws.spreadsheets._userEdit(SCHOOL.chair, file, 'Audit state (logs)', 'B2', 'x')).toThrow(
      /protected/,
    );
    ws.spreadsheets._userDeleteRows(SCHOOL.chair, file, 'Referrals', 2);
    ws.advanceTo(ws.clock.now() + 24 * HOUR);
    const [, ...trail] = sheetValues(ws, file, 'Audit');
    expect(trail.filter((r) => r[5] === '(row deleted)').map((r) => [r[1], r[2], r[3], r[4]])).toEqual([
      [
        '(not known)',
        'OSI-9999',
        'Referrals: (whole row)',
        '(not shown: this incident is not in the register)',
      ],
    ]);
    expect(auditRecords(ws).some((r) => r.new === '(row deleted)')).toBe(false); // not on the register's
  });
});
