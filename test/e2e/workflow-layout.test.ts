/**
 * The audit trail, the closing rule and the DSL's reports when the DSL has changed the Register's layout:
 * a column of their own ("My notes") inserted between Assigned to and Actions and decisions, or a workflow
 * column moved. Through the built bundle, every workflow edit is still recorded against its own column
 * wherever it now is, an edit of the DSL's column is not recorded, Last updated and Closed on are written
 * under their own headers (never into the DSL's column or a neighbour), and the chain still verifies.
 *
 * The DSL's layout changes are made test side, outside any execution, through the emulator's SpreadsheetApp
 * facade (as a person in the browser would: insert a column and type its header, or move a column); the
 * edits themselves are made as people make them, so the installable on-edit trigger fires for each.
 */
import { editSettings, ordinaryReport, SCHOOL, sheetValues } from '../support/deployment';
import type { Workspace } from '../../emulator/workspace';
import { checkAuditChain } from '../../src/domain/audit';
import {
  auditBodyForCheck,
  auditRecords,
  clickAsDsl,
  columnLetters,
  columnOf,
  HOUR,
  lastAlert,
  nodeSha256,
  pasteInto,
  recorded,
  registerCell,
  registerHeader,
  report,
  rowOf,
  rowsByHeader,
  typeInto,
  workflowSchool,
} from './workflow-support';

const MY_NOTES = 'My notes';
const STATUS = 'Status';
const SEVERITY = 'Severity';
const ASSIGNED = 'Assigned to';
const ACTIONS = 'Actions and decisions';
const PARENTS = 'Parents/carers contacted';
const OUTCOME = 'Outcome';
const RATIONALE = 'Rationale (including decisions not to refer)';
const LESSONS = 'Lessons learnt';
const CLOSED_ON = 'Closed on';
const LAST_UPDATED = 'Last updated';

function iso(ws: Workspace): string {
  return new Date(ws.clock.now()).toISOString();
}

function registerSheet(ws: Workspace): GoogleAppsScript.Spreadsheet.Sheet {
  const app = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const sheet = app.openById(ws.containerId).getSheetByName('Register');
  if (!sheet) throw new Error('no Register sheet');
  return sheet;
}

/** The DSL inserts a column right of `afterHeader` ("Insert 1 column right") and types its header. */
function insertOwnColumn(ws: Workspace, afterHeader: string, title: string): number {
  const after = columnOf(ws, afterHeader);
  const sheet = registerSheet(ws);
  sheet.insertColumnsAfter(after, 1);
  sheet.getRange(1, after + 1).setValue(title);
  return after + 1;
}

/** The DSL moves a column to the far left (as dragging it there does: its cells go with it). */
function moveColumnToFront(ws: Workspace, header: string): void {
  const sheet = registerSheet(ws);
  const from = columnOf(ws, header);
  const rows = sheet.getMaxRows();
  const values = sheet.getRange(1, from, rows, 1).getValues();
  sheet.insertColumnsBefore(1, 1);
  sheet.getRange(1, 1, rows, 1).setValues(values);
  sheet.deleteColumn(from + 1);
}

/** A school with three reports (a, b, c on rows 2, 3, 4), the first already triaged, then "My notes" inserted. */
function schoolWithNotes(): { ws: Workspace; a: string; b: string; c: string } {
  const ws = workflowSchool();
  const [a, b, c] = ['Pupil A', 'Pupil B', 'Pupil C'].map((p) =>
    report(ws, ordinaryReport({ pupilsHarmed: p })),
  );
  // Seen by the audit before the DSL changed the layout: the snapshot must still serve afterwards.
  typeInto(ws, SCHOOL.dsl, a!, STATUS, 'Triaged');
  ws.clock.advance(HOUR);
  const notes = insertOwnColumn(ws, ASSIGNED, MY_NOTES);
  expect(registerHeader(ws).slice(notes - 2, notes + 1)).toEqual([ASSIGNED, MY_NOTES, ACTIONS]);
  return { ws, a: a!, b: b!, c: c! };
}

