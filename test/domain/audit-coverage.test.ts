/**
 * The pure parts of the audit's coverage and anchoring: the time kept as text, old-format rows, the nightly
 * comparison, the Settings snapshot and its notices.
 */
import { createHash } from 'node:crypto';
import {
  auditLayout,
  checkAuditChain,
  chainHash,
  GENESIS_HASH,
  planRegisterCheck,
  recordedTimeText,
  sealEntries,
  snapshotOfRegister,
  type AuditEntry,
} from '../../src/domain/audit';
import {
  renderAnchorEmail,
  renderRoutingNotice,
  routingNoticeRecipients,
  settingsChanges,
  settingsSnapshot,
} from '../../src/domain/audit-notices';
import { withoutQuotePrefix } from '../../src/domain/cells';
import { registerHeaders } from '../../src/domain/register';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
const entry = (n: number): AuditEntry => ({
  time: new Date(Date.UTC(2026, 8, 8, 9, n, 0)),
  who: 'dsl@school.example',
  incidentId: `OSI-2026-000${n}`,
  column: 'Status',
  oldValue: 'New',
  newValue: 'Triaged',
  note: '',
});

/** A date cell read back after the spreadsheet's zone changed: same wall clock, another instant. */
function rezoned(date: Date, from: string, to: string): Date {
  const wall = recordedTimeText(date, from).slice(0, 19);
  for (let h = -30; h <= 30; h++) {
    const candidate = new Date(Date.parse(`${wall}Z`) + h * 1_800_000);
    if (recordedTimeText(candidate, to).startsWith(wall)) return candidate;
  }
  throw new Error('no instant');
}

describe('the time kept as text', () => {
  test('is the wall clock in the zone with its offset', () => {
    expect(recordedTimeText(new Date('2026-09-07T10:00:00.400Z'), 'Europe/London')).toBe(
      '2026-09-07T11:00:00+01:00',
    );
    expect(recordedTimeText(new Date('2026-01-07T10:00:00Z'), 'America/New_York')).toBe(
      '2026-01-07T05:00:00-05:00',
    );
  });

  test('a change of the spreadsheet’s zone keeps a new-format trail intact; an altered Time cell is caught', () => {
    const sealed = sealEntries(GENESIS_HASH, [entry(1), entry(2)], digest, 'Europe/London');
    const rows = sealed.rows.map((r) => r.map(withoutQuotePrefix));
    const moved = rows.map((r) => [rezoned(r[0] as Date, 'Europe/London', 'Asia/Tokyo'), ...r.slice(1)]);
    const anchor = { entries: 2, lastHash: sealed.lastHash };
    expect(checkAuditChain(moved, digest, anchor, 2, 'Asia/Tokyo')).toEqual({
      intact: true,
      entries: 2,
      head: sealed.lastHash,
      anchored: true,
      oldFormat: 0,
    });
    moved[1]![0] = new Date((moved[1]![0] as Date).getTime() + 60_000);
    expect(checkAuditChain(moved, digest, anchor, 2, 'Asia/Tokyo')).toMatchObject({ intact: false, row: 3 });
  });

  test('an old-format row (no time text) is checked as written, and a zone change is explained, not hidden', () => {
    const old = [entry(1), entry(2)];
    let hash = GENESIS_HASH;
    const rows = old.map((e) => {
      hash = chainHash(hash, e, digest);
      return [e.time, e.who, e.incidentId, e.column, e.oldValue, e.newValue, e.note, hash, ''];
    });
    const anchor = { entries: 2, lastHash: hash };
    expect(checkAuditChain(rows, digest, anchor)).toMatchObject({ intact: true, oldFormat: 2 });
    const moved = rows.map((r) => [rezoned(r[0] as Date, 'Europe/London', 'Asia/Tokyo'), ...r.slice(1)]);
    const result = checkAuditChain(moved, digest, anchor, 2, 'Asia/Tokyo');
    expect(result).toMatchObject({ intact: false, row: 2 });
    expect(result.intact ? '' : result.problem).toMatch(/old format/);
  });

  test('without an anchor the rows may agree, but the result says it was not anchored', () => {
    const sealed = sealEntries(GENESIS_HASH, [entry(1)], digest, 'UTC');
    const rows = sealed.rows.map((r) => r.map(withoutQuotePrefix));
    expect(checkAuditChain(rows, digest, null)).toMatchObject({ intact: true, anchored: false });
  });
});

