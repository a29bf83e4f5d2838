/**
 * The submit path costs the same number of Apps Script service calls whatever the register's size: one
 * submission is measured on an empty register and on one holding 20,000 realistic rows (written test-side,
 * outside any execution, in one setValues), method by method.
 */
import {
  configureSchool,
  deploymentIds,
  newSchool,
  ordinaryReport,
  registerRows,
  runSetUp,
  SCHOOL,
  submit,
  type Answers,
} from '../support/deployment';
import type { Workspace } from '../../emulator/workspace';
import { incidentToRow, newIncident, registerColumns } from '../../src/domain/register';
import { deriveIncident } from '../../src/domain/flags';
import { formatIncidentId } from '../../src/domain/ids';
import { DEFAULT_CATEGORIES, DEFAULT_PLATFORMS, defaultSettings } from '../../src/domain/settings';
import { LOCATIONS } from '../../src/domain/schema';
import { STATUSES, type IncidentReport } from '../../src/domain/types';

const PREFILLED = 20_000;
const DAY = 86_400_000;

function setUpSchool(): Workspace {
  const ws = newSchool();
  runSetUp(ws);
  configureSchool(ws);
  runSetUp(ws);
  return ws;
}

/** Register rows as the product would have written them over the years, in varied states. */
function historicRows(
  count: number,
  endMs: number,
): { rows: ReturnType<typeof incidentToRow>[]; lastSeq: number } {
  const settings = defaultSettings('Europe/London');
  const rows: ReturnType<typeof incidentToRow>[] = [];
  let seq2026 = 0;
  for (let k = 0; k < count; k++) {
    const submittedAt = new Date(endMs - (count - k) * (DAY / 20));
    const year = submittedAt.getUTCFullYear();
    const seq = year === 2026 ? ++seq2026 : k + 1;
    const report: IncidentReport = {
      responseId: `2_historic${String(k).padStart(6, '0')}`,
      submittedAt,
      reporterEmail: k % 3 === 0 ? SCHOOL.ta : SCHOOL.teacher,
      occurredAt: new Date(submittedAt.getTime() - 3_600_000),
      categories: [DEFAULT_CATEGORIES[k % DEFAULT_CATEGORIES.length]!.name],
      platform: DEFAULT_PLATFORMS[k % DEFAULT_PLATFORMS.length]!,
      location: LOCATIONS[k % LOCATIONS.length]!,
      description: `Historic report ${k}: a pupil was sent unkind messages in a group chat over the weekend.`,
      pupilsHarmed: [`Pupil ${k} A`],
      pupilsCausedHarm: k % 2 === 0 ? [`Pupil ${k} B`, `Pupil ${k} C`] : [],
      pupilsOther: [],
      yearGroups: [`Year ${1 + (k % 13)}`],
      adultConcern: 'none',
      adultDetails: '',
      adultRole: '',
      childAtRisk: k % 4 === 0 ? 'Yes' : 'No',
      toldDslInPerson: 'No',
      evidenceKept: 'No evidence',
      evidenceWhere: '',
      actionsTaken: 'Spoke to the pupils.',
      parentsInformed: 'No',
    };
    const incident = newIncident(
      report,
      deriveIncident(report, settings, formatIncidentId('OSI', year, seq)),
    );
    const status = STATUSES[k % STATUSES.length]!;
    rows.push(
      incidentToRow({
        ...incident,
        status,
        assignedTo: status === 'New' ? '' : SCHOOL.dsl,
        actions: status === 'New' ? '' : `Triaged on day ${k}.`,
        alertStatus: incident.childProtection ? 'Sent' : 'Not needed',
        alertLog: '',
      }),
    );
  }
  return { rows, lastSeq: seq2026 };
}

/** Writes the rows under the header in one setValues, as a test outside any execution; the last 2026 number. */
function prefillRegister(ws: Workspace, count: number): number {
  const SpreadsheetApp = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const PropertiesService = ws.globals().PropertiesService as GoogleAppsScript.Properties.PropertiesService;
  const sheet = SpreadsheetApp.openById(ws.containerId).getSheetByName('Register')!;
  const { rows, lastSeq } = historicRows(count, ws.clock.now() - DAY);
  const width = registerColumns().length;
  if (sheet.getMaxRows() < count + 1)
    sheet.insertRowsAfter(sheet.getMaxRows(), count + 1 - sheet.getMaxRows());
  sheet.getRange(2, 1, count, width).setValues(rows);
  PropertiesService.getScriptProperties().setProperty('incidentSeq:2026', String(lastSeq));
  return lastSeq;
}

interface Measured {
  total: number;
  calls: Record<string, number>;
}

/** One staff submission (and its form-submit trigger run), counted call by call. */
function measureSubmission(ws: Workspace, answers: Answers): Measured {
  const { total, calls, result } = ws.calls.measure(() => submit(ws, answers));
  expect(result.executions.map((e) => e.status)).toEqual(['completed']);
  return { total, calls };
}

function measureRefire(ws: Workspace, responseId: string): Measured {
  const { total, calls, result } = ws.calls.measure(() =>
    ws.forms.refire(deploymentIds(ws).formId, responseId),
  );
  expect(result.map((e) => e.status)).toEqual(['completed']);
  return { total, calls };
}

function table(label: string, m: Measured): string {
  const lines = Object.entries(m.calls)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `  ${name.padEnd(38)} ${n}`);
  return [`${label}: ${m.total} calls`, ...lines].join('\n');
}

