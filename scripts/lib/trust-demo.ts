/**
 * The demo's trust: three schools of one trust, each its own deployment (deployed with the BigQuery
 * manifest), a term of reports each, exporting first to the trust's spreadsheet (each school its own sheet)
 * and then to the trust's BigQuery table (emulated), whose saved views run on DuckDB. Why: the trust's view
 * is what issue 16 is for, and it can only be seen with several schools.
 *
 * Honest about the seams: each emulated school is a separate workspace, so each holds its own copy of the
 * trust's spreadsheet and table; out/trust/ puts the three schools' sheets side by side in one workbook and
 * the three tables' rows into one DuckDB table, which is what the trust's own file and dataset would hold.
 * The workbook's "Trust summary" sheet is the product's: a fourth deployment, the trust lead's, bound to
 * the trust spreadsheet (handlers/trust.ts), is set up from its menu, each school's runner writes its rows
 * there (in the browser: the export itself runs in the school's own workspace, see above), and the trust's
 * nightly job at 06:00 builds the Summary, which is copied out as it is.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { StoredTable, TableField } from '../../emulator/bigquery';
import { runTrustViews } from '../../emulator/bigquery-duckdb';
import type { Workspace } from '../../emulator/workspace';
import {
  SCHOOL,
  configureSchool,
  editSettings,
  newSchool,
  ordinaryReport,
  runSetUp,
  sheetValues,
  submit,
} from '../../test/support/deployment';
import { Random } from './random';

const ROOT = path.resolve(__dirname, '..', '..');
const BIGQUERY_MANIFEST = path.join(ROOT, 'appsscript.bigquery.json');
const TRUST_LEAD = 'safeguarding.lead@oakfield-trust.example';
const TRUST_FILE = 'Oakfield Trust — online safety rollup';
const PROJECT = 'oakfield-trust';
const DATASET = 'online_safety';
export const TRUST_FIELDS: TableField[] = [
  { name: 'school', type: 'STRING', mode: 'REQUIRED' },
  { name: 'week', type: 'STRING', mode: 'REQUIRED' },
  { name: 'week_start', type: 'DATE', mode: 'REQUIRED' },
  { name: 'dimension', type: 'STRING', mode: 'REQUIRED' },
  { name: 'value', type: 'STRING', mode: 'REQUIRED' },
  { name: 'count', type: 'INT64' },
  { name: 'shown', type: 'STRING', mode: 'REQUIRED' },
  { name: 'export_id', type: 'STRING', mode: 'REQUIRED' },
  { name: 'exported_at', type: 'TIMESTAMP', mode: 'REQUIRED' },
];

const CATEGORIES = [
  'Cyberbullying, hate or harassment',
  'Inappropriate content (violent, pornographic)',
  'Nudes or semi-nudes',
  'Scams, gambling or commercial exploitation',
  'Privacy or sharing personal information',
  'Grooming or contact by an adult',
];
const PLATFORMS = ['Snapchat', 'TikTok', 'WhatsApp', 'Roblox', 'Instagram', 'YouTube', 'Discord'];
const YEARS = ['Year 5', 'Year 6', 'Year 7', 'Year 8', 'Year 9', 'Year 10', 'Year 11'];
const LOCATIONS = [
  'Outside school',
  'In school, on a school device or network',
  'In school, on a personal device',
];

interface TrustSchool {
  code: string;
  name: string;
  reports: number;
  seed: number;
}

const SCHOOLS: TrustSchool[] = [
  { code: 'HIL01', name: 'Hillside Academy', reports: 70, seed: 11 },
  { code: 'OAK02', name: 'Oakfield Primary', reports: 24, seed: 12 },
  { code: 'ELM03', name: 'Elmbridge High', reports: 120, seed: 13 },
];

export interface TrustDemoResult {
  files: Array<{ path: string; what: string }>;
  /** Pupil names and typed text submitted in the three schools (for the demo's own checks). */
  typed: string[];
  rowsBySchool: Record<string, number>;
  viewRows: Record<string, number>;
  queryMs: number;
}

