import { createHash } from 'node:crypto';
import {
  auditedKeys,
  WORKFLOW_AUDITED_KEYS,
  auditLayout,
  auditedColumnsIn,
  checkAuditChain,
  GENESIS_HASH,
  NOT_KNOWN,
  parseAnchor,
  planEdit,
  sealEntries,
  snapshotOfRegister,
  snapshotsAligned,
  snapshotsById,
  toHex,
  type AuditEntry,
  type AuditLayout,
  type EditInput,
} from '../../src/domain/audit';
import { CELL_CHAR_LIMIT, withoutQuotePrefix } from '../../src/domain/cells';
import { registerColumns, registerHeaders, type RegisterKey } from '../../src/domain/register';

/** An independent SHA-256 (node:crypto), as Apps Script's computeDigest gives it: signed bytes. */
const digest = (text: string): number[] =>
  [...createHash('sha256').update(text, 'utf8').digest()].map((b) => (b > 127 ? b - 256 : b));

/** The layout Set up makes: the register's columns in schema order. */
const layout = auditLayout(registerHeaders())!;
const columnOf = (key: string): number => registerColumns().findIndex((c) => c.key === key) + 1;
const headerOf = (key: string): string => registerColumns().find((c) => c.key === key)!.header;

/** The header after a DSL inserted "My notes" right of Assigned to, and moved Last updated to the front. */
const DSL_HEADER: string[] = (() => {
  const headers = registerHeaders().filter((h) => h !== 'Last updated');
  headers.splice(headers.indexOf('Assigned to') + 1, 0, 'My notes');
  return ['Last updated', ...headers];
})();
const dslLayout = auditLayout(DSL_HEADER)!;
const dslColumnOf = (key: RegisterKey | 'My notes'): number =>
  DSL_HEADER.indexOf(key === 'My notes' ? key : headerOf(key)) + 1;

const SUBMITTED = new Date('2026-09-07T08:00:00Z');
const NOW = new Date('2026-09-08T13:45:30.250Z');

/**
 * A register row (columns 1 … width) as getValues gives it, fresh from the form unless changed, laid out
 * under `header` (the schema's order unless given).
 */
function registerRow(
  id: string,
  workflow: Partial<Record<string, unknown>> = {},
  lastUpdated: Date = SUBMITTED,
  header: readonly string[] = registerHeaders(),
): unknown[] {
  const at = (key: string): number => header.indexOf(key === 'My notes' ? key : headerOf(key));
  const row: unknown[] = Array.from({ length: auditLayout(header)!.width }, () => '');
  row[at('incidentId')] = id;
  row[at('submittedAt')] = SUBMITTED;
  row[at('status')] = 'New';
  row[at('lastUpdated')] = lastUpdated;
  for (const [key, value] of Object.entries(workflow)) row[at(key)] = value;
  return row;
}

/** The snapshot the audit kept for a row, as read back (no quote prefixes): Incident ID, auditedKeys() order. */
function snapshotOf(row: unknown[], under: AuditLayout = layout): unknown[] {
  const columnOfKey = new Map(under.audited.map((a) => [a.key, a.column]));
  return [row[under.idColumn - 1], ...auditedKeys().map((key) => row[columnOfKey.get(key)! - 1] ?? '')];
}

function input(overrides: Partial<EditInput> & Pick<EditInput, 'rows' | 'snapshots'>): EditInput {
  return {
    layout,
    firstRow: 2,
    firstColumn: columnOf('status'),
    numColumns: 1,
    who: 'dsl@school.example',
    now: NOW,
    timeZone: () => 'Europe/London',
    ...overrides,
  };
}

function entry(n: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    time: new Date(Date.UTC(2026, 8, 8, 9, n, 0)),
    who: 'dsl@school.example',
    incidentId: `OSI-2026-000${n}`,
    column: 'Status',
    oldValue: 'New',
    newValue: 'Triaged',
    note: '',
    ...overrides,
  };
}

/** Sealed rows as the sheet gives them back: quote prefixes gone. */
function sheetRows(entries: AuditEntry[]): unknown[][] {
  return sealEntries(GENESIS_HASH, entries, digest).rows.map((r) => r.map(withoutQuotePrefix));
}