/** Every cell of every row except those under `changed`, keyed by header: what must not move. */
function untouched(ws: Workspace, changed: readonly string[]): Array<Record<string, unknown>> {
  return rowsByHeader(ws).map((row) =>
    Object.fromEntries(Object.entries(row).filter(([header]) => !changed.includes(header))),
  );
}

function toasts(ws: Workspace): string[] {
  return ws.spreadsheets.ui
    .shown()
    .filter((e) => e.kind === 'toast')
    .map((e) => e.message);
}

describe('the audit trail with "My notes" inserted between Assigned to and Actions and decisions', () => {
  it('records each workflow edit against its own column, never the DSL’s column, and Last updated under its header', () => {
    const { ws, a, b, c } = schoolWithNotes();
    const triagedAt = registerCell(ws, a, LAST_UPDATED);
    const before = untouched(ws, [ACTIONS, ASSIGNED, STATUS, PARENTS, MY_NOTES, LAST_UPDATED]);

    // The DSL's own column: not audited, and Last updated does not move.
    typeInto(ws, SCHOOL.dsl, a, MY_NOTES, 'Phoned home on Monday');
    expect(recorded(ws)).toHaveLength(1);
    expect(registerCell(ws, a, LAST_UPDATED)).toBe(triagedAt);

    const t1 = iso(ws);
    typeInto(ws, SCHOOL.deputy, a, ACTIONS, 'Spoke to the pupil');
    typeInto(ws, SCHOOL.dsl, a, STATUS, 'In progress');
    ws.clock.advance(HOUR);
    const t2 = iso(ws);
    // A paste across Assigned to, My notes and Actions and decisions, over two rows.
    pasteInto(ws, SCHOOL.deputy, rowOf(ws, b), ASSIGNED, [
      ['Ms Patel', 'note for B', 'Called home'],
      ['Mr Lee', 'note for C', ''],
    ]);
    // A paste down the DSL's column alone.
    pasteInto(ws, SCHOOL.dsl, rowOf(ws, a), MY_NOTES, [['Seen again'], ['Chase school nurse'], ['-']]);
    // A column right of the inserted one, further along.
    typeInto(ws, SCHOOL.dsl, c, PARENTS, 'Mother, by phone');

    expect(recorded(ws)).toEqual([
      [SCHOOL.dsl, a, STATUS, 'New', 'Triaged'],
      [SCHOOL.deputy, a, ACTIONS, '', 'Spoke to the pupil'],
      [SCHOOL.dsl, a, STATUS, 'Triaged', 'In progress'],
      [SCHOOL.deputy, b, ASSIGNED, '', 'Ms Patel'],
      [SCHOOL.deputy, b, ACTIONS, '', 'Called home'],
      [SCHOOL.deputy, c, ASSIGNED, '', 'Mr Lee'],
      [SCHOOL.dsl, c, PARENTS, '', 'Mother, by phone'],
    ]);
    expect(toasts(ws)).toEqual([]);

    // The register holds what people typed, each under its header, and Last updated where its header is.
    expect(rowsByHeader(ws).map((r) => [r[ASSIGNED], r[MY_NOTES], r[ACTIONS], r[PARENTS]])).toEqual([
      ['', 'Seen again', 'Spoke to the pupil', ''],
      ['Ms Patel', 'Chase school nurse', 'Called home', ''],
      ['Mr Lee', '-', '', 'Mother, by phone'],
    ]);
    expect([a, b, c].map((id) => registerCell(ws, id, LAST_UPDATED))).toEqual([t1, t2, t2]);
    // …and nothing was written anywhere else (Alert status, Closed on, the reporter's answers…).
    expect(untouched(ws, [ACTIONS, ASSIGNED, STATUS, PARENTS, MY_NOTES, LAST_UPDATED])).toEqual(before);

    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/^The audit trail is intact: 7 recorded change\(s\)/);
    const body = auditBodyForCheck(ws);
    expect(
      checkAuditChain(body, nodeSha256, { entries: 7, lastHash: String(body[6]![7]) }, 2, 'Europe/London'),
    ).toMatchObject({ intact: true, entries: 7, anchored: true });
  });

  it('the closing rule checks the right cells, puts Status back, and writes Closed on under its header', () => {
    const { ws, a, b } = schoolWithNotes();
    typeInto(ws, SCHOOL.deputy, a, STATUS, 'In progress');
    typeInto(ws, SCHOOL.deputy, a, OUTCOME, 'Apology given');
    typeInto(ws, SCHOOL.dsl, a, MY_NOTES, 'Not ready to close');
    ws.clock.advance(HOUR);
    const lastUpdated = registerCell(ws, a, LAST_UPDATED);

    typeInto(ws, SCHOOL.deputy, a, STATUS, 'Closed');
    expect(registerCell(ws, a, STATUS)).toBe('In progress');
    expect(registerCell(ws, a, CLOSED_ON)).toBe('');
    expect(registerCell(ws, a, LAST_UPDATED)).toBe(lastUpdated);
    expect(registerCell(ws, a, MY_NOTES)).toBe('Not ready to close');
    const refused = auditRecords(ws).at(-1)!;
    expect([refused.id, refused.column, refused.old, refused.new]).toEqual([
      a,
      STATUS,
      'In progress',
      'Closed',
    ]);
    expect(refused.note).toMatch(
      /^Not saved: an incident is closed only with an Outcome and a Rationale \(Rationale empty\)/,
    );
    expect(toasts(ws).at(-1)).toBe(
      `${a} was not closed: fill in Rationale first, then set Status to Closed. Status is back to "In progress".`,
    );

    typeInto(ws, SCHOOL.deputy, a, RATIONALE, 'Low risk: no referral');
    ws.clock.set('2026-09-10T22:30:00Z'); // 23:30 on 10 September in London
    typeInto(ws, SCHOOL.dsl, a, STATUS, 'Closed');
    expect(registerCell(ws, a, STATUS)).toBe('Closed');
    expect(registerCell(ws, a, CLOSED_ON)).toBe('2026-09-09T23:00:00.000Z'); // midnight, 10 September, BST
    expect(registerCell(ws, a, LAST_UPDATED)).toBe('2026-09-10T22:30:00.000Z');
    // Its neighbours and the DSL's column are as they were.
    expect([registerCell(ws, a, LESSONS), registerCell(ws, a, MY_NOTES)]).toEqual(['', 'Not ready to close']);
    expect(recorded(ws).slice(-2)).toEqual([
      [SCHOOL.dsl, a, STATUS, 'In progress', 'Closed'],
      [SCHOOL.dsl, a, CLOSED_ON, '', '10/09/2026'],
    ]);

    // A closed incident keeps its Rationale; reopening clears Closed on.
    typeInto(ws, SCHOOL.deputy, a, RATIONALE, '');
    expect(registerCell(ws, a, RATIONALE)).toBe('Low risk: no referral');
    expect(auditRecords(ws).at(-1)!.note).toMatch(/^Not saved: a closed incident keeps its Rationale/);
    ws.clock.advance(24 * HOUR);
    typeInto(ws, SCHOOL.dsl, a, STATUS, 'In progress');
    expect(registerCell(ws, a, CLOSED_ON)).toBe('');
    expect(recorded(ws).slice(-2)).toEqual([
      [SCHOOL.dsl, a, STATUS, 'Closed', 'In progress'],
      [SCHOOL.dsl, a, CLOSED_ON, '10/09/2026', ''],
    ]);

    // A paste closing two incidents: the one with an Outcome and a Rationale closes, the other is put back.
    pasteInto(ws, SCHOOL.dsl, rowOf(ws, a), STATUS, [['Closed'], ['Closed']]);
    expect([registerCell(ws, a, STATUS), registerCell(ws, b, STATUS)]).toEqual(['Closed', 'New']);
    expect(registerCell(ws, a, CLOSED_ON)).toBe('2026-09-10T23:00:00.000Z');
    expect(registerCell(ws, b, CLOSED_ON)).toBe('');

    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/^The audit trail is intact: /);
  });

  it('rows moved (as a sort does) after the column was inserted are still matched by incident ID', () => {
    const { ws, a, b } = schoolWithNotes();
    typeInto(ws, SCHOOL.dsl, a, SEVERITY, 'Low');
    typeInto(ws, SCHOOL.dsl, b, SEVERITY, 'High');
    typeInto(ws, SCHOOL.dsl, a, ACTIONS, 'Called home');
    typeInto(ws, SCHOOL.dsl, b, MY_NOTES, 'Mine, not audited');
    const before = recorded(ws).length;

    // The DSL swaps rows 2 and 3, whole, the DSL's column with them.
    const width = registerHeader(ws).length;
    const asTyped = (v: unknown): unknown =>
      typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v)
        ? ws.newDate(Date.parse(v))
        : v;
    const rows = sheetValues(ws, ws.containerId, 'Register').slice(1, 3);
    const swapped = [rows[1]!, rows[0]!].map((r) => r.slice(0, width).map(asTyped));
    const lastLetters = columnLetters(ws, registerHeader(ws)[width - 1]!);
    ws.spreadsheets._userPaste(SCHOOL.dsl, ws.containerId, 'Register', `A2:${lastLetters}3`, swapped);
    expect(recorded(ws)).toHaveLength(before);
    expect(rowOf(ws, b)).toBe(2);

    expect(rowsByHeader(ws).map((r) => [r['Incident ID'], r[MY_NOTES], r[ACTIONS]])).toEqual([
      [b, 'Mine, not audited', ''],
      [a, '', 'Called home'],
      [expect.any(String), '', ''],
    ]);

    pasteInto(ws, SCHOOL.dsl, 2, SEVERITY, [['Critical'], ['Medium']]);
    pasteInto(ws, SCHOOL.deputy, 2, ACTIONS, [['Visited'], ['Called home again']]);
    expect(recorded(ws).slice(before)).toEqual([
      [SCHOOL.dsl, b, SEVERITY, 'High', 'Critical'],
      [SCHOOL.dsl, a, SEVERITY, 'Low', 'Medium'],
      [SCHOOL.deputy, b, ACTIONS, '', 'Visited'],
      [SCHOOL.deputy, a, ACTIONS, 'Called home', 'Called home again'],
    ]);
  });

  it('an edit of the header row is not audited and breaks nothing; the columns are found by the header it leaves', () => {
    const { ws, a, b } = schoolWithNotes();
    const notes = columnLetters(ws, MY_NOTES);
    // The DSL renames their column, then writes in it.
    const rename = ws.spreadsheets._userEdit(
      SCHOOL.dsl,
      ws.containerId,
      'Register',
      `${notes}1`,
      'DSL notes',
    );
    expect(rename.installable.map((r) => r.status)).toEqual(['completed']);
    typeInto(ws, SCHOOL.dsl, a, 'DSL notes', 'Renamed, still mine');
    // A paste from the header row down: the header cell typed in capitals is still the Severity column.
    const severity = columnLetters(ws, SEVERITY);
    const paste = ws.spreadsheets._userPaste(
      SCHOOL.dsl,
      ws.containerId,
      'Register',
      `${severity}1:${severity}3`,
      [['SEVERITY'], ['High'], ['Low']],
    );
    expect(paste.installable.map((r) => r.status)).toEqual(['completed']);
    expect(recorded(ws)).toEqual([
      [SCHOOL.dsl, a, STATUS, 'New', 'Triaged'],
      [SCHOOL.dsl, a, 'Severity', '', 'High'],
      [SCHOOL.dsl, b, 'Severity', '', 'Low'],
    ]);
    expect(registerHeader(ws)).toContain('DSL notes');
    typeInto(ws, SCHOOL.dsl, b, STATUS, 'Triaged');
    expect(recorded(ws).at(-1)).toEqual([SCHOOL.dsl, b, STATUS, 'New', 'Triaged']);
  });

  it('costs the same service calls as a register without the DSL’s column', () => {
    const plain = workflowSchool();
    const plainIds = Array.from({ length: 12 }, (_, i) =>
      report(plain, ordinaryReport({ pupilsHarmed: `P${i}` })),
    );
    const noted = workflowSchool();
    const notedIds = Array.from({ length: 12 }, (_, i) =>
      report(noted, ordinaryReport({ pupilsHarmed: `P${i}` })),
    );
    insertOwnColumn(noted, ASSIGNED, MY_NOTES);
    for (const [ws, ids] of [
      [plain, plainIds],
      [noted, notedIds],
    ] as const) {
      typeInto(ws, SCHOOL.dsl, ids[0]!, SEVERITY, 'Low'); // the audit's sheets exist before measuring
    }

    const single = [plain, noted].map((ws, i) =>
      ws.calls.measure(() => typeInto(ws, SCHOOL.dsl, [plainIds, notedIds][i]![5]!, STATUS, 'Triaged')),
    );
    expect(single[1]!.calls).toEqual(single[0]!.calls);

    const block = (notes: boolean): unknown[][] =>
      Array.from({ length: 10 }, (_, i) =>
        notes
          ? ['High', `Teacher ${i}`, `note ${i}`, `Action ${i}`]
          : ['High', `Teacher ${i}`, `Action ${i}`],
      );
    const paste = [plain, noted].map((ws, i) =>
      ws.calls.measure(() => pasteInto(ws, SCHOOL.deputy, 3, SEVERITY, block(i === 1))),
    );
    expect(recorded(noted).slice(-30)).toEqual(recorded(plain).slice(-30));
    expect(paste[1]!.calls).toEqual(paste[0]!.calls);
    console.log(
      [
        'On-edit service calls with "My notes" inserted (register of 12 incidents):',
        `  single cell: ${single[1]!.total} (without the column: ${single[0]!.total})`,
        `  paste 10 rows x 3 workflow columns (+ My notes): ${paste[1]!.total} (without: ${paste[0]!.total})`,
      ].join('\n'),
    );
  });
});

