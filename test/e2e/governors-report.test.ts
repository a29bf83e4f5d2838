/**
 * The governors' termly report through the built bundle: sent by the nightly oversight trigger on the
 * first night after a term in Settings ends, once, to each governors' address with a PDF; the Headteacher's
 * copy says nothing about allegations about the Headteacher; no name, nothing typed and no count below the
 * threshold in any copy — checked against the whole half term of reports.
 */
import type { SentEmail } from '../../emulator/mail';
import type { Workspace } from '../../emulator/workspace';
import { SCHOOL, editSettings, registerRows, submit } from '../support/deployment';
import { ADULT, headteacherConcern, setUpSchool, staffConcern } from './alerts-support';
import { everythingTyped, pupilNames, schoolWithTerm, type TermReport } from './digest-fixtures';

const SUBJECT = 'Online safety: termly report to governors';
const GOVERNOR = 'safeguarding.governor@governors.example';

function reports(ws: Workspace): SentEmail[] {
  return ws.mail.sent.filter((mail) => mail.subject.startsWith(SUBJECT));
}

function decode(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Every table cell's text. */
function cells(html: string): string[] {
  return [...html.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((m) => decode(m[1] ?? '').trim());
}

describe("the governors' termly report at the end of a term", () => {
  let ws: Workspace;
  let term: TermReport[];

  beforeAll(() => {
    ({ ws, reports: term } = schoolWithTerm());
    editSettings(ws, {
      'Term dates': 'Summer term: 2026-04-13 to 2026-07-22\nAutumn first half: 2026-09-03 to 2026-11-01',
      "Governors' report emails": [SCHOOL.chair, SCHOOL.headteacher, GOVERNOR].join('\n'),
    });
    ws.advanceTo('2026-11-03T06:00:00Z');
  }, 60_000);

  it('is sent once, at 04:00 on the first night after the term, each address its own copy with a PDF', () => {
    const runs = ws.executions.filter((run) => run.functionName === 'nightlyOversight');
    expect(runs.map((run) => [run.kind, run.status, new Date(run.startedAt).toISOString()])).toEqual([
      ['trigger', 'completed', '2026-11-02T04:00:00.000Z'],
      ['trigger', 'completed', '2026-11-03T04:00:00.000Z'],
    ]);
    const sent = reports(ws);
    expect(sent.map((mail) => mail.to)).toEqual([[SCHOOL.chair], [SCHOOL.headteacher], [GOVERNOR]]);
    for (const mail of sent) {
      expect(mail.from).toBe(SCHOOL.dsl);
      expect(mail.attachments?.map((a) => [a.name, a.contentType])).toEqual([
        ['Online safety report to governors - Autumn first half 2026.pdf', 'application/pdf'],
      ]);
      expect(mail.attachments?.[0]?.pdfFromHtml).toBe(mail.htmlBody);
    }
  });

  it('counts the term’s register reports, and the allegations as counts only', () => {
    const [chair] = reports(ws);
    const inTerm = term.filter((r) => r.file === 'register' && r.timestamp < '2026-11-02').length;
    expect(inTerm).toBe(15);
    expect(chair?.body).toContain('Incidents reported: 15');
    expect(chair?.body).toContain('About members of staff: fewer than 3');
    expect(chair?.body).toContain('About the Headteacher: fewer than 3');
  });

  it("the Headteacher's copy says nothing about allegations about the Headteacher, not even a row", () => {
    const head = reports(ws).find((mail) => mail.to[0] === SCHOOL.headteacher);
    for (const part of [head?.subject ?? '', head?.body ?? '', head?.htmlBody ?? '']) {
      expect(part).not.toMatch(/about the headteacher/i);
    }
    expect(head?.body).toContain('About members of staff: fewer than 3');
  });

  it('holds no name, nothing typed and no count below 3, checked against the whole data set', () => {
    const forbidden = [
      ...everythingTyped(term),
      ...pupilNames(term),
      ...registerRows(ws).map((row) => String(row['Incident ID'])),
      'Quintrell-Vossberg',
    ];
    expect(forbidden.length).toBeGreaterThan(150);
    const sent = reports(ws);
    for (const mail of sent) {
      const parts = [mail.subject, mail.body, mail.htmlBody ?? '', decode(mail.htmlBody ?? '')];
      for (const value of forbidden)
        for (const part of parts) if (part.includes(value)) throw new Error(`The report contains "${value}"`);
      // Every count is in a table cell: none may read 1 or 2.
      const numbers = cells(mail.htmlBody ?? '').filter((text) => /^\d+( \(\d+%\))?$/.test(text));
      expect(numbers.length).toBeGreaterThan(10);
      expect(numbers.filter((text) => /^[12]( |$)/.test(text))).toEqual([]);
      expect(cells(mail.htmlBody ?? '')).toContain('fewer than 3');
    }
  });

  it('is not sent again on later nights; the menu sends it again, and only for the DSL', () => {
    expect(reports(ws)).toHaveLength(3);
    const refused = ws.runRecorded('sendGovernorsReport', [], { user: SCHOOL.deputy, kind: 'menu' });
    expect(refused.status).toBe('completed');
    expect(reports(ws)).toHaveLength(3);
    ws.run('sendGovernorsReport', [], { user: SCHOOL.dsl, kind: 'menu' });
    expect(reports(ws)).toHaveLength(6);
  });
});

describe("the governors' report counts every concern about staff", () => {
  it('a concern about a deputy DSL, kept in its own file, is counted with the staff allegations', () => {
    const { ws } = setUpSchool({ 'Hide counts below': 0, "Governors' report emails": GOVERNOR });
    submit(ws, staffConcern()); // SA-2026-0001
    submit(ws, staffConcern({ adultConcern: ADULT.deputy })); // DL-2026-0001
    submit(ws, headteacherConcern()); // HA-2026-0001
    ws.openSpreadsheet(SCHOOL.dsl);
    expect(
      ws.spreadsheets.ui.clickMenu(SCHOOL.dsl, 'Online Safety', "Send the governors' termly report now")
        .status,
    ).toBe('completed');
    const [report] = reports(ws);
    expect(report?.body).toContain('About members of staff: 2');
    expect(report?.body).toContain('About the Headteacher: 1');
  });
});