describe('what is audited', () => {
  test('every register column but Last updated; the workflow columns keep the first snapshot slots', () => {
    const everyColumn = registerColumns()
      .map((c) => c.key)
      .filter((k) => k !== 'lastUpdated');
    expect(layout.audited.map((a) => a.key)).toEqual(everyColumn);
    expect(auditedKeys().slice(0, WORKFLOW_AUDITED_KEYS.length)).toEqual([...WORKFLOW_AUDITED_KEYS]);
    expect([...auditedKeys()].sort()).toEqual([...everyColumn].sort());
    expect(layout.audited.map((a) => a.header)).toContain('Rationale (including decisions not to refer)');
    expect(layout.audited.some((a) => a.column === layout.lastUpdatedColumn)).toBe(false);
  });

  test('a reporter column is audited; Last updated alone touches no audited column', () => {
    expect(auditedColumnsIn(layout, columnOf('description'), 1).map((a) => a.key)).toEqual(['description']);
    expect(auditedColumnsIn(layout, columnOf('lastUpdated'), 1)).toEqual([]);
    expect(auditedColumnsIn(layout, columnOf('assignedTo'), 2).map((a) => a.key)).toEqual([
      'assignedTo',
      'actions',
    ]);
  });

  test('columns are found by header wherever the DSL put them; their own column is never audited', () => {
    expect(dslLayout.idColumn).toBe(2);
    expect(dslLayout.lastUpdatedColumn).toBe(1);
    expect(dslLayout.audited.map((a) => [a.key, a.column])).toEqual(
      [...auditedKeys()].map((key) => [key, dslColumnOf(key)]).sort((a, b) => Number(a[1]) - Number(b[1])),
    );
    const notes = dslColumnOf('My notes');
    expect(notes).toBe(dslColumnOf('assignedTo') + 1);
    expect(auditedColumnsIn(dslLayout, notes, 1)).toEqual([]);
    expect(auditedColumnsIn(dslLayout, notes - 1, 3).map((a) => a.key)).toEqual(['assignedTo', 'actions']);
    // Everything the audit reads lies within the width it reads.
    expect(dslLayout.width).toBe(DSL_HEADER.length);
  });

  test('headers match whatever their case and spacing; without an Incident ID column there is no layout', () => {
    const typed = registerHeaders().map((h) => (h === 'Status' ? '  STATUS ' : h));
    expect(auditLayout(typed)!.audited.find((a) => a.key === 'status')!.column).toBe(columnOf('status'));
    expect(auditLayout(registerHeaders().filter((h) => h !== 'Incident ID'))).toBeNull();
    expect(auditLayout([])).toBeNull();
  });
});

