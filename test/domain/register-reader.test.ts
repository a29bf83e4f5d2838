import { withoutQuotePrefix } from '../../src/domain/cells';
import { deriveIncident } from '../../src/domain/flags';
import {
  incidentToRow,
  makeRowReader,
  newIncident,
  registerHeaders,
  rowToIncident,
  type RegisterEntry,
} from '../../src/domain/register';
import { defaultSettings } from '../../src/domain/settings';
import type { IncidentReport } from '../../src/domain/types';

const settings = defaultSettings();

function entry(index: number): RegisterEntry {
  const report: IncidentReport = {
    responseId: `response-${index}`,
    submittedAt: new Date(Date.UTC(2026, 8, 1 + (index % 60), 9, index % 60)),
    reporterEmail: `teacher${index % 5}@school.example`,
    occurredAt: index % 3 === 0 ? null : new Date(Date.UTC(2026, 8, 1 + (index % 60))),
    categories:
      index % 2 === 0
        ? ['Nudes or semi-nudes']
        : ['Cyberbullying, hate or harassment', 'Excessive use or wellbeing'],
    platform: index % 4 === 0 ? 'Typed app' : 'Snapchat',
    location: 'Outside school',
    description: `What happened ${index}, with "quotes" and a, comma`,
    pupilsHarmed: [`Pupil ${index}`],
    pupilsCausedHarm: index % 2 === 0 ? [`Other ${index}`, `Third ${index}`] : [],
    pupilsOther: [],
    yearGroups: ['Year 6'],
    adultConcern: index % 7 === 0 ? 'parent' : 'none',
    adultDetails: '',
    adultRole: '',
    childAtRisk: index % 2 === 0 ? 'Yes' : 'No',
    toldDslInPerson: 'No',
    evidenceKept: 'No evidence',
    evidenceWhere: '',
    actionsTaken: `=SUM(${index})`,
    parentsInformed: 'No',
  };
  const incident = newIncident(report, deriveIncident(report, settings, `OSI-2026-${index}`));
  return {
    ...incident,
    status: index % 3 === 0 ? 'Closed' : 'New',
    alertStatus: 'Sent',
    alertLog: '',
    referralsAtGlance: '',
  };
}

/** What getValues returns for a written row: Sheets drops the quote prefix. */
function asRead(row: unknown[]): unknown[] {
  return row.map(withoutQuotePrefix);
}

describe('makeRowReader', () => {
  it('reads every row as rowToIncident does, whatever the column order and extra columns', () => {
    const headers = registerHeaders();
    // The DSL moved "Status" to the front and added a column of their own at the end.
    const statusAt = headers.indexOf('Status');
    const reorder = (row: unknown[]): unknown[] => [
      row[statusAt],
      ...row.filter((_, i) => i !== statusAt),
      'my notes',
    ];
    const header = reorder(headers);
    header[header.length - 1] = 'DSL notes';
    const rows = Array.from({ length: 200 }, (_, index) => reorder(asRead(incidentToRow(entry(index)))));

    const read = makeRowReader(header, 'Europe/London');
    const viaReader = rows.map((row) => read(row));
    const viaOneByOne = rows.map((row) => rowToIncident(row, header, 'Europe/London'));
    expect(viaReader).toEqual(viaOneByOne);
    expect(viaReader).toEqual(Array.from({ length: 200 }, (_, index) => entry(index)));
  });

  it('skips rows without an incident ID and reads missing columns as empty', () => {
    const read = makeRowReader(['Incident ID', 'Status', 'Submitted at']);
    expect(read(['', 'New', new Date()])).toBeNull();
    const partial = read(['OSI-2026-0001', 'closed', new Date('2026-09-01T10:00:00Z')]);
    expect(partial?.status).toBe('Closed');
    expect(partial?.categories).toEqual([]);
    expect(partial?.pupilsHarmed).toEqual([]);
    expect(partial?.submittedAt.toISOString()).toBe('2026-09-01T10:00:00.000Z');
  });
});