describe('workflow columns the DSL moved', () => {
  it('Closed on and Last updated moved to the front are written there, and the closing rule still works', () => {
    const ws = workflowSchool();
    const [a, b] = ['Pupil A', 'Pupil B'].map((p) => report(ws, ordinaryReport({ pupilsHarmed: p })));
    typeInto(ws, SCHOOL.dsl, a!, SEVERITY, 'Medium');
    moveColumnToFront(ws, LAST_UPDATED);
    moveColumnToFront(ws, CLOSED_ON);
    expect(registerHeader(ws).slice(0, 3)).toEqual([CLOSED_ON, LAST_UPDATED, 'Incident ID']);

    pasteInto(ws, SCHOOL.dsl, rowOf(ws, a!), OUTCOME, [['Resolved', 'Low risk, no referral']]);
    ws.clock.set('2026-09-10T22:30:00Z');
    typeInto(ws, SCHOOL.dsl, a!, STATUS, 'Closed');
    typeInto(ws, SCHOOL.dsl, b!, STATUS, 'Closed');
    expect(rowsByHeader(ws).map((r) => [r[STATUS], r[CLOSED_ON], r[LAST_UPDATED]])).toEqual([
      ['Closed', '2026-09-09T23:00:00.000Z', '2026-09-10T22:30:00.000Z'],
      ['New', '', rowsByHeader(ws)[1]!['Submitted at']],
    ]);
    expect(sheetValues(ws, ws.containerId, 'Register')[1]!.slice(0, 2)).toEqual([
      '2026-09-09T23:00:00.000Z',
      '2026-09-10T22:30:00.000Z',
    ]);
    expect(recorded(ws)).toEqual([
      [SCHOOL.dsl, a, SEVERITY, '', 'Medium'],
      [SCHOOL.dsl, a, OUTCOME, '', 'Resolved'],
      [SCHOOL.dsl, a, RATIONALE, '', 'Low risk, no referral'],
      [SCHOOL.dsl, a, STATUS, 'New', 'Closed'],
      [SCHOOL.dsl, a, CLOSED_ON, '', '10/09/2026'],
      [SCHOOL.dsl, b, STATUS, 'New', 'Closed'],
    ]);
    // Editing the moved Closed on column by hand is audited like any workflow column.
    typeInto(ws, SCHOOL.dsl, a!, CLOSED_ON, '');
    expect(recorded(ws).at(-1)).toEqual([SCHOOL.dsl, a, CLOSED_ON, '10/09/2026', '']);
    clickAsDsl(ws, 'Verify audit trail');
    expect(lastAlert(ws)).toMatch(/^The audit trail is intact: 7 recorded change\(s\)/);
  });
});

