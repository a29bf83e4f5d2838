/**
 * The audit trail and the closing rule end to end through the built bundle: people edit the register in
 * the browser, the installable on-edit trigger (installed by Set up, running as the DSL) records every
 * change to the workflow columns in the protected Audit sheet — cell by cell for a paste — chains each row's
 * SHA-256 to the row before, and refuses to close an incident without an Outcome and a Rationale.
 * `Verify audit trail` finds the first row changed by hand. The on-edit path's service calls are measured.
 */
import { ordinaryReport, registerRows, SCHOOL, sheetValues } from '../support/deployment';
import type { Workspace } from '../../emulator/workspace';
import { checkAuditChain } from '../../src/domain/audit';
import { registerHeaders } from '../../src/domain/register';
import {
  auditBodyForCheck,
  auditRecords,
  clickAsDsl,
  HOUR,
  lastAlert,
  nodeSha256,
  pasteInto,
  recorded,
  registerCell,
  report,
  rowOf,
  typeInto,
  workflowSchool,
} from './workflow-support';

const STATUS = 'Status';
const SEVERITY = 'Severity';
const ASSIGNED = 'Assigned to';
const ACTIONS = 'Actions and decisions';
const OUTCOME = 'Outcome';
const RATIONALE = 'Rationale (including decisions not to refer)';
const CLOSED_ON = 'Closed on';
const LAST_UPDATED = 'Last updated';

function iso(ws: Workspace): string {
  return new Date(ws.clock.now()).toISOString();
}