describe('hash chain', () => {
  test('hex of signed and unsigned bytes is the same', () => {
    expect(toHex([-1, 0, 15, 127, -128])).toBe('ff000f7f80');
    expect(toHex([255, 0, 15, 127, 128])).toBe('ff000f7f80');
  });

  test('each row chains on the previous hash: the same entry after a different row hashes differently', () => {
    const [a, b] = sealEntries(GENESIS_HASH, [entry(1), entry(1)], digest).rows;
    expect(a![7]).not.toBe(b![7]);
    expect(String(a![7]).replace("'", '')).toMatch(/^[0-9a-f]{64}$/);
  });

  test('an untouched trail verifies, with its anchor', () => {
    const entries = [entry(1), entry(2), entry(3), entry(4)];
    const sealed = sealEntries(GENESIS_HASH, entries, digest);
    const rows = sheetRows(entries);
    expect(checkAuditChain(rows, digest, { entries: 4, lastHash: sealed.lastHash })).toEqual({
      intact: true,
      entries: 4,
      head: sealed.lastHash,
      anchored: true,
      oldFormat: 0,
    });
  });

  test.each([
    ['old value', 4, 'In progress'],
    ['who', 1, 'someone@else.example'],
    ['hash', 7, 'f'.repeat(64)],
  ])('changing the %s of the third record breaks the chain at sheet row 4', (_name, column, value) => {
    const entries = [entry(1), entry(2), entry(3), entry(4)];
    const sealed = sealEntries(GENESIS_HASH, entries, digest);
    const rows = sheetRows(entries);
    rows[2]![column] = value;
    const result = checkAuditChain(rows, digest, { entries: 4, lastHash: sealed.lastHash });
    expect(result).toMatchObject({ intact: false, row: 4 });
  });

  test('changing a time by a second is detected', () => {
    const entries = [entry(1), entry(2)];
    const rows = sheetRows(entries);
    rows[1]![0] = new Date((rows[1]![0] as Date).getTime() + 1000);
    expect(checkAuditChain(rows, digest, null)).toMatchObject({ intact: false, row: 3 });
  });

  test('deleting a middle row breaks the chain at the row that moved up into its place', () => {
    const entries = [entry(1), entry(2), entry(3), entry(4)];
    const sealed = sealEntries(GENESIS_HASH, entries, digest);
    const rows = sheetRows(entries);
    rows.splice(1, 1);
    expect(checkAuditChain(rows, digest, { entries: 4, lastHash: sealed.lastHash })).toMatchObject({
      intact: false,
      row: 3,
    });
  });

  test('cutting rows off the end is caught by the anchor, at the first missing row', () => {
    const entries = [entry(1), entry(2), entry(3)];
    const sealed = sealEntries(GENESIS_HASH, entries, digest);
    const rows = sheetRows(entries).slice(0, 2);
    const result = checkAuditChain(rows, digest, { entries: 3, lastHash: sealed.lastHash });
    expect(result).toMatchObject({ intact: false, row: 4 });
    expect(result.intact ? '' : result.problem).toMatch(/1 recorded change is missing/);
  });

  test('a row added by hand after the last recorded one is caught by the anchor', () => {
    const entries = [entry(1), entry(2)];
    const first = sealEntries(GENESIS_HASH, entries.slice(0, 1), digest);
    // Even a correctly chained extra row is not one the audit wrote.
    const rows = sheetRows(entries);
    expect(checkAuditChain(rows, digest, { entries: 1, lastHash: first.lastHash })).toMatchObject({
      intact: false,
      row: 3,
    });
  });

  test('a new batch continues the chain from the anchor', () => {
    const first = sealEntries(GENESIS_HASH, [entry(1)], digest);
    const second = sealEntries(first.lastHash, [entry(2), entry(3)], digest);
    const rows = [...first.rows, ...second.rows].map((r) => r.map(withoutQuotePrefix));
    expect(checkAuditChain(rows, digest, { entries: 3, lastHash: second.lastHash })).toMatchObject({
      intact: true,
      entries: 3,
      head: second.lastHash,
    });
  });

  test('text too long for a cell is stored cut, and the hash covers what is stored', () => {
    const long = 'x'.repeat(CELL_CHAR_LIMIT + 10);
    const sealed = sealEntries(GENESIS_HASH, [entry(1, { newValue: long })], digest);
    const stored = sealed.rows[0]![5] as string;
    expect(stored.length).toBeLessThanOrEqual(CELL_CHAR_LIMIT);
    const rows = sealed.rows.map((r) => r.map(withoutQuotePrefix));
    expect(checkAuditChain(rows, digest, { entries: 1, lastHash: sealed.lastHash }).intact).toBe(true);
  });

  test('text that looks like a formula is stored as text', () => {
    const sealed = sealEntries(GENESIS_HASH, [entry(1, { newValue: '=IMPORTXML("x")' })], digest);
    expect(sealed.rows[0]![5]).toBe('\'=IMPORTXML("x")');
  });

  test('the anchor reads back only when well formed', () => {
    expect(parseAnchor(JSON.stringify({ entries: 3, lastHash: 'a'.repeat(64), stateRows: 1000 }))).toEqual({
      entries: 3,
      lastHash: 'a'.repeat(64),
    });
    expect(parseAnchor('{"entries":-1,"lastHash":""}')).toBeNull();
    expect(parseAnchor('not json')).toBeNull();
    expect(parseAnchor(null)).toBeNull();
  });
});

