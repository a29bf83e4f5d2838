/**
 * The audit trail covers the whole record and is anchored outside it (issue 12, item 7, and the auditing
 * of Settings from item 2): through the built bundle, with the school's people emulated.
 */
import type { Workspace } from '../../emulator/workspace';
import { columnLetter } from '../../src/workspace/register-sheet';
import { deploymentIds, ordinaryReport, SCHOOL, sheetValues, submit } from '../support/deployment';
import { staffConcern, headteacherConcern } from './alerts-support';
import {
  auditRecords,
  clickAsDsl,
  HOUR,
  lastAlert,
  recorded,
  report,
  rowOf,
  typeInto,
  workflowSchool,
} from './workflow-support';

const PUPIL = 'Amira Khan';
const DESCRIPTION = 'Group chat messages calling a pupil names.';

/** A settings row's A1 cell (column B) by its label. */
function settingCell(ws: Workspace, label: string): string {
  const rows = sheetValues(ws, ws.containerId, 'Settings');
  const at = rows.findIndex((r) => String(r[0]) === label);
  if (at < 0) throw new Error(`no setting ${label}`);
  return `B${at + 1}`;
}

function editSetting(ws: Workspace, label: string, value: string | number, user = SCHOOL.dsl): void {
  const result = ws.spreadsheets._userEdit(user, ws.containerId, 'Settings', settingCell(ws, label), value);
  const failed = result.installable.filter((r) => r.status !== 'completed');
  if (failed.length > 0) throw new Error(JSON.stringify(failed));
}

function recipients(m: { to: string[]; cc: string[]; bcc: string[] }): string[] {
  return [...m.to, ...m.cc, ...m.bcc].map((r) => r.toLowerCase());
}

describe('every column of the register is audited', () => {
  test("an edit of a reporter's answer is recorded with who, old and new", () => {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport());
    typeInto(ws, SCHOOL.deputy, id, 'What happened', `${DESCRIPTION} (corrected)`);
    expect(recorded(ws)).toEqual([
      [SCHOOL.deputy, id, 'What happened', DESCRIPTION, `${DESCRIPTION} (corrected)`],
    ]);
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/^The audit trail is intact: 1 recorded change/);
  });
});

describe('the register is audited by its mark, not its name', () => {
  test('renamed, it is still audited; a copy made by hand is not the register, and its edits are not', () => {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport());
    const row = rowOf(ws, id);
    const statusColumn = (sheetValues(ws, ws.containerId, 'Register')[0] ?? []).indexOf('Status') + 1;
    const cell = `${columnLetter(statusColumn)}${row}`;
    ws.spreadsheets._userRenameSheet(SCHOOL.dsl, ws.containerId, 'Register', 'Register 2025-26');
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Register 2025-26', cell, 'Triaged');
    expect(recorded(ws)).toEqual([[SCHOOL.dsl, id, 'Status', 'New', 'Triaged']]);

    ws.spreadsheets._userDuplicateSheet(SCHOOL.dsl, ws.containerId, 'Register 2025-26', 'Copy of register');
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Copy of register', cell, 'Closed');
    expect(recorded(ws)).toHaveLength(1);
  });
});

