import { deriveIncident } from '../../src/domain/flags';
import { newIncident, type RegisterEntry } from '../../src/domain/register';
import {
  estimatePupilBirth,
  RETENTION_HEADER_ROW,
  RETENTION_HEADERS,
  retentionDecision,
  retentionReview,
  retentionSheetRows,
  yearNumberOf,
  type RetentionRules,
} from '../../src/domain/retention';
import { createHash } from 'node:crypto';
import { checkAuditChain, sealEntries, type AuditEntry } from '../../src/domain/audit';
import { planRedaction, REDACTED_MARKER, REDACTION_COLUMN, redactionNotes } from '../../src/domain/redaction';
import type { RecordFile } from '../../src/domain/routing';
import { defaultSettings } from '../../src/domain/settings';
import { instantOfLocal } from '../../src/domain/time';
import type { IncidentReport, Workflow } from '../../src/domain/types';

const settings = defaultSettings();
const TZ = 'Europe/London';
const NOW = new Date('2032-09-08T09:00:00Z');

let seq = 0;

function incident(workflow: Partial<Workflow>): RegisterEntry {
  seq += 1;
  const report: IncidentReport = {
    responseId: `resp-${seq}`,
    submittedAt: new Date('2025-01-10T09:00:00Z'),
    reporterEmail: 'teacher@school.example',
    occurredAt: new Date('2025-01-09T16:00:00Z'),
    categories: ['Online gaming'],
    platform: '',
    location: '',
    description: 'Something happened.',
    pupilsHarmed: ['Amira Khan'],
    pupilsCausedHarm: [],
    pupilsOther: [],
    yearGroups: [],
    adultConcern: 'none',
    adultDetails: '',
    adultRole: '',
    childAtRisk: 'No',
    toldDslInPerson: 'No',
    evidenceKept: '',
    evidenceWhere: '',
    actionsTaken: '',
    parentsInformed: '',
  };
  const id = `OSI-2025-${String(seq).padStart(4, '0')}`;
  return {
    ...newIncident(report, deriveIncident(report, settings, id)),
    ...workflow,
    alertStatus: '',
    alertLog: '',
  };
}

/** Midnight at the start of a local (London) day, as a Closed on cell holds it. */
function day(iso: string): Date {
  const [year, month, date] = iso.split('-').map(Number) as [number, number, number];
  return instantOfLocal({ year, month, day: date }, TZ);
}

const RULES: RetentionRules = { retentionYears: 6, retirementAge: 67 };

/** London midnight of a day, as dd/mm/yyyy. */
const shown = (d: Date | null): string =>
  d === null ? 'none' : new Intl.DateTimeFormat('en-GB', { timeZone: TZ }).format(d);

const closed = (closedOn: Date | null, lastUpdated: Date | null = closedOn): Partial<Workflow> => ({
  status: 'Closed',
  outcome: 'Resolved',
  rationale: 'Done',
  closedOn,
  lastUpdated,
});

function subject(
  file: RecordFile,
  workflow: Partial<Workflow>,
  extra: Partial<RegisterEntry> = {},
  dates: { pupilBirthDate?: Date; adultBirthDate?: Date } = {},
): { file: RecordFile; incident: RegisterEntry; row: number; pupilBirthDate?: Date; adultBirthDate?: Date } {
  return { file, incident: { ...incident(workflow), ...extra }, row: seq + 1, ...dates };
}