describe('planning an edit', () => {
  test('a one-cell change is recorded with the old value from the snapshot, and Last updated is set', () => {
    const before = registerRow('OSI-2026-0001', { status: 'Triaged' }, new Date('2026-09-07T10:00:00Z'));
    const after = registerRow('OSI-2026-0001', { status: 'In progress' }, new Date('2026-09-07T10:00:00Z'));
    const plan = planEdit(
      input({ rows: [after], snapshots: [snapshotOf(before)], eventOldValue: 'Triaged' }),
    );
    expect(plan.entries).toEqual([
      {
        time: NOW,
        who: 'dsl@school.example',
        incidentId: 'OSI-2026-0001',
        column: 'Status',
        oldValue: 'Triaged',
        newValue: 'In progress',
        note: '',
      },
    ]);
    expect(plan.writes).toEqual([{ offset: 0, column: layout.lastUpdatedColumn, value: NOW }]);
    expect(plan.snapshots[0]!.map(withoutQuotePrefix)).toEqual(snapshotOf(after));
    expect(plan.messages).toEqual([]);
  });

  test('typing the same value again records nothing and changes nothing', () => {
    const row = registerRow('OSI-2026-0001', { severity: 'High' }, new Date('2026-09-07T10:00:00Z'));
    const plan = planEdit(
      input({
        rows: [row],
        snapshots: [snapshotOf(row)],
        firstColumn: columnOf('severity'),
        eventOldValue: 'High',
      }),
    );
    expect(plan.entries).toEqual([]);
    expect(plan.writes).toEqual([]);
  });

  test('a paste over two rows and two columns is recorded cell by cell, only where the value changed', () => {
    const was = [
      registerRow('OSI-2026-0001', { assignedTo: 'Ms Khan' }, NOW),
      registerRow('OSI-2026-0002', {}, NOW),
    ];
    const now = [
      registerRow('OSI-2026-0001', { assignedTo: 'Ms Khan', actions: 'Called parents' }, NOW),
      registerRow('OSI-2026-0002', { assignedTo: 'Mr Lee', actions: 'Spoke to pupil' }, NOW),
    ];
    const plan = planEdit(
      input({
        rows: now,
        snapshots: was.map((r) => snapshotOf(r)),
        firstColumn: columnOf('assignedTo'),
        numColumns: 2,
        who: 'deputy@school.example',
      }),
    );
    expect(plan.entries.map((e) => [e.incidentId, e.column, e.oldValue, e.newValue, e.who])).toEqual([
      ['OSI-2026-0001', 'Actions and decisions', '', 'Called parents', 'deputy@school.example'],
      ['OSI-2026-0002', 'Assigned to', '', 'Mr Lee', 'deputy@school.example'],
      ['OSI-2026-0002', 'Actions and decisions', '', 'Spoke to pupil', 'deputy@school.example'],
    ]);
    expect(plan.writes.filter((w) => w.column === layout.lastUpdatedColumn).map((w) => w.offset)).toEqual([
      0, 1,
    ]);
  });

  test('rows without an incident ID are left alone and their snapshot is blank', () => {
    const blank = Array.from({ length: layout.width }, () => '');
    blank[columnOf('status') - 1] = 'Closed';
    const plan = planEdit(input({ rows: [blank], snapshots: [undefined] }));
    expect(plan.entries).toEqual([]);
    expect(plan.writes).toEqual([]);
    expect(plan.snapshots[0]!.every((v) => v === '')).toBe(true);
  });

  test('a row the audit has not seen yet, unchanged since the form, starts from the form’s values', () => {
    const fresh = registerRow('OSI-2026-0003', { status: 'Triaged', severity: 'Low' });
    const plan = planEdit(
      input({ rows: [fresh], snapshots: [['', '', '', '']], firstColumn: columnOf('status'), numColumns: 2 }),
    );
    expect(plan.entries.map((e) => [e.column, e.oldValue, e.newValue])).toEqual([
      ['Status', 'New', 'Triaged'],
      ['Severity', '', 'Low'],
    ]);
  });

  test('a paste over a row whose earlier values are unknown says so rather than guessing', () => {
    const edited = registerRow('OSI-2026-0004', { severity: 'High', assignedTo: 'Ms Khan' }, NOW);
    const plan = planEdit(
      input({ rows: [edited], snapshots: [undefined], firstColumn: columnOf('severity'), numColumns: 2 }),
    );
    expect(plan.entries.map((e) => [e.column, e.oldValue, e.newValue])).toEqual([
      ['Severity', NOT_KNOWN, 'High'],
      ['Assigned to', NOT_KNOWN, 'Ms Khan'],
    ]);
    expect(plan.entries[0]!.note).toMatch(/not known/);
  });

  test('a one-cell edit the snapshot cannot answer uses the event’s old value; a date’s serial is shown as a date', () => {
    const edited = registerRow('OSI-2026-0005', { referralDate: new Date('2026-09-09T00:00:00+01:00') }, NOW);
    const plan = planEdit(
      input({
        rows: [edited],
        snapshots: [undefined],
        firstColumn: columnOf('referralDate'),
        eventOldValue: '46273', // 08/09/2026 (days since 30/12/1899)
      }),
    );
    expect(plan.entries.map((e) => [e.column, e.oldValue, e.newValue])).toEqual([
      ['Referral date', '08/09/2026', '09/09/2026'],
    ]);
  });

  describe('closing rule', () => {
    const status = columnOf('status');

    test('Closed without Outcome and Rationale is put back, recorded and explained', () => {
      const was = registerRow('OSI-2026-0001', { status: 'In progress', outcome: 'Resolved' }, NOW);
      const now = registerRow('OSI-2026-0001', { status: 'Closed', outcome: 'Resolved' }, NOW);
      const plan = planEdit(input({ rows: [now], snapshots: [snapshotOf(was)] }));
      expect(plan.writes).toEqual([{ offset: 0, column: status, value: 'In progress' }]);
      expect(plan.entries).toHaveLength(1);
      expect(plan.entries[0]).toMatchObject({
        column: 'Status',
        oldValue: 'In progress',
        newValue: 'Closed',
      });
      expect(plan.entries[0]!.note).toMatch(/^Not saved: .*Rationale empty.*"In progress"/);
      expect(plan.messages).toEqual([
        'OSI-2026-0001 was not closed: fill in Rationale first, then set Status to Closed. Status is back to "In progress".',
      ]);
      expect(plan.snapshots[0]![1]).toBe("'In progress");
    });

    test('Closed with both sets Closed on to the day, in the school’s time zone', () => {
      const fields = { outcome: 'Resolved', rationale: 'No further risk; no referral needed' };
      const was = registerRow('OSI-2026-0001', { status: 'In progress', ...fields }, NOW);
      const now = registerRow('OSI-2026-0001', { status: 'Closed', ...fields }, NOW);
      const plan = planEdit(
        input({ rows: [now], snapshots: [snapshotOf(was)], now: new Date('2026-09-08T23:30:00Z') }),
      );
      const midnightLondon = new Date('2026-09-08T23:00:00Z'); // 00:00 on 9 September, BST
      expect(plan.entries.map((e) => [e.column, e.oldValue, e.newValue, e.note])).toEqual([
        ['Status', 'In progress', 'Closed', ''],
        [headerOf('closedOn'), '', '09/09/2026', 'Set when the incident was closed.'],
      ]);
      expect(plan.writes).toContainEqual({ offset: 0, column: columnOf('closedOn'), value: midnightLondon });
      expect(plan.messages).toEqual([]);
    });

    test('a Closed on the DSL typed in the same paste is kept', () => {
      const typed = new Date('2026-09-01T00:00:00+01:00');
      const fields = { outcome: 'Resolved', rationale: 'Done', closedOn: typed };
      const was = registerRow('OSI-2026-0001', { status: 'Triaged' }, NOW);
      const now = registerRow('OSI-2026-0001', { status: 'Closed', ...fields }, NOW);
      const plan = planEdit(
        input({ rows: [now], snapshots: [snapshotOf(was)], numColumns: columnOf('closedOn') - status + 1 }),
      );
      expect(plan.writes.filter((w) => w.column === columnOf('closedOn'))).toEqual([]);
      expect(plan.entries.map((e) => e.column)).toEqual([
        'Status',
        'Outcome',
        'Rationale (including decisions not to refer)',
        'Closed on',
      ]);
    });

    test('reopening clears Closed on, and says so', () => {
      const closedOn = new Date('2026-09-01T00:00:00+01:00');
      const fields = { outcome: 'Resolved', rationale: 'Done', closedOn };
      const was = registerRow('OSI-2026-0001', { status: 'Closed', ...fields }, NOW);
      const now = registerRow('OSI-2026-0001', { ...fields, status: 'In progress' }, NOW);
      const plan = planEdit(input({ rows: [now], snapshots: [snapshotOf(was)] }));
      expect(plan.entries.map((e) => [e.column, e.oldValue, e.newValue])).toEqual([
        ['Status', 'Closed', 'In progress'],
        ['Closed on', '01/09/2026', ''],
      ]);
      expect(plan.writes).toContainEqual({ offset: 0, column: columnOf('closedOn'), value: '' });
    });

    test('emptying the Rationale of a closed incident is put back', () => {
      const fields = { status: 'Closed', outcome: 'Resolved', closedOn: NOW };
      const was = registerRow('OSI-2026-0001', { ...fields, rationale: 'No referral: low risk' }, NOW);
      const now = registerRow('OSI-2026-0001', { ...fields, rationale: '' }, NOW);
      const plan = planEdit(
        input({ rows: [now], snapshots: [snapshotOf(was)], firstColumn: columnOf('rationale') }),
      );
      expect(plan.writes).toEqual([
        { offset: 0, column: columnOf('rationale'), value: "'No referral: low risk" },
      ]);
      expect(plan.entries[0]).toMatchObject({ oldValue: 'No referral: low risk', newValue: '' });
      expect(plan.entries[0]!.note).toMatch(/^Not saved/);
      expect(plan.messages[0]).toMatch(/OSI-2026-0001 is closed/);
    });

    test('in a paste, only the rows closed without a rationale are put back', () => {
      const was = [
        registerRow('OSI-2026-0001', { status: 'Triaged', outcome: 'A', rationale: 'B' }, NOW),
        registerRow('OSI-2026-0002', { status: 'Triaged' }, NOW),
      ];
      const now = [
        registerRow('OSI-2026-0001', { status: 'Closed', outcome: 'A', rationale: 'B' }, NOW),
        registerRow('OSI-2026-0002', { status: 'Closed' }, NOW),
      ];
      const plan = planEdit(input({ rows: now, snapshots: was.map((r) => snapshotOf(r)) }));
      expect(plan.writes.filter((w) => w.column === status)).toEqual([
        { offset: 1, column: status, value: 'Triaged' },
      ]);
      expect(plan.messages).toHaveLength(1);
      expect(plan.messages[0]).toMatch(/^OSI-2026-0002 was not closed: fill in Outcome and Rationale/);
      // The refused row's Last updated is not touched: nothing of it changed.
      expect(plan.writes.filter((w) => w.column === layout.lastUpdatedColumn).map((w) => w.offset)).toEqual([
        0,
      ]);
    });
  });
});

