/**
 * Retention and deletion through the built bundle: the review lists what is due in every place a record
 * lives (each file's review in its own file), only the runner may review or delete, and a deletion takes
 * the row, the form response, the index entry and the audit text — the audit trail still verifies, and a
 * week of nightly runs never brings the record back.
 */
import { deploymentIds, ordinaryReport, SCHOOL, sheetValues, submit } from '../support/deployment';
import type { Workspace } from '../../emulator/workspace';
import { ADULT_CONCERN_CHOICES } from '../../src/domain/schema';
import { REDACTED_MARKER } from '../../src/domain/redaction';
import {
  auditRecords,
  clickAsDsl,
  lastAlert,
  pasteInto,
  registerCell,
  report,
  rowOf,
  rowsByHeader,
  typeInto,
} from './workflow-support';
import { workflowSchool } from './workflow-support';

const REVIEW = 'Retention review';
const DELETE = 'Delete a record…';
const TABLE_START = 4;
const DAY = 24 * 3_600_000;

function close(ws: Workspace, id: string): void {
  pasteInto(ws, SCHOOL.dsl, rowOf(ws, id), 'Outcome', [['Resolved', 'Low risk, reviewed']]);
  typeInto(ws, SCHOOL.dsl, id, 'Status', 'Closed');
}

/** The names of a spreadsheet's sheets. */
function sheetNames(ws: Workspace, id: string): string[] {
  const books = ws.spreadsheets.snapshot() as Array<{ id: string; sheets: Array<{ name: string }> }>;
  return books.find((b) => b.id === id)?.sheets.map((s) => s.name) ?? [];
}

/** A school with a child-protection report, an ordinary one and a staff allegation, all closed. */
function school(): { ws: Workspace; cp: string; other: string; staffFile: string } {
  const ws = workflowSchool();
  const cp = report(
    ws,
    ordinaryReport({
      childAtRisk: 'Yes',
      description: 'A pupil was asked for photos.',
      yearGroups: ['Year 13'],
    }),
  );
  const other = report(ws, ordinaryReport({ description: 'Name-calling in a group chat.' }));
  const staff = ADULT_CONCERN_CHOICES.find((c) => c.value === 'staff')!.label;
  submit(
    ws,
    ordinaryReport({
      pupilsHarmed: 'Amira Khan',
      pupilsCausedHarm: '',
      adultConcern: staff,
      adultDetails: 'A member of staff messaged her.',
      adultRole: 'Causing harm or behaving inappropriately',
    }),
  );
  typeInto(ws, SCHOOL.dsl, cp, 'Actions and decisions', 'Spoke to Amira and secured the phone');
  close(ws, cp);
  close(ws, other);
  // The nightly run indexes the rows.
  ws.run('reconcileMissedReports', [], { kind: 'trigger' });
  return { ws, cp, other, staffFile: deploymentIds(ws).staffAllegationsId };
}

function responseIds(ws: Workspace): string[] {
  return ws.forms.responses(deploymentIds(ws).formId).map((r) => r.id);
}

describe('retention review', () => {
  test('each record type by its own rule, every place it lives listed, allegations only in their file', () => {
    const { ws, cp, other, staffFile } = school();
    expect(registerCell(ws, cp, 'Child protection')).toBeTruthy();

    // 1 Sep 2034: the ordinary report (6 years after closing, 2032) and the Year 13 pupil's record (the
    // youngest of Year 13 in 2026/27 is 25 on 31 Aug 2034) are due; the allegation (2036) is not.
    ws.clock.set('2034-09-01T09:00:00Z');
    clickAsDsl(ws, REVIEW);
    let rows = sheetValues(ws, ws.containerId, REVIEW).slice(TABLE_START);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      [other, 'Other'],
      [cp, 'Child protection'],
    ]);
    const cpRow = rows[1]!;
    expect(cpRow[4]).toBe('2034-08-30T23:00:00.000Z');
    expect(String(cpRow[5])).toMatch(/^Estimate: .*Year 13 in the school year 2026\/27.*31\/08\/2009/);
    expect(String(cpRow[6]).split('\n')).toEqual([
      `Register: row ${rowOf(ws, cp)}`,
      'Form response',
      'Index sheet of the register file',
      'Audit state (hidden snapshot)',
      expect.stringMatching(/^Audit sheet: [1-9]\d* row\(s\) with its text$/),
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Amira|photos/);
    expect(lastAlert(ws)).toMatch(/Register: 2 record\(s\) past their retention date/);
    expect(lastAlert(ws)).toMatch(/Staff allegations: 0 record\(s\)/);
    expect(sheetNames(ws, staffFile)).not.toContain(REVIEW);

    // Ten years on, the closed allegation is due: listed in its own file, never on the register's sheet.
    const [header = [], ...staffRows] = sheetValues(ws, staffFile, sheetNames(ws, staffFile)[0]!);
    const allegation = String(staffRows[0]![header.indexOf('Incident ID')]);
    const sheet = sheetNames(ws, staffFile)[0]!;
    const letter = (h: string): string => {
      let n = header.indexOf(h) + 1;
      let out = '';
      for (; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
      return out;
    };
    ws.spreadsheets._userPaste(SCHOOL.dsl, staffFile, sheet, `${letter('Outcome')}2:${letter('Outcome')}2`, [
      ['Unfounded'],
    ]);
    ws.spreadsheets._userEdit(
      SCHOOL.dsl,
      staffFile,
      sheet,
      `${letter('Rationale (including decisions not to refer)')}2`,
      'LADO advice followed',
    );
    ws.spreadsheets._userEdit(SCHOOL.dsl, staffFile, sheet, `${letter('Status')}2`, 'Closed');
    ws.clock.set('2036-10-01T09:00:00Z');
    clickAsDsl(ws, REVIEW);
    rows = sheetValues(ws, ws.containerId, REVIEW).slice(TABLE_START);
    expect(JSON.stringify(rows)).not.toContain(allegation);
    const theirs = sheetValues(ws, staffFile, REVIEW).slice(TABLE_START);
    expect(theirs.map((r) => [r[0], r[1]])).toEqual([[allegation, 'Allegation about an adult']]);
    expect(String(theirs[0]![5])).toMatch(/10 years from the allegation.*retirement age \(67, Settings\)/);
    expect(String(theirs[0]![6])).toMatch(/^Staff allegations: row 2\nForm response\nIndex sheet/);
  });

  test('the deputy can neither build the review nor delete', () => {
    const { ws, cp } = school();
    const before = JSON.stringify(ws.spreadsheets.snapshot());
    for (const caption of [REVIEW, DELETE]) {
      ws.spreadsheets.ui.queueResponse(SCHOOL.deputy, { button: 'OK', text: cp });
      ws.spreadsheets.ui.queueResponse(SCHOOL.deputy, { button: 'OK', text: 'Past retention' });
      clickAsDsl(ws, caption, SCHOOL.deputy);
      expect(lastAlert(ws, SCHOOL.deputy)).toMatch(/^Only /m);
    }
    expect(JSON.stringify(ws.spreadsheets.snapshot())).toBe(before);
    expect(rowsByHeader(ws).map((r) => r['Incident ID'])).toContain(cp);
  });
});