describe('retention by record type', () => {
  test('year groups: Year N, Reception, Nursery; anything else is not a year group', () => {
    expect(
      ['Year 7', 'Y7', 'yr 11', 'Reception', 'Nursery', 'Year 13', 'Sixth form', ''].map(yearNumberOf),
    ).toEqual([7, 7, 11, 0, -1, 13, null, null]);
  });

  test('child protection: until the 25th birthday of the youngest pupil of the year group, an estimate', () => {
    // Year 7 in 2026/27: born 1 Sep 2014 – 31 Aug 2015; the youngest is 25 on 31 Aug 2040.
    const s = subject('register', closed(day('2026-10-01')), {
      childProtection: true,
      yearGroups: ['Year 9', 'Year 7'],
      occurredAt: day('2026-09-20'),
    });
    const d = retentionDecision(s, RULES, TZ);
    expect(d.type).toBe('child-protection');
    expect(shown(d.keepUntil)).toBe('31/08/2040');
    expect(d.estimated).toBe(true);
    expect(d.basis).toMatch(/Estimate.*Year 7 in the school year 2026\/27.*born on 31\/08\/2015/);
    // In the summer term the school year began the September before: the same pupils; a year later, the next.
    const summer = subject('register', closed(day('2027-07-01')), {
      childProtection: true,
      yearGroups: ['Year 7'],
      occurredAt: day('2027-06-20'),
    });
    expect(shown(retentionDecision(summer, RULES, TZ).keepUntil)).toBe('31/08/2040');
    const next = { ...summer, incident: { ...summer.incident, occurredAt: day('2027-09-02') } };
    expect(shown(retentionDecision(next, RULES, TZ).keepUntil)).toBe('31/08/2041');
    expect(estimatePupilBirth(['Reception'], day('2026-09-20'), TZ)?.birthDate.toISOString()).toBe(
      day('2022-08-31').toISOString(),
    );
  });

  test('child protection: a date of birth gives the exact 25th birthday; no year group cannot be dated', () => {
    const exact = subject(
      'register',
      closed(day('2026-10-01')),
      { childProtection: true, yearGroups: ['Year 7'] },
      { pupilBirthDate: day('2015-02-03') },
    );
    const d = retentionDecision(exact, RULES, TZ);
    expect([shown(d.keepUntil), d.estimated]).toEqual(['03/02/2040', false]);
    const none = subject('register', closed(day('2026-10-01')), { childProtection: true, yearGroups: [] });
    const n = retentionDecision(none, RULES, TZ);
    expect(n.keepUntil).toBeNull();
    expect(n.basis).toMatch(/no year group/);
  });

  test('allegation: the later of 10 years from the allegation and normal retirement age', () => {
    const at = { submittedAt: day('2026-09-07') };
    const noDob = retentionDecision(subject('staff-allegations', closed(day('2026-12-01')), at), RULES, TZ);
    expect([noDob.type, shown(noDob.keepUntil), noDob.estimated]).toEqual(['allegation', '07/09/2036', true]);
    expect(noDob.basis).toMatch(/retirement age \(67, Settings\).*check with HR/);
    // Born 1980: 67 in 2047, later than 2036.
    const young = subject('headteacher-allegations', closed(null), at, { adultBirthDate: day('1980-05-04') });
    expect(shown(retentionDecision(young, RULES, TZ).keepUntil)).toBe('04/05/2047');
    // Born 1965: 67 in 2032, earlier than 2036: ten years wins.
    const older = subject('staff-allegations', closed(null), at, { adultBirthDate: day('1965-05-04') });
    expect(shown(retentionDecision(older, RULES, TZ).keepUntil)).toBe('07/09/2036');
    // A later retirement age in Settings moves it.
    expect(shown(retentionDecision(older, { ...RULES, retirementAge: 72 }, TZ).keepUntil)).toBe('04/05/2037');
  });

  test('other records: the Settings period after closing', () => {
    const d = retentionDecision(subject('register', closed(day('2026-09-08'))), RULES, TZ);
    expect([d.type, shown(d.keepUntil), d.estimated]).toEqual(['other', '08/09/2032', false]);
    expect(
      shown(
        retentionDecision(subject('register', closed(day('2026-09-08'))), { ...RULES, retentionYears: 2 }, TZ)
          .keepUntil,
      ),
    ).toBe('08/09/2028');
  });

  test('the review lists closed records past their date, oldest first; open ones never', () => {
    const subjects = [
      { ...subject('register', closed(day('2026-09-08'))), row: 2 }, // other: due today
      { ...subject('register', closed(day('2026-09-09'))), row: 3 }, // due tomorrow
      { ...subject('register', closed(day('2025-03-01'))), row: 4 },
      { ...subject('register', { status: 'In progress', lastUpdated: day('2020-02-01') }), row: 5 },
      {
        ...subject('register', closed(day('2026-01-01')), { childProtection: true, yearGroups: ['Year 13'] }),
        row: 6,
      },
      {
        ...subject('register', closed(day('2026-01-01')), { childProtection: true, yearGroups: [] }),
        row: 7,
      },
    ];
    const review = retentionReview(subjects, RULES, NOW, TZ);
    // Row 6: Year 13 in 2024/25, the youngest 25 on 31/08/2032, before today (08/09/2032).
    expect(review.due.map((d) => d.row)).toEqual([4, 6, 2]);
    expect(review.undated.map((d) => d.row)).toEqual([7]);
  });

  test('closed on 29 February: the period ends on 28 February in a common year', () => {
    const s = [{ ...subject('register', closed(day('2028-02-29'))), row: 2 }];
    const one = { ...RULES, retentionYears: 1 };
    expect(retentionReview(s, one, new Date('2029-02-28T12:00:00Z'), TZ).due).toHaveLength(1);
    expect(retentionReview(s, one, new Date('2029-02-27T12:00:00Z'), TZ).due).toHaveLength(0);
  });

  test('the sheet lists IDs, types, dates and places, never a pupil’s name, and says nothing was deleted', () => {
    const s = [
      {
        ...subject('register', closed(day('2025-03-01'))),
        row: 4,
        places: ['Register: row 4', 'Form response'],
      },
    ];
    const rows = retentionSheetRows(retentionReview(s, RULES, NOW, TZ), '08/09/2032', 'register');
    expect(rows[RETENTION_HEADER_ROW - 1]).toEqual([...RETENTION_HEADERS]);
    const row = rows[RETENTION_HEADER_ROW]!;
    expect([row[0], row[1], row[6], row[7]]).toEqual([
      `'${s[0]!.incident.incidentId}`,
      "'Other",
      "'Register: row 4\nForm response",
      4,
    ]);
    expect(String(rows[1]![0])).toMatch(/Nothing has been deleted/);
    expect(JSON.stringify(rows)).not.toMatch(/Amira/);
    const empty = retentionSheetRows({ due: [], undated: [] }, '08/09/2032', 'register');
    expect(empty[RETENTION_HEADER_ROW]).toEqual(["'No closed record is past its retention date."]);
  });
});

