import { deriveIncident } from '../../src/domain/flags';
import { newIncident, type RegisterEntry } from '../../src/domain/register';
import {
  RETENTION_HEADER_ROW,
  RETENTION_HEADERS,
  retentionReview,
  retentionSheetRows,
} from '../../src/domain/retention';
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

describe('retention review', () => {
  const closed = (closedOn: Date | null, lastUpdated: Date | null = closedOn): Partial<Workflow> => ({
    status: 'Closed',
    outcome: 'Resolved',
    rationale: 'Done',
    closedOn,
    lastUpdated,
  });

  test('lists closed incidents past the period, oldest closing first; open and recent ones are not listed', () => {
    const incidents = [
      { row: 2, incident: incident(closed(day('2026-09-08'))) }, // exactly 6 years today: due
      { row: 3, incident: incident(closed(day('2026-09-09'))) }, // due tomorrow
      { row: 4, incident: incident(closed(day('2025-03-01'))) },
      { row: 5, incident: incident({ status: 'In progress', lastUpdated: day('2025-02-01') }) },
      { row: 6, incident: incident(closed(day('2030-01-01'))) },
    ];
    const review = retentionReview(incidents, 6, NOW, TZ);
    expect(review.due.map((d) => d.row)).toEqual([4, 2]);
    expect(review.due[1]!.reviewFrom.toISOString()).toBe(day('2032-09-08').toISOString());
    expect(review.undated).toEqual([]);
  });

  test('a shorter period in Settings lists more', () => {
    const incidents = [{ row: 2, incident: incident(closed(day('2030-01-01'))) }];
    expect(retentionReview(incidents, 6, NOW, TZ).due).toHaveLength(0);
    expect(retentionReview(incidents, 2, NOW, TZ).due).toHaveLength(1);
  });

  test('without a Closed on date, Last updated stands in and says so; with neither, the row is flagged', () => {
    const incidents = [
      { row: 2, incident: incident(closed(null, day('2020-05-05'))) },
      { row: 3, incident: incident(closed(null, null)) },
    ];
    const review = retentionReview(incidents, 6, NOW, TZ);
    expect(review.due.map((d) => [d.row, d.closedOnEstimated])).toEqual([[2, true]]);
    expect(review.undated).toEqual([{ row: 3, incidentId: incidents[1]!.incident.incidentId }]);
  });

  test('closed on 29 February: the period ends on 28 February in a common year', () => {
    const incidents = [{ row: 2, incident: incident(closed(day('2028-02-29'))) }];
    const review = retentionReview(incidents, 1, new Date('2029-02-28T12:00:00Z'), TZ);
    expect(review.due).toHaveLength(1);
    expect(retentionReview(incidents, 1, new Date('2029-02-27T12:00:00Z'), TZ).due).toHaveLength(0);
  });

  test('the sheet lists IDs, dates and categories, never a pupil’s name, and says nothing was deleted', () => {
    const incidents = [{ row: 4, incident: incident(closed(day('2025-03-01'))) }];
    const rows = retentionSheetRows(retentionReview(incidents, 6, NOW, TZ), 6, '08/09/2032');
    expect(rows[RETENTION_HEADER_ROW - 1]).toEqual([...RETENTION_HEADERS]);
    expect(rows[RETENTION_HEADER_ROW]![0]).toBe(`'${incidents[0]!.incident.incidentId}`);
    expect(rows[RETENTION_HEADER_ROW]![5]).toBe(4);
    expect(String(rows[1]![0])).toMatch(/Nothing has been deleted/);
    expect(JSON.stringify(rows)).not.toMatch(/Amira/);
  });

  test('with nothing due, the sheet says so', () => {
    const rows = retentionSheetRows({ due: [], undated: [] }, 6, '08/09/2032');
    expect(rows[RETENTION_HEADER_ROW]).toEqual(["'No closed incident is past the retention period."]);
  });
});
