/**
 * The audit trail covers the whole record and is anchored outside it (issue 12, item 7, and the auditing
 * of Settings from item 2): through the built bundle, with the school's people emulated.
 */
import type { SentEmail } from '../../emulator/mail';
import type { Workspace } from '../../emulator/workspace';
import { ANCHOR_SENT_KEY } from '../../src/workspace/anchor-sent';
import { columnLetter } from '../../src/workspace/register-sheet';
import { deploymentIds, ordinaryReport, runSetUp, SCHOOL, sheetValues, submit } from '../support/deployment';
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

/** The weekly anchor emails sent since `before`, oldest first. */
function anchorsSince(ws: Workspace, before: number): SentEmail[] {
  return ws.mail.sent.slice(before).filter((m) => m.subject.includes('Weekly audit anchor'));
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
  test('the nightly check sends it once a week, on the first night of each week, with the heads it has just checked', () => {
    const ws = workflowSchool(); // Set up on Monday 7 Sep 2026
    const id = report(ws, ordinaryReport({ pupilsHarmed: PUPIL }));
    typeInto(ws, SCHOOL.dsl, id, 'Status', 'Triaged');
    typeInto(ws, SCHOOL.dsl, id, 'Severity', 'High');
    const before = ws.mail.sent.length;
    ws.advanceTo('2026-09-15T08:00:00Z'); // Tuesday of the next week, after the 07:00 emails
    const anchors = anchorsSince(ws, before);
    // 01:00 BST (00:00 UTC): the first night the check ran (none had been sent), then Monday 14 Sep's only.
    expect(anchors.map((m) => `${m.at} ${recipients(m).join(',')}`)).toEqual([
      `2026-09-08T00:00:00.000Z ${SCHOOL.dsl}`,
      `2026-09-08T00:00:00.000Z ${SCHOOL.chair}`,
      `2026-09-14T00:00:00.000Z ${SCHOOL.dsl}`,
      `2026-09-14T00:00:00.000Z ${SCHOOL.chair}`,
    ]);
    const checks = ws.executions.filter((e) => e.functionName === 'checkAuditTrail');
    expect(checks.map((e) => e.status)).toEqual(checks.map(() => 'completed'));
    const head = auditRecords(ws).at(-1)!.hash;
    const count = auditRecords(ws).length;
    for (const m of anchors.slice(2)) {
      expect(m.from).toBe(SCHOOL.dsl);
      expect(m.body).toContain(`Register: ${count} recorded changes, chain head ${head}`);
      expect(`${m.body}${m.htmlBody ?? ''}`).not.toContain(PUPIL);
      expect(m.body).not.toMatch(/OSI-\d{4}/);
    }
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toContain(`Chain head: ${head}`);
  });

  test('a night the check did not run is made good by the next night', () => {
    const ws = workflowSchool();
    ws.advanceTo('2026-09-13T12:00:00Z'); // Sunday: the first week's anchor went on Tuesday
    const check = ws.script.list().find((t) => t.handler === 'checkAuditTrail');
    ws.script._delete(check!.uid); // Monday night's check does not run (as when Google skips a trigger)
    ws.advanceTo('2026-09-14T12:00:00Z');
    expect(anchorsSince(ws, 0).map((m) => m.at)).not.toContain('2026-09-14T00:00:00.000Z');
    runSetUp(ws); // puts the nightly check back
    const before = ws.mail.sent.length;
    ws.advanceTo('2026-09-17T12:00:00Z');
    expect(anchorsSince(ws, before).map((m) => `${m.at} ${recipients(m).join(',')}`)).toEqual([
      `2026-09-15T00:00:00.000Z ${SCHOOL.dsl}`,
      `2026-09-15T00:00:00.000Z ${SCHOOL.chair}`,
    ]);
  });

  test('a deputy cannot silence it: a "sent" time planted in the script properties or their own store is not read', () => {
    const ws = workflowSchool();
    ws.advanceTo('2026-09-13T12:00:00Z');
    const later = '2027-01-01T00:00:00.000Z';
    // The deputy edits the spreadsheet, so can open the script project and set its properties.
    ws.project.setScriptPropertiesAs(SCHOOL.deputy, { [ANCHOR_SENT_KEY]: later });
    ws.properties.userStore(SCHOOL.deputy).set(ANCHOR_SENT_KEY, later);
    const before = ws.mail.sent.length;
    ws.advanceTo('2026-09-14T12:00:00Z');
    expect(anchorsSince(ws, before).map((m) => recipients(m).join(','))).toEqual([SCHOOL.dsl, SCHOOL.chair]);
    // Even a time in the future in the runner's own store (a clock gone wrong) does not stop the next week's.
    ws.properties.userStore(SCHOOL.dsl).set(ANCHOR_SENT_KEY, later);
    const next = ws.mail.sent.length;
    ws.advanceTo('2026-09-15T12:00:00Z');
    expect(anchorsSince(ws, next)).toHaveLength(2);
  });

  test('one that could not be sent fails the night’s run and goes again the next night', () => {
    const ws = workflowSchool();
    ws.advanceTo('2026-09-13T23:30:00Z');
    ws.mail.failNextSend('Service unavailable: mail');
    ws.advanceTo('2026-09-14T06:00:00Z');
    const monday = ws.executions.filter((e) => e.functionName === 'checkAuditTrail').at(-1);
    expect(monday?.status).toBe('failed');
    expect(monday?.error).toContain('The weekly audit anchor reached 1 of 2 people.');
    const before = ws.mail.sent.length;
    ws.advanceTo('2026-09-15T06:00:00Z');
    expect(anchorsSince(ws, before).map((m) => `${m.at} ${recipients(m).join(',')}`)).toEqual([
      `2026-09-15T00:00:00.000Z ${SCHOOL.dsl}`,
      `2026-09-15T00:00:00.000Z ${SCHOOL.chair}`,
    ]);
    ws.advanceTo('2026-09-16T06:00:00Z');
    expect(anchorsSince(ws, before)).toHaveLength(2);
  });

  test('each gets a restricted file’s line only when routing lets them read that file; never the Headteacher', () => {
    const ws = workflowSchool();
    // The Headteacher is on the leadership list too (SCHOOL): the anchor still never goes to them.
    submit(ws, staffConcern());
    submit(ws, headteacherConcern());
    const before = ws.mail.sent.length;
    ws.advanceTo('2026-09-15T08:00:00Z');
    const anchors = anchorsSince(ws, before);
    const trailsOf = (who: string): string[] =>
      anchors
        .filter((m) => recipients(m).includes(who))
        .at(-1)!
        .body.split('\n')
        .filter((line) => line.includes('recorded change'))
        .map((line) => line.replace(/^[-•*\s]+/, '').split(':')[0]!);
    expect(anchors.some((m) => recipients(m).includes(SCHOOL.headteacher))).toBe(false);
    expect({ dsl: trailsOf(SCHOOL.dsl), chair: trailsOf(SCHOOL.chair) }).toEqual({
      // The DSL reads both allegation files (domain/routing); the Chair only the one about the Headteacher.
      dsl: ['Register', 'Staff allegations file', 'Headteacher allegations file'],
      chair: ['Register', 'Headteacher allegations file'],
    });
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