describe('redaction keeps the audit chain verifiable', () => {
  const sha = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  const entry = (incidentId: string, oldValue: string, newValue: string, minute: number): AuditEntry => ({
    time: new Date(Date.UTC(2026, 8, 7, 10, minute)),
    who: 'dsl@school.example',
    incidentId,
    column: 'Actions and decisions',
    oldValue,
    newValue,
    note: '',
  });
  /** Sealed rows as getValues gives them back (no quote prefix). */
  function trail(entries: AuditEntry[], from = '0'.repeat(64)): { rows: unknown[][]; lastHash: string } {
    const sealed = sealEntries(from, entries, sha, TZ);
    return {
      rows: sealed.rows.map((r) => r.map((c) => (typeof c === 'string' ? c.replace(/^'/, '') : c))),
      lastHash: sealed.lastHash,
    };
  }

  test('rows redacted with their seals listed further down verify; any other change does not', () => {
    const first = trail([
      entry('OSI-2026-0001', '', 'Spoke to Amira', 1),
      entry('OSI-2026-0002', '', 'Kept', 2),
      entry('OSI-2026-0001', 'Spoke to Amira', 'Spoke to Amira and her mum', 3),
    ]);
    const plan = planRedaction(first.rows, 'OSI-2026-0001', sha);
    expect(plan.cells.map((c) => c.index)).toEqual([0, 2]);
    const body = first.rows.map((r) => [...r]);
    for (const c of plan.cells) {
      body[c.index]![4] = c.oldValue;
      body[c.index]![5] = c.newValue;
    }
    expect(body[0]![4]).toBe('');
    expect(body[0]![5]).toBe(REDACTED_MARKER);
    // Without the redaction record the chain breaks at the first redacted row.
    expect(checkAuditChain(body, sha, null, 2, TZ)).toMatchObject({ intact: false, row: 2 });
    const records = redactionNotes(plan.seals).map((note) => ({
      ...entry('OSI-2026-0001', '', 'Text of 2 audit row(s) removed', 4),
      column: REDACTION_COLUMN,
      note,
    }));
    const tail = trail(records, first.lastHash);
    const full = [...body, ...tail.rows];
    const result = checkAuditChain(full, sha, { entries: full.length, lastHash: tail.lastHash }, 2, TZ);
    expect(result).toMatchObject({ intact: true, anchored: true, redacted: 2 });
    expect(JSON.stringify(full)).not.toMatch(/Amira/);
    // Changing what is left of a redacted row (who) breaks its seal.
    const tampered = full.map((r) => [...r]);
    tampered[2]![1] = 'someone@else.example';
    expect(checkAuditChain(tampered, sha, null, 2, TZ)).toMatchObject({ intact: false, row: 4 });
    // Redacting a row whose seal is not listed (another incident's) breaks the chain there.
    const unlisted = full.map((r) => [...r]);
    unlisted[1]![5] = REDACTED_MARKER;
    expect(checkAuditChain(unlisted, sha, null, 2, TZ)).toMatchObject({ intact: false, row: 3 });
  });
});
