/**
 * A school's deployment on the emulator, driven from outside as people would: the DSL runs Set up and
 * edits Settings, staff submit the form, time passes. Used by the end-to-end tests, the demo and the
 * benchmark; always runs the built bundle (build/Code.js), never the TypeScript sources.
 */
import { Workspace, type WorkspaceOptions } from '../../emulator/workspace';
import { DEFAULT_BUNDLE, loadBundle } from '../../emulator/load-bundle';
import type { QuestionKey } from '../../src/domain/schema';
import { registerHeaders } from '../../src/domain/register';

export const SCHOOL = {
  dsl: 'dsl@school.example',
  deputy: 'deputy@school.example',
  headteacher: 'head@school.example',
  chair: 'chair@governors.example',
  leadership: ['head@school.example', 'deputy.head@school.example'],
  teacher: 'teacher@school.example',
  ta: 'ta@school.example',
  /** Deploys with clasp and may click Set up for the DSL; should keep nothing afterwards. */
  itAdmin: 'it.admin@school.example',
};

export interface Deployment {
  ws: Workspace;
  ss: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}

/**
 * A workspace whose container spreadsheet belongs to the DSL, with the built bundle loaded (deployed with
 * `manifestPath`, default build/appsscript.json; appsscript.bigquery.json for the BigQuery deployment).
 */
export function newSchool(options: WorkspaceOptions = {}, manifestPath?: string): Workspace {
  const ws = new Workspace({ owner: SCHOOL.dsl, ...options });
  if (manifestPath === undefined) loadBundle(ws);
  else loadBundle(ws, DEFAULT_BUNDLE, manifestPath);
  return ws;
}

/** The DSL clicks Online Safety › Set up / repair. */
export function runSetUp(ws: Workspace, user: string = SCHOOL.dsl): unknown {
  return ws.run('setUp', [], { user, kind: 'menu' });
}

type SheetValue = string | number | boolean | Date;

/** Reads a sheet's values as the emulator holds them (test side: not counted as the script's calls). */
export function sheetValues(ws: Workspace, spreadsheetId: string, sheetName: string): SheetValue[][] {
  const snap = ws.spreadsheets.snapshot() as Array<{
    id: string;
    sheets: Array<{ name: string; values: SheetValue[][] }>;
  }>;
  const book = snap.find((s) => s.id === spreadsheetId);
  const sheet = book?.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`No sheet ${sheetName} in ${spreadsheetId}`);
  return sheet.values;
}

/** The register as objects keyed by header (the header row is checked against the schema's). */
export function registerRows(
  ws: Workspace,
  spreadsheetId: string = ws.containerId,
): Record<string, SheetValue>[] {
  const values = sheetValues(ws, spreadsheetId, 'Register');
  const [header, ...rows] = values;
  expectHeader(header ?? []);
  return rows
    .filter((r) => r.some((v) => v !== ''))
    .map((r) => Object.fromEntries((header ?? []).map((h, i) => [String(h), r[i] ?? ''])));
}

function expectHeader(header: SheetValue[]): void {
  const want = registerHeaders();
  if (want.some((h, i) => header[i] !== h)) throw new Error(`Register header differs: ${header.join(' | ')}`);
}

export function scriptProperties(ws: Workspace): Record<string, string> {
  return ws.properties.snapshot().script;
}

export function deploymentIds(ws: Workspace): {
  formId: string;
  itemIds: Record<string, number>;
  staffAllegationsId: string;
  leadAllegationsId: string;
  headteacherAllegationsId: string;
} {
  const props = scriptProperties(ws);
  return {
    formId: props.formId ?? '',
    itemIds: JSON.parse(props.itemIds ?? '{}') as Record<string, number>,
    staffAllegationsId: props.staffAllegationsId ?? '',
    leadAllegationsId: props.leadAllegationsId ?? '',
    headteacherAllegationsId: props.headteacherAllegationsId ?? '',
  };
}

/** The DSL fills in Settings (people and a few values) in the Settings sheet, as typed in the UI. */
export function editSettings(ws: Workspace, values: Record<string, string | number>): void {
  const rows = sheetValues(ws, ws.containerId, 'Settings');
  for (const [label, value] of Object.entries(values)) {
    const index = rows.findIndex((r) => String(r[0]).trim().toLowerCase() === label.toLowerCase());
    if (index < 0) throw new Error(`No setting "${label}" in the Settings sheet`);
    ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Settings', `B${index + 1}`, value);
  }
}

/** The usual school: DSL, a deputy, Headteacher, Chair, leadership. */
export function configureSchool(ws: Workspace, extra: Record<string, string | number> = {}): void {
  editSettings(ws, {
    'School name': 'Hillside Primary',
    'DSL email': SCHOOL.dsl,
    'Deputy DSL emails': SCHOOL.deputy,
    'Headteacher email': SCHOOL.headteacher,
    'Chair of Governors email': SCHOOL.chair,
    'Leadership emails': SCHOOL.leadership.join('\n'),
    ...extra,
  });
}

export type Answers = Partial<Record<QuestionKey, string | string[]>>;

/** A plain report: a cyberbullying incident outside school, nobody at risk, no adult involved. */
export function ordinaryReport(overrides: Answers = {}): Answers {
  return {
    occurredAt: '2026-09-07 15:30',
    categories: ['Cyberbullying, hate or harassment'],
    platform: 'WhatsApp',
    location: 'Outside school',
    description: 'Group chat messages calling a pupil names.',
    pupilsHarmed: 'Amira Khan',
    pupilsCausedHarm: 'Jordan Blake',
    yearGroups: ['Year 6'],
    adultConcern: 'No adult from school or home is involved',
    childAtRisk: 'No',
    toldDslInPerson: 'No',
    evidenceKept: 'No evidence',
    actionsTaken: 'Spoke to both pupils.',
    parentsInformed: 'No',
    ...overrides,
  };
}

/** A member of staff submits the live form; the form's triggers fire as on Google. */
export function submit(
  ws: Workspace,
  answers: Answers,
  options: { email?: string; timestamp?: string; fireTriggers?: boolean } = {},
): { responseId: string; executions: Array<{ status: string; error?: string }> } {
  const { formId, itemIds } = deploymentIds(ws);
  const byId: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(answers)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const id = itemIds[key];
    if (id === undefined) throw new Error(`No form item for ${key}`);
    byId[String(id)] = value;
  }
  return ws.forms.submit(
    formId,
    {
      email: options.email ?? SCHOOL.teacher,
      answers: byId,
      ...(options.timestamp ? { timestamp: options.timestamp } : {}),
    },
    { fireTriggers: options.fireTriggers ?? true },
  );
}