const FLAGGED = ordinaryReport({ childAtRisk: 'Yes', description: 'A child was asked for photos.' });
const PLAIN = ordinaryReport({ description: 'Unkind comments under a video.' });

describe('service calls per submission do not grow with the register', () => {
  const measured: Record<string, Measured> = {};

  beforeAll(() => {
    for (const size of [0, PREFILLED]) {
      const ws = setUpSchool();
      const lastSeq = size > 0 ? prefillRegister(ws, size) : 0;
      expect(registerRows(ws)).toHaveLength(size);
      measured[`flagged@${size}`] = measureSubmission(ws, FLAGGED);
      const plain = measureSubmission(ws, PLAIN);
      measured[`plain@${size}`] = plain;
      const lastResponse = ws.forms.responses(deploymentIds(ws).formId).at(-1)!;
      measured[`duplicate@${size}`] = measureRefire(ws, lastResponse.id);
      const rows = registerRows(ws);
      expect(rows).toHaveLength(size + 2);
      // The new rows are numbered after the historic ones, and went to the end of the register.
      expect(rows.slice(-2).map((r) => r['Incident ID'])).toEqual([
        formatIncidentId('OSI', 2026, lastSeq + 1),
        formatIncidentId('OSI', 2026, lastSeq + 2),
      ]);
      expect(rows.at(-1)!['What happened']).toBe('Unkind comments under a video.');
    }
    console.log(
      [
        table('One flagged submission (alert to DSL and deputy), empty register', measured['flagged@0']!),
        table(`The same with ${PREFILLED} rows in the register`, measured[`flagged@${PREFILLED}`]!),
        table('One plain submission (no alert), 1 row', measured['plain@0']!),
        table(`The same with ${PREFILLED + 1} rows`, measured[`plain@${PREFILLED}`]!),
        table('A duplicate firing (writes nothing), 2 rows', measured['duplicate@0']!),
        table(`The same with ${PREFILLED + 2} rows`, measured[`duplicate@${PREFILLED}`]!),
      ].join('\n\n'),
    );
  }, 120_000);

  test.each(['flagged', 'plain', 'duplicate'])(
    '%s: same calls, method by method, at 0 and 20,000 rows',
    (kind) => {
      const small = measured[`${kind}@0`]!;
      const large = measured[`${kind}@${PREFILLED}`]!;
      expect(large.total).toBe(small.total);
      expect(large.calls).toEqual(small.calls);
    },
  );

  test('each submission reads and writes the register in a handful of batched calls', () => {
    // The first submission after Set up: no snapshot of Settings and the header yet (submit-snapshot.ts).
    const flagged = measured[`flagged@${PREFILLED}`]!;
    const calls = (name: string): number => flagged.calls[name] ?? 0;
    // One row write and one alert-status write: never a call per row or per cell.
    expect(calls('Sheet.appendRow')).toBe(1);
    expect(calls('Range.setValues')).toBe(1);
    // The Settings sheet, and the record file's header row (columns are found by header, not position).
    expect(calls('Range.getValues')).toBe(2);
    expect(calls('Sheet.getLastColumn')).toBe(1);
    // No search of the register for a duplicate: the script properties already read say what is recorded.
    expect(calls('TextFinder.findNext')).toBe(0);
    expect(calls('MailApp.sendEmail')).toBe(2);
    expect(calls('Lock.waitLock')).toBe(1);
    // What it read is kept for the next submissions, in the runner's cache.
    expect(calls('Cache.put')).toBe(1);
    // Reading the response costs three calls per answered question (Forms has no batch read)…
    const answered = Object.values(FLAGGED).filter(
      (v) => v !== '' && !(Array.isArray(v) && v.length === 0),
    ).length;
    const readingAnswers =
      calls('ItemResponse.getItem') + calls('Item.getId') + calls('ItemResponse.getResponse');
    expect(readingAnswers).toBe(3 * answered);
    // …and everything else stays within a small budget. (35, then +4 since the record file is found by its
    // developer metadata mark — 5 calls instead of getSheetByName's 1 — +2 to keep the row's ID for the nightly
    // index (src/workspace/record-sheets.ts, record-index.ts), +2 for the runner check; issue 15: −5 for the
    // duplicate search, +5 to read and keep the snapshot; +2 to check, once the alert has been sent with the lock
    // released, that the row still holds the report before its alert cells are written.)
    expect(flagged.total - readingAnswers).toBeLessThanOrEqual(45);
  });

  test('the next submission reads no Settings and no extent: one read of the header cells it checks', () => {
    const plain = measured[`plain@${PREFILLED}`]!;
    const calls = (name: string): number => plain.calls[name] ?? 0;
    expect(calls('Cache.get')).toBe(1);
    expect(calls('Cache.put')).toBe(0);
    // The header check: the cells the snapshot covers, compared with its copy.
    expect(calls('Range.getValues')).toBe(1);
    for (const none of [
      'Sheet.getDataRange',
      'Sheet.getLastColumn',
      'Sheet.getLastRow',
      'Spreadsheet.getSheetByName',
      'DeveloperMetadataFinder.find',
      'TextFinder.findNext',
    ])
      expect({ none, calls: calls(none) }).toEqual({ none, calls: 0 });
    expect(calls('Sheet.appendRow')).toBe(1);
    // The number with the response marked pending, then the row noted as written: two property writes.
    expect(calls('Properties.setProperties')).toBe(2);
    expect(calls('Properties.setProperty')).toBe(0);
  });
});