function playSchool(school: TrustSchool, typed: string[]): { ws: Workspace; trustId: string } {
  const ws = newSchool(
    { now: '2026-11-30T20:00:00Z', containerName: `${school.name} — Online Safety Incident Log` },
    BIGQUERY_MANIFEST,
  );
  runSetUp(ws);
  configureSchool(ws, { 'School name': school.name });
  runSetUp(ws);
  const { id: trustId } = ws.spreadsheets.createSpreadsheet(
    'Oakfield Trust — online safety rollup',
    TRUST_LEAD,
  );
  ws.drive.share(trustId, SCHOOL.dsl, 'editor');
  ws.bigquery.createTable(PROJECT, DATASET, 'weekly', TRUST_FIELDS);
  const random = new Random(school.seed);
  const start = Date.parse('2026-09-07T08:00:00Z');
  for (let i = 0; i < school.reports; i += 1) {
    const at = new Date(start + random.int(0, 83) * 86_400_000 + random.int(0, 8) * 3_600_000);
    const pupil = `${random.pick(['Ottoline', 'Barnaby', 'Persephone', 'Ignatius', 'Clementine'])} ${school.code}-${i}`;
    const description = `${school.code} report ${i}: ${pupil} was sent messages near the Quenby gate`;
    typed.push(pupil, description);
    submit(
      ws,
      ordinaryReport({
        categories: [random.pick(CATEGORIES)],
        platform: random.pick(PLATFORMS),
        yearGroups: [random.pick(YEARS)],
        location: random.pick(LOCATIONS),
        pupilsHarmed: pupil,
        pupilsCausedHarm: '',
        description,
        childAtRisk: random.chance(0.2) ? 'Yes' : 'No',
      }),
      { timestamp: at.toISOString() },
    );
  }
  return { ws, trustId };
}

async function workbook(file: string, sheets: Array<{ name: string; rows: unknown[][] }>): Promise<void> {
  const book = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name);
    for (const row of sheet.rows) ws.addRow(row);
    ws.getRow(1).font = { bold: true };
    // Printed (the demo looks at it as a PDF): every column on one landscape page width.
    ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
    // Columns as wide as their cells (a long heading in column A spills over, as in Sheets).
    ws.columns.forEach((column, i) => {
      const widest = Math.max(10, ...sheet.rows.slice(3).map((row) => String(row[i] ?? '').length));
      column.width = Math.min(widest + 2, 48);
    });
    // "fewer than 3" beside numbers: aligned as they are, so a column reads down.
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (/^fewer than \d+$|^hidden$|^not shown$/.test(String(cell.value)))
          cell.alignment = { horizontal: 'right' };
      }),
    );
  }
  await book.xlsx.writeFile(file);
}

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: Array<Record<string, unknown>>): string {
  if (rows.length === 0) return '';
  const headers = Object.keys(rows[0] ?? {});
  return (
    [headers.join(','), ...rows.map((row) => headers.map((h) => csvCell(row[h])).join(','))].join('\n') + '\n'
  );
}

/**
 * The trust lead's own deployment (the same bundle, bound to the trust spreadsheet): Set up for the trust
 * from its menu, then each school's runner — an editor of the file — writes the rows its export wrote
 * (a new tab, then a paste: the same permission and protection checks as its script's write), and the
 * trust's 06:00 job builds the Summary as the lead. Returns the Summary's values.
 */
function trustLeadBuildsSummary(sheets: Array<{ code: string; rows: unknown[][] }>): unknown[][] {
  const trust = newSchool({ owner: TRUST_LEAD, now: '2026-12-01T05:10:00Z', containerName: TRUST_FILE });
  trust.openSpreadsheet(TRUST_LEAD);
  trust.spreadsheets.ui.queueResponse(TRUST_LEAD, { button: 'YES' });
  trust.spreadsheets.ui.clickMenu(
    TRUST_LEAD,
    'Online Safety',
    "Set up for the trust (the trust's own spreadsheet)",
  );
  for (const sheet of sheets) {
    const runner = `dsl@${sheet.code.toLowerCase()}.example`;
    trust.drive.share(trust.containerId, runner, 'editor');
    const name = `School ${sheet.code}`;
    trust.spreadsheets._userDuplicateSheet(runner, trust.containerId, 'Sheet1', name);
    const width = sheet.rows[0]?.length ?? 0;
    trust.spreadsheets._userPaste(
      runner,
      trust.containerId,
      name,
      `A1:${String.fromCharCode(64 + width)}${sheet.rows.length}`,
      sheet.rows,
    );
  }
  const nightly = trust
    .advanceTo('2026-12-01T06:30:00Z')
    .filter((run) => run.functionName === 'nightlyTrustSummary');
  if (nightly.length !== 1 || nightly[0]?.status !== 'completed')
    throw new Error("the trust's nightly summary did not run");
  // As the sheet holds it, down to its last written row (its blank separator rows kept).
  const values = sheetValues(trust, trust.containerId, 'Trust summary');
  let last = values.length;
  while (last > 0 && (values[last - 1] ?? []).every((cell) => cell === '')) last -= 1;
  return values.slice(0, last);
}

