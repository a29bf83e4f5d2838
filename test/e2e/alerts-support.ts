/**
 * Shared by the alert and routing end-to-end tests: a configured school on the built bundle, the
 * reports that raise each kind of alert, and the checks "who received what" and "who can open what",
 * written independently of the product's own routing code so that they can catch it out.
 */
import { expect } from '@jest/globals';
import type { Workspace } from '../../emulator/workspace';
import type { SentEmail } from '../../emulator/mail';
import {
  newSchool,
  ordinaryReport,
  runSetUp,
  SCHOOL,
  sheetValues,
  type Answers,
} from '../support/deployment';
import type { WorkspaceOptions } from '../../emulator/workspace';

export interface SetupReport {
  problems: string[];
}

/**
 * A school set up, configured (the usual people, then `settings`) and set up again, as the guide says, by
 * the DSL — or by `setUpBy`, who then also owns the spreadsheet unless `owner` says otherwise.
 */
export function setUpSchool(
  settings: Record<string, string | number> = {},
  options: WorkspaceOptions & { setUpBy?: string } = {},
): { ws: Workspace; setup: SetupReport } {
  const { setUpBy = SCHOOL.dsl, ...wsOptions } = options;
  const ws = newSchool({ owner: setUpBy, ...wsOptions });
  runSetUp(ws, setUpBy);
  editSettingsAs(ws, setUpBy, {
    'School name': 'Hillside Primary',
    'DSL email': SCHOOL.dsl,
    'Deputy DSL emails': SCHOOL.deputy,
    'Headteacher email': SCHOOL.headteacher,
    'Chair of Governors email': SCHOOL.chair,
    'Leadership emails': SCHOOL.leadership.join('\n'),
    ...settings,
  });
  const setup = runSetUp(ws, setUpBy) as SetupReport;
  return { ws, setup };
}

/** `user` types values into the Settings sheet (as the support's editSettings does for the DSL). */
export function editSettingsAs(ws: Workspace, user: string, values: Record<string, string | number>): void {
  const rows = sheetValues(ws, ws.containerId, 'Settings');
  for (const [label, value] of Object.entries(values)) {
    const index = rows.findIndex((r) => String(r[0]).trim().toLowerCase() === label.toLowerCase());
    if (index < 0) throw new Error(`No setting "${label}" in the Settings sheet`);
    ws.spreadsheets._userEdit(user, ws.containerId, 'Settings', `B${index + 1}`, value);
  }
}

export const ADULT = {
  staff: 'A member of staff (not the Headteacher)',
  headteacher: 'The Headteacher',
  otherAdult: 'Another adult who works or volunteers at the school',
  parent: 'A parent or carer',
  dsl: 'The Designated Safeguarding Lead (DSL)',
  deputy: 'A deputy DSL',
} as const;

/** The answers to "causing harm or harmed?" that choose a route. */
export const ADULT_PART = {
  lowLevel:
    'A low-level concern: not in line with the staff code of conduct, but no child harmed or put at risk',
  harmed: 'Harmed or targeted (for example by a pupil’s fake account or abuse online)',
} as const;

/** A flagged report: the reporter believes a child is at risk. */
export function flaggedReport(overrides: Answers = {}): Answers {
  return ordinaryReport({ childAtRisk: 'Yes', ...overrides });
}

/** A concern about a member of staff (the adult section is answered, as the form requires). */
export function staffConcern(overrides: Answers = {}): Answers {
  return ordinaryReport({
    adultConcern: ADULT.staff,
    adultDetails: 'Mr Dobson sent a pupil a private message on Instagram at night.',
    adultRole: 'Causing harm or behaving inappropriately',
    ...overrides,
  });
}

/** A concern about the Headteacher. */
export function headteacherConcern(overrides: Answers = {}): Answers {
  return ordinaryReport({
    adultConcern: ADULT.headteacher,
    adultDetails: 'The Head asked a pupil for her personal phone number and messaged her.',
    adultRole: 'Causing harm or behaving inappropriately',
    ...overrides,
  });
}

/**
 * An address as a mailbox, by the rules Google applies (case, surrounding spaces, a `+tag`, dots in a
 * consumer Gmail name): a deliberately separate implementation from the product's.
 */
export function mailbox(address: string): string {
  const bare = (/<([^<>]+)>\s*$/.exec(address)?.[1] ?? address).trim().toLowerCase();
  const [local = '', domain = ''] = bare.split('@');
  const untagged = local.split('+')[0] ?? '';
  const gmail = domain === 'gmail.com' || domain === 'googlemail.com';
  return `${gmail ? untagged.replace(/\./g, '') : untagged}@${gmail ? 'gmail.com' : domain}`;
}

/** Every address a message went to: to, cc and bcc. */
export function recipientsOf(message: SentEmail): string[] {
  return [...message.to, ...message.cc, ...message.bcc];
}

/** The messages that reached this person's mailbox in any of to, cc or bcc. */
export function mailFor(ws: Workspace, person: string): SentEmail[] {
  return ws.mail.sent.filter((m) => recipientsOf(m).some((r) => mailbox(r) === mailbox(person)));
}

/** How many messages each mailbox received, e.g. { 'dsl@…': 1, 'deputy@…': 1 }. */
export function deliveryCounts(messages: readonly SentEmail[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of messages)
    for (const r of recipientsOf(m)) counts[mailbox(r)] = (counts[mailbox(r)] ?? 0) + 1;
  return counts;
}

/** Every cell of every sheet of every spreadsheet `person` can open (owner, editor or viewer), as text. */
export function textPersonCanOpen(ws: Workspace, person: string): string {
  const parts: string[] = [];
  for (const file of ws.drive.openableBy(person)) {
    if (file.kind !== 'spreadsheet') continue;
    const book = (ws.spreadsheets.snapshot() as Array<{ id: string; sheets: Array<{ name: string }> }>).find(
      (b) => b.id === file.id,
    );
    for (const sheet of book?.sheets ?? []) {
      parts.push(
        sheetValues(ws, file.id, sheet.name)
          .flat()
          .map((v) => String(v))
          .join('\u0001'),
      );
    }
  }
  return parts.join('\u0002');
}

/** The executions of one script function, in order. */
export function runsOf(ws: Workspace, functionName: string): Workspace['executions'] {
  return ws.executions.filter((e) => e.functionName === functionName);
}

/** Every run of these functions succeeded (a failure would hide an alert that was never sent). */
export function expectRunsSucceeded(ws: Workspace, ...functionNames: string[]): void {
  const failed = ws.executions
    .filter((e) => functionNames.includes(e.functionName) && e.status !== 'completed')
    .map((e) => `${e.functionName}: ${e.error ?? e.status}`);
  expect(failed).toEqual([]);
}

/** Nothing a reporter typed about pupils or the incident reached the logs. */
export function expectNoneInLogs(ws: Workspace, secrets: readonly string[]): void {
  const logged = ws.logs
    .snapshot()
    .map((entry) => entry.message)
    .join('\n');
  for (const secret of secrets) expect(logged).not.toContain(secret);
}

/** The alert an address received about an incident (exactly one, or the test fails). */
export function onlyAlertTo(ws: Workspace, person: string, incidentId: string): SentEmail {
  const matching = mailFor(ws, person).filter((m) => m.subject.includes(incidentId));
  expect(matching).toHaveLength(1);
  return matching[0]!;
}