describe('planning an edit under a layout the DSL changed', () => {
  const dslRow = (workflow: Partial<Record<string, unknown>>, notes = ''): unknown[] =>
    registerRow('OSI-2026-0001', { ...workflow, 'My notes': notes }, NOW, DSL_HEADER);
  const dslInput = (overrides: Partial<EditInput> & Pick<EditInput, 'rows' | 'snapshots'>): EditInput =>
    input({ layout: dslLayout, firstColumn: dslColumnOf('status'), ...overrides });

  test('a paste across Assigned to, the DSL’s column and Actions records the two workflow cells by name', () => {
    const was = dslRow({ status: 'Triaged' }, 'old note');
    const now = dslRow({ status: 'Triaged', assignedTo: 'Ms Khan', actions: 'Called parents' }, 'new note');
    const plan = planEdit(
      dslInput({
        rows: [now],
        snapshots: [snapshotOf(was, dslLayout)],
        firstColumn: dslColumnOf('assignedTo'),
        numColumns: 3,
      }),
    );
    expect(plan.entries.map((e) => [e.column, e.oldValue, e.newValue])).toEqual([
      ['Assigned to', '', 'Ms Khan'],
      ['Actions and decisions', '', 'Called parents'],
    ]);
    // Last updated is written where its header now is (the first column), nothing into the DSL's column.
    expect(plan.writes).toEqual([{ offset: 0, column: 1, value: NOW }]);
    // The snapshot keeps its own fixed columns, whatever the register's order.
    expect(plan.snapshots[0]!.map(withoutQuotePrefix)).toEqual(snapshotOf(now, dslLayout));
    expect(plan.snapshots[0]).toHaveLength(auditedKeys().length + 1);
  });

  test('an edit of the DSL’s column alone records and writes nothing', () => {
    const row = dslRow({ status: 'Triaged' }, 'Phoned home');
    const plan = planEdit(
      dslInput({
        rows: [row],
        snapshots: [snapshotOf(row, dslLayout)],
        firstColumn: dslColumnOf('My notes'),
      }),
    );
    expect(plan).toMatchObject({ entries: [], writes: [], messages: [] });
  });

  test('the closing rule checks Outcome and Rationale where they are, and puts Status back in its column', () => {
    const was = dslRow({ status: 'In progress', outcome: 'Resolved' });
    const now = dslRow({ status: 'Closed', outcome: 'Resolved' });
    const refused = planEdit(dslInput({ rows: [now], snapshots: [snapshotOf(was, dslLayout)] }));
    expect(refused.writes).toEqual([{ offset: 0, column: dslColumnOf('status'), value: 'In progress' }]);
    expect(refused.messages[0]).toMatch(/fill in Rationale first/);

    const fields = { outcome: 'Resolved', rationale: 'Low risk, no referral' };
    const closed = planEdit(
      dslInput({
        rows: [dslRow({ status: 'Closed', ...fields })],
        snapshots: [snapshotOf(dslRow({ status: 'In progress', ...fields }), dslLayout)],
        now: new Date('2026-09-08T23:30:00Z'),
      }),
    );
    expect(closed.writes).toEqual([
      { offset: 0, column: dslColumnOf('closedOn'), value: new Date('2026-09-08T23:00:00Z') },
      { offset: 0, column: 1, value: new Date('2026-09-08T23:30:00Z') },
    ]);
    expect(closed.entries.map((e) => e.column)).toEqual(['Status', 'Closed on']);
  });

  test('without a Closed on or Last updated column, closing still works and nothing is written blind', () => {
    const header = registerHeaders().filter((h) => h !== 'Closed on' && h !== 'Last updated');
    const partial = auditLayout(header)!;
    /** 0-based, as in a row read by getValues. */
    const at = (key: RegisterKey): number => header.indexOf(headerOf(key));
    const row = (status: string): unknown[] => {
      const r: unknown[] = Array.from({ length: partial.width }, () => '');
      r[at('incidentId')] = 'OSI-2026-0001';
      r[at('status')] = status;
      r[at('outcome')] = 'Resolved';
      r[at('rationale')] = 'No referral';
      return r;
    };
    const snapshot: unknown[] = [
      'OSI-2026-0001',
      ...auditedKeys().map((k) => (k === 'status' ? 'Triaged' : '')),
    ];
    snapshot[auditedKeys().indexOf('outcome') + 1] = 'Resolved';
    snapshot[auditedKeys().indexOf('rationale') + 1] = 'No referral';
    snapshot[auditedKeys().indexOf('closedOn') + 1] = new Date('2026-09-01T00:00:00Z');
    const plan = planEdit(
      input({ layout: partial, rows: [row('Closed')], snapshots: [snapshot], firstColumn: at('status') + 1 }),
    );
    expect(plan.entries.map((e) => [e.column, e.oldValue, e.newValue])).toEqual([
      ['Status', 'Triaged', 'Closed'],
    ]);
    expect(plan.writes).toEqual([]);
    // The missing column's last known value is kept in the snapshot, not lost.
    expect(plan.snapshots[0]![auditedKeys().indexOf('closedOn') + 1]).toEqual(
      new Date('2026-09-01T00:00:00Z'),
    );
  });
});

