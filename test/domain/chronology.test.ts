import { withoutQuotePrefix } from '../../src/domain/cells';
import {
  buildChronology,
  CHRONOLOGY_HEADER_ROW,
  CHRONOLOGY_HEADERS,
  chronologySheetRows,
  nameKeysInCell,
  pupilDisplayName,
  pupilNameKey,
} from '../../src/domain/chronology';
import { deriveIncident } from '../../src/domain/flags';
import { incidentToRow, newIncident, registerHeaders } from '../../src/domain/register';
import { defaultSettings } from '../../src/domain/settings';
import type { IncidentReport, Workflow } from '../../src/domain/types';

const settings = defaultSettings();
const TZ = 'Europe/London';

let seq = 0;

/** A register row as getValues gives it back. Pupil fields are the cell text as typed. */
function row(
  pupils: { harmed?: string; causedHarm?: string; other?: string },
  occurredAt: string | null,
  workflow: Partial<Workflow> = {},
  categories = ['Cyberbullying, hate or harassment'],
): unknown[] {
  seq += 1;
  const report: IncidentReport = {
    responseId: `resp-${seq}`,
    submittedAt: new Date('2026-10-01T09:00:00Z'),
    reporterEmail: 'teacher@school.example',
    occurredAt: occurredAt ? new Date(occurredAt) : null,
    categories,
    platform: 'WhatsApp',
    location: 'Outside school',
    description: 'Messages.',
    // One entry holding the cell's whole text: incidentToRow writes it as typed.
    pupilsHarmed: pupils.harmed ? [pupils.harmed] : [],
    pupilsCausedHarm: pupils.causedHarm ? [pupils.causedHarm] : [],
    pupilsOther: pupils.other ? [pupils.other] : [],
    yearGroups: ['Year 6'],
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
  const id = `OSI-2026-${String(seq).padStart(4, '0')}`;
  const incident = { ...newIncident(report, deriveIncident(report, settings, id)), ...workflow };
  return incidentToRow(incident).map(withoutQuotePrefix);
}

describe('pupil names', () => {
  test.each([
    ['Amira Khan', 'amira khan'],
    ['  AMIRA   khan ', 'amira khan'],
    ['Khan, Amira', 'amira khan'],
    ['KHAN ,amira', 'amira khan'],
    ['Amira', 'amira'],
    ['Amira Khan (8R)', 'amira khan'],
    ['Amira Khan 8R', 'amira khan'],
    ['Khan, Amira - Year 8', 'amira khan'],
    ["Siobhan O'Brien-Kelly", "siobhan o'brien-kelly"],
  ])('%j has the key %j', (name, key) => {
    expect(pupilNameKey(name)).toBe(key);
  });

  test('a different pupil with a similar name has a different key', () => {
    expect(pupilNameKey('Amira Khanum')).not.toBe(pupilNameKey('Amira Khan'));
    expect(pupilNameKey('Khan Amira')).not.toBe(pupilNameKey('Amira Khan'));
  });

  test('display name turns "Surname, First name" round', () => {
    expect(pupilDisplayName(' khan,  Amira ')).toBe('Amira khan');
  });

  test('a cell is read whole, piece by piece and as "Surname, First name" pairs', () => {
    const keys = nameKeysInCell('Jordan Blake, Khan, Amira\nSAM  ORTIZ');
    expect(keys.has('jordan blake')).toBe(true);
    expect(keys.has('amira khan')).toBe(true);
    expect(keys.has('sam ortiz')).toBe(true);
    expect(keys.has('amira')).toBe(true);
  });

  test('"Surname, First name" the form reader split into two lines is still read as one name', () => {
    expect(nameKeysInCell('Khan\nAmira (8R)').has('amira khan')).toBe(true);
    // Two full names on two lines are two pupils, not one.
    expect(nameKeysInCell('Amira Khan\nLeo Grant').has('leo grant amira khan')).toBe(false);
  });
});

describe('building a chronology', () => {
  const header = registerHeaders();

  test('lists exactly the incidents naming the pupil, oldest first, with the pupil’s role in each', () => {
    const values = [
      header,
      row({ other: 'amira KHAN' }, '2026-03-02T10:00:00Z', { status: 'Triaged', actions: 'Spoke to Amira' }),
      row({ harmed: 'Khan, Amira', causedHarm: 'Jordan Blake' }, '2025-11-20T15:00:00Z', {
        status: 'Closed',
        outcome: 'Apology and monitoring',
      }),
      row({ harmed: 'Sam Ortiz', causedHarm: 'Amira  Khan\nLeo Grant' }, '2026-01-15T08:30:00Z'),
      row({ harmed: 'Amira Khanum' }, '2025-10-01T10:00:00Z'),
      row({ harmed: 'Jordan Blake' }, '2025-09-01T10:00:00Z'),
    ];
    const entries = buildChronology('Amira Khan', values, TZ);
    expect(entries.map((e) => [e.row, e.roles, e.status])).toEqual([
      [3, ['harmed'], 'Closed'],
      [4, ['caused harm'], 'New'],
      [2, ['involved'], 'Triaged'],
    ]);
    expect(entries[0]!.outcome).toBe('Apology and monitoring');
    expect(entries[2]!.actions).toBe('Spoke to Amira');
    expect(entries[0]!.categories).toEqual(['Cyberbullying, hate or harassment']);
  });

  test('a pupil named in two roles in one incident has both', () => {
    const values = [header, row({ harmed: 'Amira Khan', causedHarm: 'Khan, Amira' }, '2026-01-01T10:00:00Z')];
    expect(buildChronology('amira khan', values, TZ)[0]!.roles).toEqual(['harmed', 'caused harm']);
  });

  test('an incident with no date of its own is placed by when it was reported', () => {
    const values = [
      header,
      row({ harmed: 'Amira Khan' }, '2026-11-01T10:00:00Z'),
      row({ harmed: 'Amira Khan' }, null),
    ];
    // Reported 1 October 2026: before the incident that happened on 1 November.
    expect(buildChronology('Amira Khan', values, TZ).map((e) => e.row)).toEqual([3, 2]);
  });

  test('columns are found by header, so a moved column still works', () => {
    const values = [header, row({ harmed: 'Amira Khan' }, '2026-01-01T10:00:00Z')];
    const order = header.map((_, i) => i).reverse();
    const reversed = values.map((r) => order.map((i) => r[i]));
    expect(buildChronology('Amira Khan', reversed, TZ)).toHaveLength(1);
  });

  test('an empty name matches nothing', () => {
    expect(buildChronology('  ', [header, row({ harmed: '' }, null)], TZ)).toEqual([]);
  });

  test('the sheet rows: title, source, header, then one line per incident with text kept as text', () => {
    const values = [header, row({ harmed: '=Khan, Amira' }, '2026-01-01T10:00:00Z')];
    const entries = buildChronology('=Khan, Amira', values, TZ);
    const rows = chronologySheetRows(
      'khan, amira',
      entries,
      new Date('2026-10-02T09:00:00Z'),
      'dsl@school.example',
      TZ,
    );
    expect(rows[0]).toEqual(["'Pupil chronology: amira khan"]);
    expect(String(rows[1]![0])).toMatch(/from the Register only/);
    expect(rows[CHRONOLOGY_HEADER_ROW - 1]).toEqual([...CHRONOLOGY_HEADERS]);
    expect(rows[CHRONOLOGY_HEADER_ROW]![2]).toBe("'harmed");
    expect(rows).toHaveLength(CHRONOLOGY_HEADER_ROW + 1);
  });

  test('with no incident, the sheet says so', () => {
    const rows = chronologySheetRows('Nobody Here', [], new Date(), '', TZ);
    expect(rows[CHRONOLOGY_HEADER_ROW]).toEqual(["'No incident in the register names Nobody Here."]);
  });
});