describe('audit trail', () => {
  it('records each change to the workflow columns: when, who, which incident and column, old and new value', () => {
    const ws = workflowSchool();
    const first = report(ws, ordinaryReport());
    const second = report(ws, ordinaryReport({ pupilsHarmed: 'Sam Ortiz' }));
    const submitted = registerCell(ws, first, 'Submitted at');

    ws.clock.advance(HOUR);
    const t1 = iso(ws);
    typeInto(ws, SCHOOL.dsl, first, STATUS, 'Triaged');
    typeInto(ws, SCHOOL.dsl, first, SEVERITY, 'High');
    ws.clock.advance(HOUR);
    const t2 = iso(ws);
    typeInto(ws, SCHOOL.deputy, first, ASSIGNED, 'Ms Patel');
    typeInto(ws, SCHOOL.deputy, first, STATUS, 'In progress');
    // Not changes to record: the same value typed again, a Settings column header. A reporter's column is.
    typeInto(ws, SCHOOL.deputy, first, STATUS, 'In progress');
    typeInto(
      ws,
      SCHOOL.dsl,
      first,
      'What happened',
      'Group chat messages calling a pupil names (corrected).',
    );
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Settings', 'C1', 'notes');
    ws.clock.advance(HOUR);
    typeInto(ws, SCHOOL.dsl, first, SEVERITY, 'Medium');
    // Typed as text (with Sheets' apostrophe): it must stay text in the Audit sheet too.
    typeInto(ws, SCHOOL.dsl, first, ACTIONS, `'=HYPERLINK("http://x","spoke to parents")`);

    expect(recorded(ws)).toEqual([
      [SCHOOL.dsl, first, STATUS, 'New', 'Triaged'],
      [SCHOOL.dsl, first, SEVERITY, '', 'High'],
      [SCHOOL.deputy, first, ASSIGNED, '', 'Ms Patel'],
      [SCHOOL.deputy, first, STATUS, 'Triaged', 'In progress'],
      [
        SCHOOL.dsl,
        first,
        'What happened',
        'Group chat messages calling a pupil names.',
        'Group chat messages calling a pupil names (corrected).',
      ],
      [SCHOOL.dsl, first, SEVERITY, 'High', 'Medium'],
      // Text that looks like a formula is recorded as the text it is, never run in the Audit sheet.
      [SCHOOL.dsl, first, ACTIONS, '', '=HYPERLINK("http://x","spoke to parents")'],
    ]);
    const records = auditRecords(ws);
    expect(records.slice(0, 2).map((r) => r.time)).toEqual([t1, t1]);
    expect(records.slice(2, 4).map((r) => r.time)).toEqual([t2, t2]);
    expect(records.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    expect(sheetValues(ws, ws.containerId, 'Audit')[7]![5]).toBe('=HYPERLINK("http://x","spoke to parents")');

    // Last updated follows the workflow; the other incident is untouched.
    expect(registerCell(ws, first, LAST_UPDATED)).toBe(iso(ws));
    expect(registerCell(ws, second, LAST_UPDATED)).toBe(submitted);
    expect(recorded(ws).some(([, id]) => id === second)).toBe(false);
  });

  it('chains every row with SHA-256 that an independent implementation confirms', () => {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport());
    typeInto(ws, SCHOOL.dsl, id, STATUS, 'Triaged');
    pasteInto(ws, SCHOOL.dsl, rowOf(ws, id), SEVERITY, [['Low', 'Mr Lee', 'Called home']]);
    const body = auditBodyForCheck(ws);
    expect(body).toHaveLength(4);
    const last = String(body[3]![7]);
    expect(checkAuditChain(body, nodeSha256, { entries: 4, lastHash: last }, 2, 'Europe/London')).toEqual({
      intact: true,
      entries: 4,
      head: last,
      anchored: true,
      oldFormat: 0,
    });
  });

  it('a paste over several rows and columns is recorded cell by cell', () => {
    const ws = workflowSchool();
    const ids = [0, 1, 2].map((i) => report(ws, ordinaryReport({ pupilsHarmed: `Pupil ${i}` })));
    typeInto(ws, SCHOOL.dsl, ids[1]!, ASSIGNED, 'Ms Patel');
    ws.clock.advance(HOUR);
    const pastedAt = iso(ws);
    pasteInto(ws, SCHOOL.deputy, rowOf(ws, ids[0]!), SEVERITY, [
      ['Low', 'Mr Lee', 'Spoke to pupil 0'],
      ['High', 'Ms Patel', 'Called parents of pupil 1'],
      ['Medium', 'Mr Lee', ''],
    ]);
    expect(recorded(ws).slice(1)).toEqual([
      [SCHOOL.deputy, ids[0], SEVERITY, '', 'Low'],
      [SCHOOL.deputy, ids[0], ASSIGNED, '', 'Mr Lee'],
      [SCHOOL.deputy, ids[0], ACTIONS, '', 'Spoke to pupil 0'],
      [SCHOOL.deputy, ids[1], SEVERITY, '', 'High'],
      // Ms Patel was already assigned: not a change.
      [SCHOOL.deputy, ids[1], ACTIONS, '', 'Called parents of pupil 1'],
      [SCHOOL.deputy, ids[2], SEVERITY, '', 'Medium'],
      [SCHOOL.deputy, ids[2], ASSIGNED, '', 'Mr Lee'],
    ]);
    expect(ids.map((id) => registerCell(ws, id, LAST_UPDATED))).toEqual([pastedAt, pastedAt, pastedAt]);

    // A second paste over the same cells compares with what the first one left.
    pasteInto(ws, SCHOOL.dsl, rowOf(ws, ids[0]!), SEVERITY, [
      ['Low', 'Mr Lee', 'Spoke to pupil 0'],
      ['Critical', 'Ms Patel', 'Called parents of pupil 1'],
    ]);
    expect(recorded(ws).slice(8)).toEqual([[SCHOOL.dsl, ids[1], SEVERITY, 'High', 'Critical']]);
  });

  it('rows moved in the register (as a sort does) are matched by incident ID, not recorded as changes', () => {
    const ws = workflowSchool();
    const a = report(ws, ordinaryReport({ pupilsHarmed: 'Pupil A' }));
    const b = report(ws, ordinaryReport({ pupilsHarmed: 'Pupil B' }));
    typeInto(ws, SCHOOL.dsl, a, SEVERITY, 'Low');
    typeInto(ws, SCHOOL.dsl, b, SEVERITY, 'High');
    const before = recorded(ws).length;

    // The DSL swaps the two rows, whole (what sorting by a column does to them).
    const rows = sheetValues(ws, ws.containerId, 'Register').slice(1, 3);
    const asTyped = (v: unknown): unknown =>
      typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v)
        ? ws.newDate(Date.parse(v))
        : v;
    const swapped = [rows[1]!, rows[0]!].map((r) => r.map(asTyped));
    pasteInto(ws, SCHOOL.dsl, 2, 'Incident ID', swapped);
    expect(recorded(ws)).toHaveLength(before);
    expect(rowOf(ws, b)).toBe(2);

    pasteInto(ws, SCHOOL.dsl, 2, SEVERITY, [['Critical'], ['Medium']]);
    expect(recorded(ws).slice(before)).toEqual([
      [SCHOOL.dsl, b, SEVERITY, 'High', 'Critical'],
      [SCHOOL.dsl, a, SEVERITY, 'Low', 'Medium'],
    ]);
  });

  it('a deputy works the register, and the Audit state sheet is hidden', () => {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport());
    typeInto(ws, SCHOOL.deputy, id, STATUS, 'Triaged');
    const statusColumn = registerHeaders().indexOf(STATUS) + 1;
    expect(ws.spreadsheets._canUserEdit(SCHOOL.deputy, 'Register', rowOf(ws, id), statusColumn)).toBe(true);
    const book = (
      ws.spreadsheets.snapshot() as Array<{ id: string; sheets: Array<{ name: string; hidden: boolean }> }>
    ).find((s) => s.id === ws.containerId)!;
    expect(book.sheets.find((s) => s.name === 'Audit state')!.hidden).toBe(true);
  });

  // Set up protects the Audit sheets while the DSL is the spreadsheet's only editor. A protection mirrors the
  // spreadsheet's sharing until its editor list really changes (Sheet.protect() reference), so removing
  // "every editor but itself" — nobody — changed nothing, and the deputy, shared in afterwards, could rewrite
  // the audit trail (issue 12). Google's sample adds the script's user first, which makes the list explicit.
  it('the Audit sheets refuse the deputy, shared in after Set up (the protection lists the runner first, so it no longer mirrors the sharing)', () => {
    const ws = workflowSchool();
    report(ws, ordinaryReport());
    expect(ws.spreadsheets._canUserEdit(SCHOOL.deputy, 'Audit', 2, 5)).toBe(false);
    expect(ws.spreadsheets._canUserEdit(SCHOOL.deputy, 'Audit state', 2, 2)).toBe(false);
    expect(() => ws.spreadsheets._userEdit(SCHOOL.deputy, ws.containerId, 'Audit', 'E2', 'x')).toThrow(
      /protected cell/,
    );
  });
});