describe('Settings are audited', () => {
  test('a change is recorded old → new with who made it; a setting that routes nothing sends no notice', () => {
    const ws = workflowSchool();
    const before = ws.mail.sent.length;
    editSetting(ws, 'Overdue after (days)', 14);
    const settingsRows = auditRecords(ws).filter((r) => r.id === 'Settings');
    expect(settingsRows.map((r) => [r.who, r.column, r.old, r.new])).toEqual([
      [SCHOOL.dsl, 'Overdue after (days)', '10', '14'],
    ]);
    expect(ws.mail.sent.length).toBe(before);
  });

  test('a routing change tells the DSL and the Chair who changed what, and nothing about any report', () => {
    const ws = workflowSchool();
    report(ws, ordinaryReport({ pupilsHarmed: PUPIL, description: DESCRIPTION }));
    const before = ws.mail.sent.length;
    editSetting(ws, 'Chair of Governors email', 'new.chair@governors.example');
    const notices = ws.mail.sent.slice(before);
    // The old Chair and the new one both hear of it (whoever is replaced is told), and the DSL.
    expect(notices.flatMap(recipients).sort()).toEqual(
      [SCHOOL.chair, SCHOOL.dsl, 'new.chair@governors.example'].sort(),
    );
    for (const m of notices) {
      const text = `${m.subject}\n${m.body}\n${m.htmlBody ?? ''}`;
      expect(text).toContain(SCHOOL.dsl); // who changed it
      expect(m.body).toContain(`Chair of Governors email: ${SCHOOL.chair} → new.chair@governors.example`);
      expect(text).not.toContain(PUPIL);
      expect(text).not.toContain(DESCRIPTION);
      expect(text).not.toMatch(/OSI-\d{4}/);
    }
    expect(notices.flatMap(recipients)).not.toContain(SCHOOL.headteacher);
    const entry = auditRecords(ws).find((r) => r.column === 'Chair of Governors email');
    expect(entry).toMatchObject({ who: SCHOOL.dsl, old: SCHOOL.chair, new: 'new.chair@governors.example' });
  });
});

describe('a deleted row', () => {
  test('a deleted row (the deputy is refused; the runner can) is found by the nightly check and recorded with what it held', () => {
    const ws = workflowSchool();
    const kept = report(ws, ordinaryReport({ description: 'Kept.' }));
    const gone = report(ws, ordinaryReport({ pupilsHarmed: PUPIL, description: 'To be deleted.' }));
    typeInto(ws, SCHOOL.dsl, gone, 'Status', 'Triaged');
    const row = rowOf(ws, gone);
    // The deputy cannot delete a whole row: its protected (derived and system) cells refuse them. The
    // runner, who owns the spreadsheet, can, and no edit trigger fires for it.
    expect(() => ws.spreadsheets._userDeleteRows(SCHOOL.deputy, ws.containerId, 'Register', row, 1)).toThrow(
      /protected/,
    );
    ws.spreadsheets._userDeleteRows(SCHOOL.dsl, ws.containerId, 'Register', row, 1);
    expect(recorded(ws)).toHaveLength(1); // no edit trigger fires for a deleted row
    ws.advanceTo(ws.clock.now() + 24 * HOUR);
    const run = ws.executions.find((e) => e.functionName === 'checkAuditTrail');
    expect(run?.status).toBe('completed');
    const found = auditRecords(ws).filter((r) => r.new === '(row deleted)');
    expect(found.map((r) => [r.who, r.id, r.column])).toEqual([['(not known)', gone, '(whole row)']]);
    expect(found[0]!.old).toContain('Status: Triaged');
    expect(found[0]!.old).toContain('To be deleted.');
    expect(found[0]!.note).toMatch(/^Found by the nightly check/);
    expect(auditRecords(ws).some((r) => r.id === kept)).toBe(false);
    // Found once: the next night records nothing more.
    const count = auditRecords(ws).length;
    ws.advanceTo(ws.clock.now() + 24 * HOUR);
    expect(auditRecords(ws)).toHaveLength(count);
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/^The audit trail is intact/);
  });
});