export async function runTrustDemo(out: string, log: (line: string) => void): Promise<TrustDemoResult> {
  const dir = path.join(out, 'trust');
  mkdirSync(dir, { recursive: true });
  const typed: string[] = [];
  log(
    `The trust: ${SCHOOLS.length} schools (${SCHOOLS.map((s) => s.code).join(', ')}), each its own deployment with the BigQuery manifest…`,
  );
  const played = SCHOOLS.map((school) => ({ school, ...playSchool(school, typed) }));

  // Night of 30 Nov → 1 Dec: each school's nightly job rewrites its sheet of the trust spreadsheet.
  const sheets: Array<{ code: string; rows: unknown[][] }> = [];
  const rowsBySchool: Record<string, number> = {};
  for (const { school, ws, trustId } of played) {
    editSettings(ws, {
      'Trust spreadsheet': `https://docs.google.com/spreadsheets/d/${trustId}/edit`,
      'School code': school.code,
    });
    ws.advanceTo('2026-12-01T05:00:00Z');
    const rows = sheetValues(ws, trustId, `School ${school.code}`);
    sheets.push({ code: school.code, rows });
    rowsBySchool[school.code] = rows.length - 1;
  }
  const summary = trustLeadBuildsSummary(sheets);
  const summaryCsv = path.join(dir, 'trust-summary.csv');
  writeFileSync(summaryCsv, summary.map((row) => row.map(csvCell).join(',')).join('\n') + '\n');
  const xlsx = path.join(dir, 'trust-spreadsheet.xlsx');
  await workbook(xlsx, [
    { name: 'Trust summary', rows: summary },
    ...sheets.map((s) => ({ name: `School ${s.code}`, rows: s.rows })),
  ]);

  // The same schools on BigQuery: the DSL switches Settings, and the night's job (1 Dec: every week) runs twice.
  const table: StoredTable = { fields: TRUST_FIELDS, rows: [], requests: [] };
  for (const { school, ws } of played) {
    editSettings(ws, { 'Trust spreadsheet': '', 'Trust BigQuery dataset': `${PROJECT}.${DATASET}` });
    ws.run('nightlyOversight', [], { user: SCHOOL.dsl, kind: 'menu' });
    ws.advanceTo('2026-12-01T05:30:00Z');
    ws.run('nightlyOversight', [], { user: SCHOOL.dsl, kind: 'menu' });
    const stored = ws.bigquery.table(PROJECT, DATASET, 'weekly');
    if (!stored) throw new Error(`no BigQuery table for ${school.code}`);
    table.rows.push(...stored.rows);
    table.requests.push(...stored.requests);
  }
  const { views, queryMs } = await runTrustViews(table);
  const files = [
    { path: xlsx, what: `the trust spreadsheet: a summary sheet and ${sheets.length} school sheets` },
    { path: summaryCsv, what: "the trust summary, as the trust lead's nightly job built it" },
  ];
  for (const [name, rows] of Object.entries(views)) {
    const file = path.join(dir, `view-${name}.csv`);
    writeFileSync(file, csv(rows));
    files.push({ path: file, what: `BigQuery view trust.${name} on DuckDB: ${rows.length} rows` });
  }
  const viewRows = Object.fromEntries(Object.entries(views).map(([name, rows]) => [name, rows.length]));
  log(
    `  trust spreadsheet rows: ${JSON.stringify(rowsBySchool)}; BigQuery table rows (two exports each): ${table.rows.length}; views on DuckDB in ${queryMs.toFixed(1)} ms.`,
  );
  return { files, typed, rowsBySchool, viewRows, queryMs };
}