describe('Verify audit trail', () => {
  function schoolWithHistory(): { ws: Workspace; id: string } {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport());
    typeInto(ws, SCHOOL.dsl, id, STATUS, 'Triaged');
    typeInto(ws, SCHOOL.dsl, id, SEVERITY, 'High');
    typeInto(ws, SCHOOL.deputy, id, ASSIGNED, 'Ms Patel');
    typeInto(ws, SCHOOL.deputy, id, ACTIONS, 'Spoke to both pupils');
    return { ws, id };
  }

  it('reports an intact trail', () => {
    const { ws } = schoolWithHistory();
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/^The audit trail is intact: 4 recorded change\(s\)/);
  });

  it('names the row where an old audit cell was altered', () => {
    const { ws } = schoolWithHistory();
    // The owner (who can edit the protected sheet) rewrites the old value of the second record.
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Audit', 'E3', 'Low');
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/^The audit trail is broken at row 3 of the Audit sheet\./);
    expect(lastAlert(ws)).toMatch(/Rows 2 to 2 are intact/);
  });

  it('finds records cut off the end of the trail', () => {
    const { ws } = schoolWithHistory();
    ws.spreadsheets._userPaste(SCHOOL.dsl, ws.containerId, 'Audit', 'A5:I5', [
      ['', '', '', '', '', '', '', '', ''],
    ]);
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/broken at row 5/);
    expect(lastAlert(ws)).toMatch(/1 recorded change is missing from the end/);
  });

  it('keeps chaining after a break, so later records stay checkable but the break is still reported', () => {
    const { ws, id } = schoolWithHistory();
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Audit', 'F2', 'Closed');
    typeInto(ws, SCHOOL.dsl, id, SEVERITY, 'Low');
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/broken at row 2/);
  });
});