describe('the restricted files', () => {
  test('a workflow edit of the staff-allegations file is audited in that file, where its readers are', () => {
    const ws = workflowSchool();
    submit(ws, staffConcern());
    const { staffAllegationsId } = deploymentIds(ws);
    const rows = sheetValues(ws, staffAllegationsId, 'Register');
    const status = (rows[0] ?? []).indexOf('Status');
    const letter = String.fromCharCode(65 + status);
    const result = ws.spreadsheets._userEdit(
      SCHOOL.headteacher,
      staffAllegationsId,
      'Register',
      `${letter}2`,
      'Triaged',
    );
    expect(result.installable.map((r) => [r.functionName, r.status])).toContainEqual([
      'onStaffAllegationsEdit',
      'completed',
    ]);
    const audit = sheetValues(ws, staffAllegationsId, 'Audit');
    expect(audit.slice(1).map((r) => r.slice(1, 6))).toEqual([
      [SCHOOL.headteacher, String(rows[1]![0]), 'Status', 'New', 'Triaged'],
    ]);
    // Not in the register's trail (the Chair and the Head never open the register).
    expect(recorded(ws)).toEqual([]);
  });

  test("the Headteacher-allegations file's trail is in that file, which the Headteacher cannot open", () => {
    const ws = workflowSchool();
    submit(ws, headteacherConcern());
    const { headteacherAllegationsId, staffAllegationsId } = deploymentIds(ws);
    const rows = sheetValues(ws, headteacherAllegationsId, 'Register');
    const status = (rows[0] ?? []).indexOf('Status');
    const letter = String.fromCharCode(65 + status);
    ws.spreadsheets._userEdit(SCHOOL.chair, headteacherAllegationsId, 'Register', `${letter}2`, 'Triaged');
    const audit = sheetValues(ws, headteacherAllegationsId, 'Audit');
    // The Chair is outside the school's domain: Apps Script does not name them, and the trail says so.
    expect(audit.slice(1).map((r) => r.slice(2, 6))).toEqual([
      [String(rows[1]![0]), 'Status', 'New', 'Triaged'],
    ]);
    expect(String(audit[1]![1])).toBe('(email not available)');
    expect(ws.drive.canView(SCHOOL.headteacher, headteacherAllegationsId)).toBe(false);
    // Nothing about it in the files the Headteacher reads.
    expect(recorded(ws)).toEqual([]);
    const staffBook = (
      ws.spreadsheets.snapshot() as Array<{ id: string; sheets: Array<{ name: string }> }>
    ).find((b) => b.id === staffAllegationsId);
    expect(staffBook?.sheets.some((s) => s.name === 'Audit')).toBe(false);
  });
});

describe('the anchor outside the register', () => {
  test('each week a content-free email gives the DSL and the Chair the count and the chain head', () => {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport({ pupilsHarmed: PUPIL }));
    typeInto(ws, SCHOOL.dsl, id, 'Status', 'Triaged');
    typeInto(ws, SCHOOL.dsl, id, 'Severity', 'High');
    const before = ws.mail.sent.length;
    ws.advanceTo(ws.clock.now() + 8 * 24 * HOUR);
    const anchors = ws.mail.sent.slice(before).filter((m) => m.subject.includes('Weekly audit anchor'));
    expect(anchors.flatMap(recipients).sort()).toEqual([SCHOOL.chair, SCHOOL.dsl].sort());
    const head = auditRecords(ws).at(-1)!.hash;
    const count = auditRecords(ws).length;
    for (const m of anchors) {
      expect(m.body).toContain(`Register: ${count} recorded changes, chain head ${head}`);
      expect(`${m.body}${m.htmlBody ?? ''}`).not.toContain(PUPIL);
      expect(m.body).not.toMatch(/OSI-\d{4}/);
    }
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toContain(`Chain head: ${head}`);
  });

  test('Verify says the trail cannot be confirmed, not that it is intact, when its anchor is missing', () => {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport());
    typeInto(ws, SCHOOL.dsl, id, 'Status', 'Triaged');
    ws.project.setScriptPropertiesAs(SCHOOL.dsl, { auditTrail: null });
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/cannot be confirmed: the anchor/);
    expect(lastAlert(ws)).not.toMatch(/intact/);
    // The next change carries on from the sheet, and says on the trail that the anchor was missing.
    typeInto(ws, SCHOOL.dsl, id, 'Severity', 'Low');
    expect(auditRecords(ws).map((r) => r.note)).toContainEqual(
      expect.stringMatching(/anchor .* was missing/),
    );
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/^The audit trail is intact: 3 recorded change/);
  });

  test('a change of the spreadsheet’s time zone leaves Verify intact', () => {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport());
    typeInto(ws, SCHOOL.dsl, id, 'Status', 'Triaged');
    ws.spreadsheets._setTimeZone(SCHOOL.dsl, ws.containerId, 'Pacific/Auckland');
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/^The audit trail is intact: 1 recorded change/);
    // A Time cell changed by hand is still caught, although the hash covers the text beside it.
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Audit', 'A2', new Date('2026-01-01T00:00:00Z'));
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/broken at row 2/);
  });
});
