import { withoutQuotePrefix } from '../../src/domain/cells';
import { deriveIncident } from '../../src/domain/flags';
import {
  columnPositions,
  incidentToRow,
  makeRowWriter,
  missingColumns,
  newIncident,
  registerColumns,
  registerHeaders,
  rowForHeader,
  rowToIncident,
  type RegisterEntry,
} from '../../src/domain/register';
import { QUESTIONS } from '../../src/domain/schema';
import { defaultSettings } from '../../src/domain/settings';
import { REFERRALS, SEVERITIES, STATUSES, type IncidentReport } from '../../src/domain/types';

const settings = defaultSettings();

function report(overrides: Partial<IncidentReport> = {}): IncidentReport {
  return {
    responseId: '2_ABaOnuf3kX8pQeY2Lm',
    submittedAt: new Date('2026-05-12T10:14:07Z'),
    reporterEmail: 'j.patel@oakfield.sch.uk',
    occurredAt: new Date('2026-05-11T18:30:00Z'),
    categories: ['Nudes or semi-nudes', 'Cyberbullying, hate or harassment'],
    platform: 'Snapchat',
    location: 'Outside school',
    description:
      'Maya said "he screenshotted it and now the whole year has it" 😢\nShe did not show me the image and I did not ask to see it.',
    pupilsHarmed: ['Maya Thompson (8R)'],
    pupilsCausedHarm: ['Leo Grant (8R)', 'Sam Ortiz (8T)'],
    pupilsOther: [],
    yearGroups: ['Year 8', 'Year 9'],
    adultConcern: 'none',
    adultDetails: '',
    adultRole: '',
    childAtRisk: 'Yes',
    toldDslInPerson: 'Yes',
    evidenceKept: 'It may be a nude or semi-nude image: I have not kept a copy',
    evidenceWhere: '',
    actionsTaken: '=HYPERLINK("https://example.org","Reported to DSL")',
    parentsInformed: 'Left to the DSL',
    ...overrides,
  };
}

function entry(overrides: Partial<IncidentReport> = {}): RegisterEntry {
  const r = report(overrides);
  return {
    ...newIncident(r, deriveIncident(r, settings, 'OSI-2026-0042')),
    alertStatus: '',
    alertLog: '',
    referralsAtGlance: '',
  };
}

/** What getValues returns for a written row: Sheets drops the quote prefix and keeps the rest as text. */
function asRead(row: unknown[]): unknown[] {
  return row.map(withoutQuotePrefix);
}

describe('register columns', () => {
  const columns = registerColumns();

  test('identity first, then every question in schema order, derived, workflow, system', () => {
    expect(columns.slice(0, 3).map((c) => c.key)).toEqual(['incidentId', 'submittedAt', 'reporterEmail']);
    const questionKeys = QUESTIONS.map((q) => q.key as string);
    expect(columns.slice(3, 3 + questionKeys.length).map((c) => c.key)).toEqual(questionKeys);
    const owners = columns.map((c) => c.owner);
    const firstOf = (o: string): number => owners.indexOf(o as never);
    const lastOf = (o: string): number => owners.lastIndexOf(o as never);
    expect(lastOf('reporter')).toBeLessThan(firstOf('derived'));
    expect(lastOf('derived')).toBeLessThan(firstOf('workflow'));
    expect(columns.slice(-3).map((c) => c.key)).toEqual(['alertStatus', 'alertLog', 'responseId']);
  });

  test('headers are unique (rows are read back by header)', () => {
    const headers = registerHeaders();
    expect(new Set(headers.map((h) => h.toLowerCase())).size).toBe(headers.length);
  });

  test('the DSL workflow columns and their dropdowns', () => {
    const workflow = columns.filter((c) => c.owner === 'workflow');
    expect(workflow.map((c) => c.header)).toEqual([
      'Status',
      'Severity',
      'Assigned to',
      'Actions and decisions',
      'Parents/carers contacted',
      'External referral',
      'Referral date',
      'Outcome',
      'Rationale (including decisions not to refer)',
      'Lessons learnt',
      'Closed on',
      'DSL told at',
      'Next review',
      'Support offered to the child',
      'Sanctions (behaviour policy)',
      'Removal of content requested',
      "LADO's advice",
      'LADO advice date',
      'Allegation outcome',
      'Last updated',
    ]);
    expect(columns.find((c) => c.key === 'status')?.choices).toEqual(STATUSES);
    expect(columns.find((c) => c.key === 'severity')?.choices).toEqual(SEVERITIES);
    expect(columns.find((c) => c.key === 'referral')?.choices).toEqual(REFERRALS);
  });

  test('derived columns: 4Cs group, flag, why flagged', () => {
    expect(columns.filter((c) => c.owner === 'derived').map((c) => [c.header, c.kind])).toEqual([
      ['4Cs group', 'lines'],
      ['Child protection', 'flag'],
      ['Why flagged', 'lines'],
    ]);
  });

  test('date columns carry a UK date format; pupil columns are marked personal', () => {
    for (const c of columns) {
      if (c.kind === 'date') expect(c.numberFormat).toBe('dd/mm/yyyy');
      if (c.kind === 'dateTime') expect(c.numberFormat).toBe('dd/mm/yyyy hh:mm');
    }
    for (const key of ['pupilsHarmed', 'pupilsCausedHarm', 'pupilsOther', 'description']) {
      expect(columns.find((c) => c.key === key)?.personal).toBe(true);
    }
    expect(columns.find((c) => c.key === 'categories')?.personal).toBe(false);
  });
});