describe('the DSL’s reports with columns of their own inserted', () => {
  it('the chronology and the retention review read the right columns', () => {
    const ws = workflowSchool();
    const harmed = report(
      ws,
      ordinaryReport({
        occurredAt: '2026-06-15 16:00',
        pupilsHarmed: 'Amira Khan',
        pupilsCausedHarm: 'Jordan Blake',
      }),
    );
    const causedHarm = report(
      ws,
      ordinaryReport({
        occurredAt: '2026-08-20 10:00',
        pupilsHarmed: 'Sam Ortiz',
        pupilsCausedHarm: 'Amira Khan',
      }),
    );
    // One column after Assigned to, and one right after Incident ID, which moves every other column.
    insertOwnColumn(ws, ASSIGNED, MY_NOTES);
    insertOwnColumn(ws, 'Incident ID', 'Form tutor');
    registerSheet(ws).getRange(2, columnOf(ws, 'Form tutor')).setValue('Mr Grey');
    typeInto(ws, SCHOOL.dsl, harmed, MY_NOTES, 'Spoke to Amira Khan’s mother');
    typeInto(ws, SCHOOL.dsl, harmed, ACTIONS, 'Spoke to both families');
    pasteInto(ws, SCHOOL.dsl, rowOf(ws, harmed), OUTCOME, [['Apology; monitored', 'Low risk, no referral']]);
    typeInto(ws, SCHOOL.dsl, harmed, STATUS, 'Closed');
    expect(recorded(ws).map((r) => r[2])).toEqual([ACTIONS, OUTCOME, RATIONALE, STATUS, CLOSED_ON]);

    ws.spreadsheets.ui.queueResponse(SCHOOL.dsl, { button: 'OK', text: 'Amira Khan' });
    clickAsDsl(ws, 'Pupil chronology…');
    const chronology = sheetValues(ws, ws.containerId, 'Chronology');
    // Columns: date … outcome, then the file it is recorded in and its row there.
    expect(chronology.slice(4).map((r) => [...r.slice(0, 7), r[8]])).toEqual([
      [
        '2026-06-15T15:00:00.000Z',
        harmed,
        'harmed',
        'Cyberbullying, hate or harassment',
        'Closed',
        'Spoke to both families',
        'Apology; monitored',
        2,
      ],
      [
        '2026-08-20T09:00:00.000Z',
        causedHarm,
        'caused harm',
        'Cyberbullying, hate or harassment',
        'New',
        '',
        '',
        3,
      ],
    ]);

    ws.clock.advance(2 * 365 * 24 * HOUR);
    editSettings(ws, { 'Retention review (years)': 1 });
    clickAsDsl(ws, 'Retention review');
    const review = sheetValues(ws, ws.containerId, 'Retention review');
    expect(review.slice(4).map((r) => [r[0], r[3], r[7]])).toEqual([
      [harmed, registerCell(ws, harmed, CLOSED_ON), 2],
    ]);
    expect(registerCell(ws, harmed, CLOSED_ON)).toBe('2026-09-06T23:00:00.000Z');
    expect(lastAlert(ws)).toMatch(/^Register: 1 record\(s\) past their retention date/);
  });
});
