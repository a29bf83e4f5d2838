/**
 * Reminders that help (issue 13, item 6), through the built bundle: reminders go out on school days only
 * (the term dates and holidays in Settings), at most one digest a person a day, an incident Awaiting
 * external agency is listed under its review date and never as overdue, the Chair of Governors is reminded
 * at most weekly; and the register's colours tell the four states apart, with a key beside the header.
 */
import { describe, expect, it } from '@jest/globals';
import type { Workspace } from '../../emulator/workspace';
import type { SentEmail } from '../../emulator/mail';
import { registerHeaders } from '../../src/domain/register';
import { COLOUR_KEY_PREFIX, ROW_COLOURS, columnLetter } from '../../src/workspace/register-sheet';
import { ordinaryReport, runSetUp, SCHOOL, sheetValues, submit } from '../support/deployment';
import {
  expectRunsSucceeded,
  flaggedReport,
  headteacherConcern,
  mailbox,
  recipientsOf,
  setUpSchool,
} from './alerts-support';

const REMINDER_SUBJECT = /overdue for follow-up|agency reviews? due/;

/** The school-time (London) date of a sent message, 'YYYY-MM-DD'. */
function londonDay(message: SentEmail): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(message.at));
}

function weekday(isoDay: string): number {
  return new Date(`${isoDay}T12:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
}

/** Reminder days per recipient mailbox, from message `from` on. */
function reminderDays(ws: Workspace, from = 0): Map<string, string[]> {
  const byPerson = new Map<string, string[]>();
  for (const message of ws.mail.sent.slice(from)) {
    if (!REMINDER_SUBJECT.test(message.subject)) continue;
    for (const to of recipientsOf(message)) {
      byPerson.set(mailbox(to), [...(byPerson.get(mailbox(to)) ?? []), londonDay(message)]);
    }
  }
  return byPerson;
}

function remindersTo(ws: Workspace, person: string, from = 0): SentEmail[] {
  return ws.mail.sent
    .slice(from)
    .filter((m) => REMINDER_SUBJECT.test(m.subject) && recipientsOf(m).some((r) => mailbox(r) === person));
}

function editRegister(ws: Workspace, incidentId: string, header: string, value: string): void {
  const values = sheetValues(ws, ws.containerId, 'Register');
  const row = values.findIndex((r) => r[0] === incidentId) + 1;
  const column = columnLetter(registerHeaders().indexOf(header) + 1);
  ws.spreadsheets._userEdit(SCHOOL.dsl, ws.containerId, 'Register', `${column}${row}`, value);
}

const HALF_TERM = ['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30'];

describe('reminders on school days only, one digest a day, the Chair weekly', () => {
  it('over the whole autumn term: none at weekends or in half term, at most one a person a day, the Chair weekly', () => {
    // The default calendar (2026–27) is used: nothing typed in Term dates or Holidays in term.
    const { ws } = setUpSchool();
    submit(ws, ordinaryReport()); // OSI-2026-0001: never triaged, overdue all term
    submit(ws, flaggedReport()); // OSI-2026-0002: child protection, never triaged
    submit(ws, headteacherConcern()); // HA-2026-0001: the Chair's, overdue all term
    const start = ws.mail.sent.length;

    ws.advanceTo('2026-10-21T12:00:00Z'); // a Wednesday: the reminder job runs again the same day
    ws.run('sendOverdueReminders', [], { user: SCHOOL.dsl });
    ws.advanceTo('2026-12-19T12:00:00Z'); // the day after the autumn term ends
    expectRunsSucceeded(ws, 'sendOverdueReminders');

    const days = reminderDays(ws, start);
    const toDsl = days.get(SCHOOL.dsl) ?? [];
    const toChair = days.get(SCHOOL.chair) ?? [];
    expect(toDsl.length).toBeGreaterThan(50);
    for (const [person, sent] of days) {
      // At most one a day to each person…
      expect({ person, repeats: sent.length - new Set(sent).size }).toEqual({ person, repeats: 0 });
      // …never on a Saturday or Sunday, never in half term.
      for (const day of sent) {
        expect({ person, day, weekend: [0, 6].includes(weekday(day)) }).toEqual({
          person,
          day,
          weekend: false,
        });
        expect(HALF_TERM).not.toContain(day);
      }
    }
    // Every school day of term has the DSL's digest (they have overdue work all term): 67 school days from
    // Wed 9 Sep to Fri 18 Dec, less the five of half term.
    expect(toDsl).toContain('2026-11-02');
    expect(new Set(toDsl).size).toBe(toDsl.length);
    // The Chair: at most weekly.
    const chairDays = toChair.map((d) => Date.parse(`${d}T12:00:00Z`) / 86_400_000);
    expect(chairDays.length).toBeGreaterThan(5);
    for (let i = 1; i < chairDays.length; i++) {
      expect(chairDays[i]! - chairDays[i - 1]!).toBeGreaterThanOrEqual(7);
    }
    // None after the term ended (Saturday 19th).
    expect(toDsl.every((d) => d <= '2026-12-18')).toBe(true);
    // The digest is grouped: overdue child protection first, then the rest.
    const last = remindersTo(ws, SCHOOL.dsl, start).at(-1)!;
    const cpAt = last.body.search(/^Overdue — child protection \(\d+\):$/m);
    const otherAt = last.body.search(/^Overdue \(\d+\):$/m);
    expect(cpAt).toBeGreaterThanOrEqual(0);
    expect(otherAt).toBeGreaterThan(cpAt);
    expect(last.body.indexOf('OSI-2026-0002')).toBeLessThan(last.body.indexOf('OSI-2026-0001'));
  });

  it('sends nothing on a Saturday, and nothing in a half term the DSL typed into Settings', () => {
    const { ws } = setUpSchool({
      'Term dates': 'Autumn term: 2026-09-01 to 2026-12-18',
      'Holidays in term': 'Extra INSET: 2026-09-16 to 2026-09-18',
    });
    submit(ws, ordinaryReport());
    const start = ws.mail.sent.length;
    ws.advanceTo('2026-09-21T12:00:00Z');
    const toDsl = reminderDays(ws, start).get(SCHOOL.dsl) ?? [];
    expect(toDsl).toEqual([
      '2026-09-09',
      '2026-09-10',
      '2026-09-11',
      '2026-09-14',
      '2026-09-15',
      '2026-09-21',
    ]);
  });

  it('a Settings line that is not a period is said, not guessed at', () => {
    const { setup } = setUpSchool({ 'Holidays in term': 'half term next week' });
    expect(setup.problems.join('\n')).toContain("Holidays in term: 'half term next week' is not a period");
  });
});

describe('an incident waiting on an outside agency', () => {
  it('is never counted overdue: it is listed as a review once its review date comes', () => {
    const { ws } = setUpSchool({ 'Agency review after (days)': 14 });
    submit(ws, ordinaryReport()); // OSI-2026-0001, Monday 7 September
    ws.advanceTo('2026-09-08T09:00:00Z');
    editRegister(ws, 'OSI-2026-0001', 'Status', 'Awaiting external agency');
    const start = ws.mail.sent.length;

    // Within the overdue days and beyond (10), up to the review date (14 days after the update): nothing.
    ws.advanceTo('2026-09-21T12:00:00Z');
    expect(remindersTo(ws, SCHOOL.dsl, start)).toEqual([]);
    const summary = sheetValues(ws, ws.containerId, 'Summary')
      .map((r) => r.join(' '))
      .join('\n');
    expect(summary).not.toMatch(/OSI-2026-0001.*No update/);

    // The review date, Tuesday 22nd: listed under "Review due", with its date, never as overdue.
    ws.advanceTo('2026-09-22T12:00:00Z');
    const [review] = remindersTo(ws, SCHOOL.dsl, start);
    expect(review?.subject).toBe('[Online safety] 1 agency review due');
    expect(review?.body).toContain('Review due — awaiting an external agency (1):');
    expect(review?.body).toContain('- OSI-2026-0001 | Awaiting external agency | review due 22 Sep 2026 |');
    expect(review?.body).not.toMatch(/^Overdue.*\(\d+\):$/m);
  });
});

describe("the register's colours and their key", () => {
  it('give open child protection, overdue, waiting on others and closed their own colours, with a key beside the header', () => {
    const { ws } = setUpSchool();
    const sheet = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const register = sheet.openById(ws.containerId).getSheetByName('Register')!;
    const rules = register.getConditionalFormatRules().map((rule) => {
      const c = rule.getBooleanCondition()!;
      return {
        formula: String(c.getCriteriaValues()[0]),
        background: c.getBackground(),
        fontColor: c.getFontColor(),
        rows: rule.getRanges().map((r) => r.getRow()),
      };
    });
    const status = columnLetter(registerHeaders().indexOf('Status') + 1);
    const flag = columnLetter(registerHeaders().indexOf('Child protection') + 1);
    // Closed first, muted, so a closed child-protection case is never red.
    expect(rules[0]).toMatchObject({
      formula: `=$${status}2="Closed"`,
      background: ROW_COLOURS.closed.background,
      fontColor: ROW_COLOURS.closed.fontColor,
    });
    const backgrounds = rules.map((r) => r.background);
    // Four states, four different colours.
    const four = [
      ROW_COLOURS.childProtection.background,
      ROW_COLOURS.overdue.background,
      ROW_COLOURS.waiting.background,
      ROW_COLOURS.closed.background,
    ];
    expect(new Set(four).size).toBe(4);
    for (const colour of four) expect(backgrounds).toContain(colour);
    // Overdue is never for an incident waiting on an agency; waiting is its status; child protection is open.
    const overdue = rules.find(
      (r) => r.background === ROW_COLOURS.overdue.background && r.fontColor === null,
    )!;
    expect(overdue.formula).toContain(`NOT($${status}2="Awaiting external agency")`);
    expect(overdue.formula).toContain(`$${status}2<>"Closed"`);
    const waiting = rules.find(
      (r) => r.background === ROW_COLOURS.waiting.background && r.fontColor === null,
    )!;
    expect(waiting.formula).toBe(`=$${status}2="Awaiting external agency"`);
    expect(rules.at(-1)).toMatchObject({
      formula: `=AND($${status}2<>"Closed",$${flag}2="Yes")`,
      background: ROW_COLOURS.childProtection.background,
    });
    // Every rule colours data rows only (from row 2).
    for (const r of rules) expect(r.rows).toEqual([2]);

    // The key: in the header row, after the last column and a gap, one cell per colour, protected.
    const header = register.getRange(1, 1, 1, register.getLastColumn()).getValues()[0]!.map(String);
    const keyAt = header.findIndex((h) => h.startsWith(COLOUR_KEY_PREFIX));
    expect(keyAt).toBe(registerHeaders().length + 1);
    expect(header[keyAt - 1]).toBe('');
    const key = register.getRange(1, keyAt + 1, 1, 5);
    expect(key.getValues()[0]!.map(String)).toEqual([
      'Key: open child protection',
      expect.stringContaining('Key: overdue'),
      expect.stringContaining('Key: waiting on others'),
      'Key: closed',
      expect.stringContaining('Key: bold dark-red text'),
    ]);
    expect(key.getBackgrounds()[0]!.slice(0, 4)).toEqual([
      ROW_COLOURS.childProtection.background,
      ROW_COLOURS.overdue.background,
      ROW_COLOURS.waiting.background,
      ROW_COLOURS.closed.background,
    ]);
    const protectedKey = register
      .getProtections(sheet.ProtectionType.RANGE)
      .some((p) => p.getRange().getRow() === 1 && p.getRange().getColumn() === keyAt + 1);
    expect(protectedKey).toBe(true);
    // Nothing of the key below the header.
    const below = register
      .getRange(2, keyAt + 1, 5, 5)
      .getValues()
      .flat();
    expect(below.every((v) => v === '')).toBe(true);

    // Set up again: one key, in the same place.
    runSetUp(ws);
    const again = register.getRange(1, 1, 1, register.getLastColumn()).getValues()[0]!.map(String);
    expect(again.filter((h) => h.startsWith(COLOUR_KEY_PREFIX))).toHaveLength(5);
    expect(again.findIndex((h) => h.startsWith(COLOUR_KEY_PREFIX))).toBe(keyAt);
  });
});