describe('closing rule', () => {
  it('closing without an Outcome and a Rationale is undone, explained to the person and recorded', () => {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport());
    typeInto(ws, SCHOOL.deputy, id, STATUS, 'In progress');
    typeInto(ws, SCHOOL.deputy, id, OUTCOME, 'Both pupils spoken to; apology given');
    ws.clock.advance(HOUR);
    const lastUpdated = registerCell(ws, id, LAST_UPDATED);

    typeInto(ws, SCHOOL.deputy, id, STATUS, 'Closed');

    expect(registerCell(ws, id, STATUS)).toBe('In progress');
    expect(registerCell(ws, id, CLOSED_ON)).toBe('');
    expect(registerCell(ws, id, LAST_UPDATED)).toBe(lastUpdated);
    const attempt = auditRecords(ws).at(-1)!;
    expect([attempt.who, attempt.id, attempt.column, attempt.old, attempt.new]).toEqual([
      SCHOOL.deputy,
      id,
      STATUS,
      'In progress',
      'Closed',
    ]);
    expect(attempt.note).toMatch(
      /^Not saved: an incident is closed only with an Outcome and a Rationale \(Rationale empty\)/,
    );
    const toasts = ws.spreadsheets.ui.shown().filter((e) => e.kind === 'toast');
    expect(toasts.at(-1)!.message).toBe(
      `${id} was not closed: fill in Rationale first, then set Status to Closed. Status is back to "In progress".`,
    );
  });

  it('closing with both sets Closed on to the day, and reopening clears it; all of it recorded', () => {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport());
    typeInto(ws, SCHOOL.dsl, id, OUTCOME, 'Resolved in school');
    typeInto(ws, SCHOOL.dsl, id, RATIONALE, 'Low risk, no referral: pupils and parents spoken to');
    ws.clock.set('2026-09-10T22:30:00Z'); // 23:30 on 10 September in London
    typeInto(ws, SCHOOL.dsl, id, STATUS, 'Closed');

    expect(registerCell(ws, id, STATUS)).toBe('Closed');
    expect(registerCell(ws, id, CLOSED_ON)).toBe('2026-09-09T23:00:00.000Z'); // midnight, 10 September, BST
    expect(recorded(ws).slice(2)).toEqual([
      [SCHOOL.dsl, id, STATUS, 'New', 'Closed'],
      [SCHOOL.dsl, id, CLOSED_ON, '', '10/09/2026'],
    ]);
    expect(auditRecords(ws).at(-1)!.note).toBe('Set when the incident was closed.');

    ws.clock.advance(24 * HOUR);
    typeInto(ws, SCHOOL.dsl, id, STATUS, 'In progress');
    expect(registerCell(ws, id, CLOSED_ON)).toBe('');
    expect(recorded(ws).slice(4)).toEqual([
      [SCHOOL.dsl, id, STATUS, 'Closed', 'In progress'],
      [SCHOOL.dsl, id, CLOSED_ON, '10/09/2026', ''],
    ]);
  });

  it('a paste closing several incidents closes those with a rationale and puts back the others', () => {
    const ws = workflowSchool();
    const ready = report(ws, ordinaryReport());
    const notReady = report(ws, ordinaryReport());
    const first = rowOf(ws, ready);
    pasteInto(ws, SCHOOL.dsl, first, OUTCOME, [['Resolved', 'No referral needed: low risk']]);
    pasteInto(ws, SCHOOL.dsl, first, STATUS, [['Closed'], ['Closed']]);

    expect([registerCell(ws, ready, STATUS), registerCell(ws, notReady, STATUS)]).toEqual(['Closed', 'New']);
    expect(registerCell(ws, ready, CLOSED_ON)).not.toBe('');
    expect(recorded(ws).slice(2)).toEqual([
      [SCHOOL.dsl, ready, STATUS, 'New', 'Closed'],
      [SCHOOL.dsl, ready, CLOSED_ON, '', '07/09/2026'],
      [SCHOOL.dsl, notReady, STATUS, 'New', 'Closed'],
    ]);
    expect(auditRecords(ws).at(-1)!.note).toMatch(/^Not saved/);
  });

  it('the Rationale of a closed incident cannot be emptied', () => {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport());
    pasteInto(ws, SCHOOL.dsl, rowOf(ws, id), OUTCOME, [['Resolved', 'No referral needed: low risk']]);
    typeInto(ws, SCHOOL.dsl, id, STATUS, 'Closed');
    typeInto(ws, SCHOOL.deputy, id, RATIONALE, '');
    expect(registerCell(ws, id, RATIONALE)).toBe('No referral needed: low risk');
    expect(auditRecords(ws).at(-1)!.note).toMatch(/^Not saved: a closed incident keeps its Rationale/);
  });
});