describe('snapshot alignment', () => {
  test('aligned when each row’s snapshot has its ID, or is blank for a row fresh from the form', () => {
    const seen = registerRow('OSI-2026-0001', {}, NOW);
    const fresh = registerRow('OSI-2026-0002');
    expect(snapshotsAligned(layout, [seen, fresh], [snapshotOf(seen), ['']])).toBe(true);
  });

  test('not aligned after a sort (another incident’s snapshot on the row) or for a changed row never seen', () => {
    const a = registerRow('OSI-2026-0001', {}, NOW);
    const b = registerRow('OSI-2026-0002', {}, NOW);
    expect(snapshotsAligned(layout, [a], [snapshotOf(b)])).toBe(false);
    expect(snapshotsAligned(layout, [a], [['']])).toBe(false);
  });

  test('the whole-register snapshot is looked up by ID', () => {
    const a = registerRow('OSI-2026-0001', { severity: 'Low' }, NOW);
    const ids = [[a[0]], ['']];
    const block = [a.slice(layout.firstAuditedColumn - 1, layout.lastAuditedColumn), []];
    const rows = snapshotOfRegister(layout, ids, block).map((r) => r.map(withoutQuotePrefix));
    expect(rows[0]).toEqual(snapshotOf(a));
    expect(rows[1]!.every((v) => v === '')).toBe(true);
    expect(snapshotsById(rows).get('OSI-2026-0001')).toEqual(snapshotOf(a));
  });
});