describe('deleting a record', () => {
  function deleteAs(ws: Workspace, id: string, reason: string): void {
    ws.spreadsheets.ui.queueResponse(SCHOOL.dsl, { button: 'OK', text: id });
    ws.spreadsheets.ui.queueResponse(SCHOOL.dsl, { button: 'OK', text: reason });
    clickAsDsl(ws, DELETE);
  }

  test('without a reason nothing is deleted', () => {
    const { ws, cp } = school();
    deleteAs(ws, cp, '   ');
    expect(lastAlert(ws)).toMatch(/Nothing was deleted: a deletion needs a reason/);
    expect(rowsByHeader(ws).map((r) => r['Incident ID'])).toContain(cp);
  });

  test('the runner deletes with a reason: row, response, index and audit text go; Verify says intact; a week of nights never brings it back', () => {
    const { ws, cp, other } = school();
    const responseId = String(registerCell(ws, cp, 'Response ID'));
    expect(responseIds(ws)).toContain(responseId);
    const auditBefore = auditRecords(ws).length;
    expect(JSON.stringify(auditRecords(ws))).toContain('secured the phone');

    deleteAs(ws, cp, 'Past its retention date; reviewed with the Headteacher');
    expect(lastAlert(ws)).toMatch(new RegExp(`^${cp} was deleted from the register`));
    expect(rowsByHeader(ws).map((r) => r['Incident ID'])).toEqual([other]);
    expect(responseIds(ws)).not.toContain(responseId);
    expect(JSON.stringify(sheetValues(ws, ws.containerId, 'Index'))).not.toContain(responseId);
    expect(JSON.stringify(sheetValues(ws, ws.containerId, 'Audit state'))).not.toContain(cp);

    const audit = auditRecords(ws);
    const text = JSON.stringify(audit);
    expect(text).not.toMatch(/secured the phone|asked for photos/);
    expect(audit.filter((r) => r.id === cp && r.new === REDACTED_MARKER).length).toBeGreaterThan(0);
    const last = audit[audit.length - 1]!;
    expect([last.who, last.id, last.new]).toEqual([SCHOOL.dsl, cp, '(deleted under the retention policy)']);
    expect(last.note).toMatch(/Reason: Past its retention date; reviewed with the Headteacher/);
    expect(last.note).toMatch(
      /Child protection record, kept until 31\/08\/2034 \(estimated\): deleted before that date/,
    );
    expect(audit.length).toBeGreaterThan(auditBefore);

    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/The audit trail is intact/);
    expect(lastAlert(ws)).toMatch(/removed under the retention policy/);

    // A week of nights: the reconcile and the audit check run every night and never bring it back.
    const nights = ws.advanceTo(ws.clock.now() + 7 * DAY);
    const ran = (name: string): number =>
      nights.filter((e) => e.functionName === name && e.status === 'completed').length;
    expect(ran('reconcileMissedReports')).toBeGreaterThanOrEqual(7);
    expect(ran('checkAuditTrail')).toBeGreaterThanOrEqual(7);
    expect(rowsByHeader(ws).map((r) => r['Incident ID'])).toEqual([other]);
    const after = auditRecords(ws);
    expect(after.filter((r) => r.id === cp && r.new === '(row deleted)')).toEqual([]);
    expect(JSON.stringify(after)).not.toMatch(/secured the phone|asked for photos/);
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/The audit trail is intact/);
    // The form still records new reports, numbered on.
    expect(report(ws, ordinaryReport({ description: 'A new one.' }))).toBe('OSI-2026-0003');
  });
});
