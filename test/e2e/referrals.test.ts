/**
 * Referrals and the DSL's records (issue 13, item 2), through the built bundle: the Referrals and
 * Information sharing sheets Set up makes (in the register's spreadsheet and in each restricted file), their
 * dropdowns, an incident with two referrals shown at a glance in the register, a referral edit on the audit
 * trail, and the DSL's new register columns with their dropdowns.
 */
import { describe, expect, it } from '@jest/globals';
import type { Workspace } from '../../emulator/workspace';
import { deploymentIds, ordinaryReport, SCHOOL, sheetValues } from '../support/deployment';
import { REFERRAL_AGENCIES } from '../../src/domain/referrals';
import { ALLEGATION_OUTCOMES, CONTENT_REMOVAL } from '../../src/domain/types';
import { columnOf, recorded, registerCell, report, workflowSchool } from './workflow-support';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function sheetOf(ws: Workspace, name: string, spreadsheetId: string = ws.containerId): Sheet {
  const app = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const sheet = app.openById(spreadsheetId).getSheetByName(name);
  if (!sheet) throw new Error(`no ${name} sheet`);
  return sheet;
}

/** The dropdown's choices under a header of a sheet (row 2), or null when there is none. */
function dropdown(ws: Workspace, sheetName: string, header: string, spreadsheetId = ws.containerId): unknown {
  const [head = []] = sheetValues(ws, spreadsheetId, sheetName);
  const column = head.map(String).indexOf(header) + 1;
  expect(column).toBeGreaterThan(0);
  return (
    sheetOf(ws, sheetName, spreadsheetId).getRange(2, column).getDataValidation()?.getCriteriaValues()[0] ??
    null
  );
}

/** A person types a row into the Referrals sheet, cell by cell (the edit trigger fires for each). */
function logReferral(ws: Workspace, row: number, values: unknown[]): void {
  values.forEach((value, i) => {
    const cell = `${String.fromCharCode(65 + i)}${row}`;
    const result = ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Referrals', cell, value);
    const failed = result.installable.filter((r) => r.status !== 'completed');
    if (failed.length > 0) throw new Error(JSON.stringify(failed));
  });
}

describe('Referrals sheet and information-sharing record', () => {
  it('Set up makes both sheets with their dropdowns, in the register and in each restricted file', () => {
    const ws = workflowSchool();
    const ids = deploymentIds(ws);
    for (const file of [ws.containerId, ids.staffAllegationsId, ids.headteacherAllegationsId]) {
      expect(sheetValues(ws, file, 'Referrals')[0]).toEqual([
        'Incident ID',
        'Agency',
        'Date referred',
        'Reference',
        'Outcome',
        'Made by',
      ]);
      expect(dropdown(ws, 'Referrals', 'Agency', file)).toEqual([...REFERRAL_AGENCIES]);
      expect(sheetValues(ws, file, 'Information sharing')[0]?.slice(0, 5)).toEqual([
        'Incident ID',
        'Date shared',
        'Shared with (person and organisation)',
        'What was shared',
        'Basis for sharing',
      ]);
      expect(dropdown(ws, 'Information sharing', 'Basis for sharing', file)).not.toBeNull();
    }
    // Set up ran twice (workflowSchool): still one of each.
    const names = (ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
      .openById(ws.containerId)
      .getSheets()
      .map((s) => s.getName());
    expect(names.filter((n) => n === 'Referrals' || n === 'Information sharing')).toHaveLength(2);
    expect(REFERRAL_AGENCIES).toEqual(
      expect.arrayContaining([
        'Prevent / Channel',
        'MASH / Safeguarding Hub',
        'TRA',
        'DBS',
        'IWF Report Remove',
      ]),
    );
  });

  it('an incident with two referrals shows both at a glance in the register; each edit is audited', () => {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport());
    const other = report(ws, ordinaryReport());
    logReferral(ws, 2, [id, 'Police', new Date('2026-02-03T00:00:00Z'), 'CAD 1234']);
    logReferral(ws, 3, [id, "Children's social care", new Date('2026-02-04T00:00:00Z')]);
    expect(registerCell(ws, id, 'Referrals')).toBe(
      "Police 03/02/2026 ref CAD 1234\nChildren's social care 04/02/2026",
    );
    expect(registerCell(ws, other, 'Referrals')).toBe('');

    const trail = recorded(ws);
    expect(trail).toContainEqual([SCHOOL.dsl, id, 'Referrals: Agency', '', 'Police']);
    expect(trail).toContainEqual([SCHOOL.dsl, id, 'Referrals: Reference', '', 'CAD 1234']);

    // A change of agency: old and new on the trail, the register follows.
    logReferral(ws, 3, [id, 'MASH / Safeguarding Hub']);
    expect(recorded(ws)).toContainEqual([
      SCHOOL.dsl,
      id,
      'Referrals: Agency',
      "Children's social care",
      'MASH / Safeguarding Hub',
    ]);
    expect(registerCell(ws, id, 'Referrals')).toBe(
      'Police 03/02/2026 ref CAD 1234\nMASH / Safeguarding Hub 04/02/2026',
    );
    // The column is the script's: protected like the other derived columns.
    expect(() => columnOf(ws, 'Referrals')).not.toThrow();
  });

  it('the DSL’s new columns are in the register with their dropdowns, and the allegation outcome in the restricted files', () => {
    const ws = workflowSchool();
    report(ws, ordinaryReport());
    for (const header of [
      'DSL told at',
      'Next review',
      'Support offered to the child',
      'Sanctions (behaviour policy)',
      "LADO's advice",
      'LADO advice date',
    ]) {
      expect(() => columnOf(ws, header)).not.toThrow();
    }
    expect(dropdown(ws, 'Register', 'Removal of content requested')).toEqual([...CONTENT_REMOVAL]);
    expect(dropdown(ws, 'Register', 'Allegation outcome')).toEqual([...ALLEGATION_OUTCOMES]);
    const ids = deploymentIds(ws);
    for (const file of [ids.staffAllegationsId, ids.headteacherAllegationsId]) {
      expect(dropdown(ws, 'Register', 'Allegation outcome', file)).toEqual([
        'Substantiated',
        'False',
        'Malicious',
        'Unfounded',
        'Unsubstantiated',
      ]);
      expect(dropdown(ws, 'Register', "LADO's advice", file)).toBeNull();
    }
  });
});