describe('the nightly comparison', () => {
  const headers = registerHeaders();
  const layout = auditLayout(headers)!;
  const at = (h: string): number => headers.indexOf(h);
  const row = (id: string, status: string, description: string): unknown[] => {
    const r: unknown[] = headers.map(() => '');
    r[at('Incident ID')] = id;
    r[at('Status')] = status;
    r[at('What happened')] = description;
    return r;
  };
  const columns = (rows: unknown[][]): { ids: unknown[][]; block: unknown[][] } => ({
    ids: rows.map((r) => [r[layout.idColumn - 1]]),
    block: rows.map((r) => r.slice(layout.firstAuditedColumn - 1, layout.lastAuditedColumn)),
  });
  const snapshotOf = (rows: unknown[][]): unknown[][] => {
    const { ids, block } = columns(rows);
    return snapshotOfRegister(layout, ids, block).map((r) => r.map(withoutQuotePrefix));
  };
  const base = {
    layout,
    now: new Date('2026-09-09T00:00:00Z'),
    timeZone: 'Europe/London',
    foundBy: 'the nightly check',
  };

  test('an incident gone from the register is recorded once, with what it held, and returned', () => {
    const before = [row('OSI-1', 'Triaged', 'Kept'), row('OSI-2', 'In progress', 'Deleted text')];
    const check = planRegisterCheck({
      ...base,
      ...columns([before[0]!]),
      snapshots: snapshotOf(before),
      compareValues: true,
    });
    expect(check.entries.map((e) => [e.who, e.incidentId, e.column, e.newValue])).toEqual([
      ['(not known)', 'OSI-2', '(whole row)', '(row deleted)'],
    ]);
    expect(check.entries[0]!.oldValue).toContain('Status: In progress');
    expect(check.entries[0]!.oldValue).toContain('What happened: Deleted text');
    expect(check.deleted.map((d) => [d.incidentId, d.values.status])).toEqual([['OSI-2', 'In progress']]);
    expect(check.snapshot.map((r) => withoutQuotePrefix(r[0]))).toEqual(['OSI-1']);
  });

  test('a value changed unseen is recorded without a name; new rows and the alert bookkeeping are not', () => {
    const before = [row('OSI-1', 'Triaged', 'Text')];
    const now = [row('OSI-1', 'Closed', 'Text'), row('OSI-2', 'New', 'Brand new')];
    now[0]![at('Alert status')] = 'Sent';
    const check = planRegisterCheck({
      ...base,
      ...columns(now),
      snapshots: snapshotOf(before),
      compareValues: true,
    });
    expect(check.entries.map((e) => [e.incidentId, e.column, e.oldValue, e.newValue])).toEqual([
      ['OSI-1', 'Status', 'Triaged', 'Closed'],
    ]);
    expect(check.deleted).toEqual([]);
  });
});

describe('Settings', () => {
  const sheet = (head: string, chair: string, overdue: number): unknown[][] => [
    ['Setting', 'Value', 'What it means', '', 'Category', '4Cs group', 'Always'],
    ['DSL email', 'dsl@school.example', '', '', 'Grooming', 'Contact', 'Yes'],
    ['Headteacher email', head, '', '', '', '', ''],
    ['Chair of Governors email', chair, '', '', '', '', ''],
    ['Overdue after (days)', overdue, '', '', '', '', ''],
  ];

  test('changes are listed old → new, routing ones marked', () => {
    const before = settingsSnapshot(sheet('head@school.example', 'chair@gov.example', 10), 'UTC');
    const after = settingsSnapshot(sheet('me@home.example', 'chair@gov.example', 14), 'UTC');
    expect(settingsChanges(before, after)).toEqual([
      {
        label: 'Headteacher email',
        oldValue: 'head@school.example',
        newValue: 'me@home.example',
        routing: true,
      },
      { label: 'Overdue after (days)', oldValue: '10', newValue: '14', routing: false },
    ]);
  });

  test('the notice goes to the DSL and the Chair, old and new, never to a Headteacher address', () => {
    const before = settingsSnapshot(sheet('head@school.example', 'chair@gov.example', 10), 'UTC');
    const after = settingsSnapshot(sheet('head@school.example', 'head@school.example', 10), 'UTC');
    expect(routingNoticeRecipients(before, after).sort()).toEqual([
      'chair@gov.example',
      'dsl@school.example',
    ]);
  });

  test('the notice and the anchor hold addresses, counts and hashes only', () => {
    const notice = renderRoutingNotice(
      [{ label: 'Headteacher email', oldValue: 'a@s.example', newValue: '<b>@s.example', routing: true }],
      { who: 'dsl@school.example', when: '08/09/2026 10:00', school: 'Hillside' },
    );
    expect(notice.text).toContain('dsl@school.example changed');
    expect(notice.text).toContain('Headteacher email: a@s.example → <b>@s.example');
    expect(notice.html).not.toContain('<b>@');
    const anchor = renderAnchorEmail(
      [{ trail: 'Register', entries: 3, head: 'ab'.repeat(32), anchored: true }],
      'Hillside',
      '08/09/2026',
    );
    expect(anchor.text).toContain(`Register: 3 recorded changes, chain head ${'ab'.repeat(32)}`);
  });
});