describe('incidentToRow', () => {
  const columns = registerColumns();
  const row = incidentToRow(entry());
  const cell = (key: string): unknown => row[columns.findIndex((c) => c.key === key)];

  test('one value per column', () => {
    expect(row).toHaveLength(columns.length);
  });

  test('a new incident is New, flagged with its reasons, with dates as Dates', () => {
    expect(cell('status')).toBe('New');
    expect(cell('childProtection')).toBe('Yes');
    expect(withoutQuotePrefix(cell('childProtectionReasons'))).toBe(
      'Reporter: child at risk of harm (Yes)\nCategory: Nudes or semi-nudes (always a child-protection concern)',
    );
    expect(withoutQuotePrefix(cell('fourCs'))).toBe('Conduct');
    expect(cell('submittedAt')).toEqual(new Date('2026-05-12T10:14:07Z'));
    expect(cell('occurredAt')).toEqual(new Date('2026-05-11T18:30:00Z'));
    expect(cell('lastUpdated')).toEqual(new Date('2026-05-12T10:14:07Z'));
    expect(cell('closedOn')).toBe('');
    expect(cell('severity')).toBe('');
  });

  test('what people typed is written as text: a formula is never executed', () => {
    expect(cell('actionsTaken')).toBe('\'=HYPERLINK("https://example.org","Reported to DSL")');
    expect(String(cell('description')).startsWith("'")).toBe(true);
  });

  test('lists are one per line; the adult answer is shown in the form’s words', () => {
    expect(withoutQuotePrefix(cell('pupilsCausedHarm'))).toBe('Leo Grant (8R)\nSam Ortiz (8T)');
    expect(withoutQuotePrefix(cell('categories'))).toBe(
      'Nudes or semi-nudes\nCyberbullying, hate or harassment',
    );
    expect(withoutQuotePrefix(cell('adultConcern'))).toBe('No adult from school or home is involved');
    expect(cell('pupilsOther')).toBe('');
  });

  test('no text cell a person could have typed is left unquoted', () => {
    const typed = entry({
      platform: '+44 7700 900123',
      location: '-5',
      pupilsOther: ['@here', '007'],
      evidenceWhere: 'TRUE',
      adultRole: '1/2/2026',
    });
    const written = incidentToRow(typed);
    for (const key of ['platform', 'location', 'pupilsOther', 'evidenceWhere', 'adultRole']) {
      expect(String(written[columns.findIndex((c) => c.key === key)])).toMatch(/^'/);
    }
  });
});

describe('rowForHeader: a row laid out under the header the sheet has', () => {
  const headers = registerHeaders();
  const original: RegisterEntry = {
    ...entry(),
    status: 'Triaged',
    assignedTo: 'R. Okafor',
    alertStatus: 'Sent',
    alertLog: 'sent',
  };
  /** The DSL's register: "My notes" after Assigned to, Status dragged to the far left, a blank column at the end. */
  function dslHeader(): string[] {
    const header = headers.filter((h) => h !== 'Status');
    header.splice(header.indexOf('Assigned to') + 1, 0, 'My notes');
    return ['Status', ...header, ''];
  }

  test('under the register’s own header it is the row incidentToRow writes', () => {
    expect(rowForHeader(headers, original)).toEqual(incidentToRow(original));
  });

  test('each value under its own header wherever it is; the DSL’s columns get nothing', () => {
    const header = dslHeader();
    const row = rowForHeader(header, original);
    expect(row).toHaveLength(header.length);
    const expected = incidentToRow(original);
    header.forEach((h, i) => {
      const at = headers.indexOf(h);
      expect({ h, value: row[i] }).toEqual({ h, value: at >= 0 ? expected[at] : '' });
    });
    expect(row[0]).toBe('Triaged');
    expect(row[header.indexOf('My notes')]).toBe('');
    // And it reads back as the same incident.
    expect(rowToIncident(asRead(row), header)).toEqual(original);
  });

  test('headers match as the readers match them: case and spaces do not matter, the first of two wins', () => {
    const header = headers.map((h) => (h === 'Alert status' ? '  ALERT   status ' : h));
    header.push('Status');
    const row = rowForHeader(header, original);
    expect(row[headers.indexOf('Alert status')]).toBe(
      incidentToRow(original)[headers.indexOf('Alert status')],
    );
    expect(row[headers.indexOf('Status')]).toBe('Triaged');
    expect(row.at(-1)).toBe('');
  });

  test('a writer made once lays out many rows the same way', () => {
    const header = dslHeader();
    const write = makeRowWriter(header);
    const second: RegisterEntry = {
      ...entry({ platform: 'Roblox' }),
      alertStatus: 'Not needed',
      alertLog: '',
    };
    expect([write(original), write(second)]).toEqual([
      rowForHeader(header, original),
      rowForHeader(header, second),
    ]);
  });

  test('columnPositions and missingColumns: what the header has, and what Set up must append', () => {
    const header = dslHeader().filter((h) => h !== 'Response ID' && h !== 'Why flagged');
    expect(missingColumns(header).map((c) => c.header)).toEqual(['Why flagged', 'Response ID']);
    expect(missingColumns(headers)).toEqual([]);
    expect(missingColumns([])).toHaveLength(headers.length);
    const positions = columnPositions(header);
    expect(positions.get('status')).toBe(0);
    expect(positions.get('actions')).toBe(header.indexOf('Actions and decisions'));
    expect(positions.has('responseId')).toBe(false);
  });
});

describe('rowToIncident', () => {
  const headers = registerHeaders();

  test('round trip: written, stored by Sheets, read back — the same incident', () => {
    const original = entry();
    expect(rowToIncident(asRead(incidentToRow(original)), headers)).toEqual(original);
  });

  test('round trip with the DSL’s workflow filled in and an allegation', () => {
    const original: RegisterEntry = {
      ...entry({
        adultConcern: 'headteacher',
        adultDetails: 'Mrs A. Abbott: shared a pupil’s photo on a personal account',
        adultRole: 'Causing harm or behaving inappropriately',
        childAtRisk: 'Not sure',
      }),
      status: 'Awaiting external agency',
      severity: 'High',
      assignedTo: 'R. Okafor',
      actions: 'Spoke to Maya with her form tutor.\nPhone secured in the DSL office safe.',
      parentsContacted: 'Mum (phone) 12/05 16:10',
      referral: "Children's social care",
      referralDate: new Date('2026-05-13T00:00:00Z'),
      outcome: '',
      rationale: 'Referral because the image has been shared beyond the pupils.',
      lessonsLearnt: '',
      closedOn: null,
      lastUpdated: new Date('2026-05-13T09:02:00Z'),
      alertStatus: 'Sent',
      alertLog: '2026-05-12 11:14 sent to DSL and 2 deputies',
    };
    expect(rowToIncident(asRead(incidentToRow(original)), headers)).toEqual(original);
  });

  test('a column the DSL inserted, and columns moved, do not shift anything', () => {
    const original = entry();
    const row = asRead(incidentToRow(original));
    const withNotes = [...headers];
    const rowWithNotes = [...row];
    withNotes.splice(5, 0, 'My notes');
    rowWithNotes.splice(5, 0, 'Check with Head of Year 8 on Monday');
    // And the DSL dragged Status to the far left.
    const statusAt = withNotes.indexOf('Status');
    const [statusHeader] = withNotes.splice(statusAt, 1);
    const [statusValue] = rowWithNotes.splice(statusAt, 1);
    withNotes.unshift(statusHeader!);
    rowWithNotes.unshift(statusValue);
    expect(rowToIncident(rowWithNotes, withNotes)).toEqual(original);
  });

  test('values the DSL typed by hand are read leniently', () => {
    const columns = registerColumns();
    const row = asRead(incidentToRow(entry()));
    const set = (key: string, value: unknown): void => {
      row[columns.findIndex((c) => c.key === key)] = value;
    };
    set('status', 'closed');
    set('severity', ' high ');
    set('referral', 'childrens social care');
    set('referralDate', '13/05/2026');
    set('closedOn', new Date('2026-06-01T00:00:00Z'));
    set('assignedTo', 42);
    set('childProtection', true);
    const read = rowToIncident(row, headers, 'Europe/London');
    expect(read?.status).toBe('Closed');
    expect(read?.severity).toBe('High');
    expect(read?.referral).toBe("Children's social care");
    expect(read?.referralDate?.toISOString()).toBe('2026-05-12T23:00:00.000Z');
    expect(read?.closedOn?.toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(read?.assignedTo).toBe('42');
    expect(read?.childProtection).toBe(true);
  });

  test.each<[string, string]>([
    ['', 'New'],
    ['Awaiting External Agency', 'Awaiting external agency'],
    ['in-progress', 'In progress'],
    ['waiting for police', 'In progress'],
  ])('status typed as %p → %p', (typed, status) => {
    const columns = registerColumns();
    const row = asRead(incidentToRow(entry()));
    row[columns.findIndex((c) => c.key === 'status')] = typed;
    expect(rowToIncident(row, headers)?.status).toBe(status);
  });

  test('a severity or referral typed past the dropdown is left empty rather than guessed', () => {
    const columns = registerColumns();
    const row = asRead(incidentToRow(entry()));
    row[columns.findIndex((c) => c.key === 'severity')] = 'very bad';
    row[columns.findIndex((c) => c.key === 'referral')] = 'NSPCC';
    const read = rowToIncident(row, headers);
    expect(read?.severity).toBe('');
    expect(read?.referral).toBe('');
  });

  test('a row without an incident ID is not an incident', () => {
    expect(
      rowToIncident(
        headers.map(() => ''),
        headers,
      ),
    ).toBeNull();
    const row = asRead(incidentToRow(entry()));
    row[0] = '  ';
    expect(rowToIncident(row, headers)).toBeNull();
  });

  test('a row with only an ID reads as an empty incident, not an error', () => {
    const row: unknown[] = headers.map(() => '');
    row[0] = 'OSI-2026-0007';
    const read = rowToIncident(row, headers);
    expect(read?.incidentId).toBe('OSI-2026-0007');
    expect(read?.status).toBe('New');
    expect(read?.categories).toEqual([]);
    expect(read?.adultConcern).toBe('none');
    expect(read?.childProtection).toBe(false);
    expect(read?.closedOn).toBeNull();
  });

  test('a short row (trailing blanks not returned) is tolerated', () => {
    const row = asRead(incidentToRow(entry())).slice(0, 10);
    const read = rowToIncident(row, headers);
    expect(read?.incidentId).toBe('OSI-2026-0042');
    expect(read?.responseId).toBe('');
  });
});