describe('service calls on the on-edit path', () => {
  /** A school with `incidents` reports, each already seen once by the audit. */
  function schoolWith(incidents: number): { ws: Workspace; ids: string[] } {
    const ws = workflowSchool();
    const ids = Array.from({ length: incidents }, (_, i) =>
      report(ws, ordinaryReport({ pupilsHarmed: `P${i}` })),
    );
    pasteInto(
      ws,
      SCHOOL.dsl,
      2,
      SEVERITY,
      ids.map(() => ['Low']),
    );
    ws.clock.advance(HOUR);
    return { ws, ids };
  }

  function measureEdit(ws: Workspace, edit: () => void): { total: number; calls: Record<string, number> } {
    const { calls, total } = ws.calls.measure(edit);
    return { total, calls };
  }

  it('a fixed number per edit, whatever the register’s size; a paste shares them across its cells', () => {
    const small = schoolWith(5);
    const large = schoolWith(24);
    const singleSmall = measureEdit(small.ws, () =>
      typeInto(small.ws, SCHOOL.dsl, small.ids[2]!, STATUS, 'Triaged'),
    );
    const singleLarge = measureEdit(large.ws, () =>
      typeInto(large.ws, SCHOOL.dsl, large.ids[20]!, STATUS, 'Triaged'),
    );
    expect(singleLarge.calls).toEqual(singleSmall.calls);

    const block = Array.from({ length: 10 }, (_, i) => ['High', `Teacher ${i}`, `Action ${i}`]);
    const paste = measureEdit(large.ws, () => pasteInto(large.ws, SCHOOL.deputy, 12, SEVERITY, block));
    expect(recorded(large.ws).slice(-30)).toHaveLength(30);
    // One SHA-256 per recorded cell; everything else is shared by the whole paste.
    expect(paste.calls['Utilities.computeDigest']).toBe(30);
    const pasteOverhead = paste.total - 30;
    expect(pasteOverhead).toBeLessThanOrEqual(singleLarge.total - 1 + 4);

    // Edits that are not audited stop early: another sheet (neither the register nor Settings) after three
    // calls — its name, and its own metadata, which shows it is not the register (found by its mark, so a
    // renamed register is still audited); the register's unaudited column once its header row says so.
    large.ws.spreadsheets._userDuplicateSheet(SCHOOL.dsl, large.ws.containerId, 'Settings', 'My notes');
    const otherSheet = measureEdit(large.ws, () =>
      large.ws.spreadsheets._userEdit(SCHOOL.dsl, large.ws.containerId, 'My notes', 'C1', 'notes'),
    );
    expect(otherSheet.total).toBeLessThanOrEqual(3);
    const outside = measureEdit(large.ws, () =>
      typeInto(large.ws, SCHOOL.dsl, large.ids[0]!, LAST_UPDATED, new Date('2026-09-08T09:00:00Z')),
    );
    // The register's mark is read from the sheet's own metadata (four calls) before its header (five).
    expect(outside.total).toBeLessThanOrEqual(9);
    expect(recorded(large.ws)).toHaveLength(24 + 1 + 30);

    console.log(
      [
        'On-edit service calls (register of 24 incidents):',
        `  single cell: ${singleLarge.total} calls for 1 cell = ${singleLarge.total} per cell`,
        `    ${JSON.stringify(singleLarge.calls)}`,
        `  paste 10 rows x 3 columns: ${paste.total} calls for 30 cells = ${(paste.total / 30).toFixed(2)} per cell`,
        `    ${JSON.stringify(paste.calls)}`,
        `  edit of another sheet: ${otherSheet.total} calls`,
        `  edit of a register column outside the workflow: ${outside.total} calls`,
      ].join('\n'),
    );
  });

  it('the first edit after Set up makes the Audit sheets; later edits do not', () => {
    const ws = workflowSchool();
    const id = report(ws, ordinaryReport());
    typeInto(ws, SCHOOL.dsl, id, STATUS, 'Triaged');
    const names = (): string[] =>
      (ws.spreadsheets.snapshot() as Array<{ id: string; sheets: Array<{ name: string }> }>)
        .find((s) => s.id === ws.containerId)!
        .sheets.map((s) => s.name);
    expect(
      names()
        .filter((n) => n.startsWith('Audit'))
        .sort(),
    ).toEqual(['Audit', 'Audit state']);
    const later = ws.calls.measure(() => typeInto(ws, SCHOOL.dsl, id, SEVERITY, 'Low'));
    expect(later.calls['Spreadsheet.insertSheet']).toBeUndefined();
    expect(registerRows(ws)).toHaveLength(1);
  });
});
