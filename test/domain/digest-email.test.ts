import { computeSummary } from '../../src/domain/analytics';
import { buildDigest, renderDigestEmail, reportedWeekOf } from '../../src/domain/digest-email';
import { escapeHtml } from '../../src/domain/html';
import type { Incident, Settings } from '../../src/domain/types';
import { closedIncident, hillsideSettings } from '../support/fixtures';

const SETTINGS: Settings = hillsideSettings({
  schoolName: 'St <Mary> & "John\'s" School\nLine2',
  digestDay: 'Wednesday',
  digestHour: 12,
  categories: [
    { name: 'Cyberbullying', group: 'Conduct', alwaysChildProtection: false },
    { name: 'Grooming', group: 'Contact', alwaysChildProtection: true },
    { name: 'Hate & <extremism>', group: 'Content', alwaysChildProtection: false },
    { name: 'Scams', group: 'Commerce', alwaysChildProtection: false },
  ],
});

/** Wednesday 28 Oct 2026 12:00 GMT. */
const NOW = new Date('2026-10-28T12:00:00Z');

/** Everything a person typed into the form or the register: none of it may reach the email. */
const TYPED = {
  description: 'Xanthe said the older boys sent her a picture behind the library',
  actionsTaken: 'Confiscated phone, spoke with Mr Pellegrino-Watts',
  adultDetails: 'Supply teacher Mr Pellegrino-Watts messaged pupils on Instagram',
  evidenceWhere: 'Locked drawer in room B14',
  outcome: 'Parents met Thursday; restorative session arranged',
  rationale: 'Threshold for referral to MASH not met after consultation',
  lessonsLearnt: 'Remind Year 8 about reporting routes in assembly',
  actions: 'Called Mrs Oyelaran-Fitzgerald at 15:10',
  assignedTo: 'deputy.kowalczyk@hillside.example',
  parentsContacted: 'Mother (Ms Thistlewood) by phone',
  location: 'Bus shelter on Quarry Lane',
  reporterEmail: 'a.teacher-vandermeer@hillside.example',
};
const PUPILS = {
  harmed: ['Quentin Blackwood', 'Blackwood, Quentin'],
  caused: ['Zara Okonkwo-Villiers'],
  other: ['Ffion ap Rhys'],
};
/** Names and categories typed under "Other", not in Settings. */
const TYPED_LABELS = ['Zorbl Chat', 'Qix Messenger', 'Year 12 typo', 'Secret club (typed by staff)'];

/** A closed incident with every free-text field typed in (see TYPED and PUPILS). */
function incident(id: string, submitted: string, overrides: Partial<Incident>): Incident {
  return closedIncident(id, submitted, {
    reporterEmail: TYPED.reporterEmail,
    location: TYPED.location,
    description: TYPED.description,
    pupilsHarmed: PUPILS.harmed,
    pupilsCausedHarm: PUPILS.caused,
    pupilsOther: PUPILS.other,
    adultConcern: 'staff',
    adultDetails: TYPED.adultDetails,
    adultRole: 'Instigator',
    childAtRisk: 'Not sure',
    toldDslInPerson: 'Yes',
    evidenceKept: 'Yes',
    evidenceWhere: TYPED.evidenceWhere,
    actionsTaken: TYPED.actionsTaken,
    parentsInformed: 'Yes',
    incidentId: `OSI-2026-${id}`,
    severity: 'Medium',
    assignedTo: TYPED.assignedTo,
    actions: TYPED.actions,
    parentsContacted: TYPED.parentsContacted,
    referral: 'None',
    outcome: TYPED.outcome,
    rationale: TYPED.rationale,
    lessonsLearnt: TYPED.lessonsLearnt,
    ...overrides,
  });
}

const INCIDENTS = [
  // This week (from Monday 26 Oct).
  incident('0101', '2026-10-27T10:00:00Z', { status: 'New' }),
  incident('0102', '2026-10-27T10:00:00Z', { status: 'In progress', yearGroups: ['Year 8', 'Year 9'] }),
  incident('0103', '2026-10-27T10:00:00Z', { platform: 'Zorbl Chat', yearGroups: ['Year 12 typo'] }),
  incident('0104', '2026-10-26T10:00:00Z', {
    categories: ['Hate & <extremism>'],
    platform: 'TikTok',
    yearGroups: ['Year 7'],
    childProtection: true,
    status: 'Triaged',
  }),
  incident('0105', '2026-10-26T10:00:00Z', {
    categories: ['Secret club (typed by staff)'],
    platform: 'Qix Messenger',
    yearGroups: ['Year 7'],
  }),
  // The baseline weeks.
  incident('0106', '2026-10-14T10:00:00Z', {}),
  incident('0107', '2026-10-21T10:00:00Z', {
    categories: ['Grooming'],
    platform: 'WhatsApp',
    yearGroups: ['Year 9'],
    childProtection: true,
  }),
  // Older, open and not touched since 2 Sep: overdue.
  incident('0108', '2026-09-02T10:00:00Z', {
    status: 'In progress',
    lastUpdated: new Date('2026-09-02T10:00:00Z'),
  }),
];

const summary = computeSummary(INCIDENTS, SETTINGS, NOW);
const digest = buildDigest(summary, SETTINGS, NOW);
const LINK = 'https://docs.google.com/spreadsheets/d/abc123/edit#gid=7';
const email = renderDigestEmail(digest, SETTINGS, { summaryUrl: LINK });

describe('the weekly digest', () => {
  it('holds the aggregates, pooling names not in Settings under Other', () => {
    expect(digest).toEqual({
      schoolName: SETTINGS.schoolName,
      weekStartLabel: 'Mon 26 Oct 2026',
      weekEndLabel: 'Sun 1 Nov 2026',
      weekComplete: false,
      asOfLabel: '28 Oct 2026 12:00',
      timeZone: 'Europe/London',
      thisWeek: 5,
      baselineWeeks: 4,
      baselineAverage: 0.5,
      weeklyTotals: [
        { label: 'w/c 28 Sep 2026', value: 0 },
        { label: 'w/c 5 Oct 2026', value: 0 },
        { label: 'w/c 12 Oct 2026', value: 1 },
        { label: 'w/c 19 Oct 2026', value: 1 },
        { label: 'w/c 26 Oct 2026', value: 5 },
      ],
      categories: [
        { name: 'Cyberbullying', thisWeek: 3, baselineAverage: 0.25, rising: true, spike: true },
        { name: 'Grooming', thisWeek: 0, baselineAverage: 0.25, rising: false, spike: false },
        { name: 'Hate & <extremism>', thisWeek: 1, baselineAverage: 0, rising: true, spike: false },
        { name: 'Other', thisWeek: 1, baselineAverage: 0, rising: true, spike: false },
      ],
      spikes: ['Cyberbullying'],
      rising: ['Cyberbullying', 'Hate & <extremism>'],
      spikeRule: summary.weekly.spikeRule,
      flaggedThisWeek: 1,
      openCount: 4,
      overdueCount: 1,
      recentWeeks: 5,
      topPlatforms: [
        { label: 'Snapchat', value: 3 },
        { label: 'Other', value: 2 },
        { label: 'TikTok', value: 1 },
        { label: 'WhatsApp', value: 1 },
      ],
      topYearGroups: [
        { label: 'Year 8', value: 3 },
        { label: 'Year 7', value: 2 },
        { label: 'Year 9', value: 2 },
        { label: 'Other', value: 1 },
      ],
    });
  });
});

describe('the weekly email', () => {
  it('contains no pupil name, no incident ID and nothing typed by staff, in any part', () => {
    const forbidden = [
      ...Object.values(TYPED),
      ...PUPILS.harmed,
      ...PUPILS.caused,
      ...PUPILS.other,
      // Each part of each name, so a reordered or partial name is caught too.
      ...[...PUPILS.harmed, ...PUPILS.caused, ...PUPILS.other].flatMap((name) =>
        name.split(/[\s,]+/).filter((part) => part.length > 3),
      ),
      ...TYPED_LABELS,
      ...INCIDENTS.map((row) => row.incidentId),
    ];
    expect(forbidden.length).toBeGreaterThan(25);
    for (const value of forbidden) {
      for (const part of [email.subject, email.text, email.html]) {
        expect(part).not.toContain(value);
        expect(part).not.toContain(escapeHtml(value));
      }
    }
  });

  it('has a one-line subject', () => {
    expect(email.subject).toBe(
      'Online safety weekly summary: week of Mon 26 Oct 2026 — St <Mary> & "John\'s" School Line2',
    );
  });

  it('escapes every Settings value in the HTML', () => {
    expect(email.html).toContain('St &lt;Mary&gt; &amp; &quot;John&#39;s&quot; School Line2');
    expect(email.html).toContain('Hate &amp; &lt;extremism&gt;');
    expect(email.html).not.toContain('<Mary>');
    expect(email.html).not.toContain('<extremism>');
  });

  it('is built for mail clients: presentation tables, inline styles, ≤ 600px, no images or scripts', () => {
    const html = email.html;
    const tables = html.match(/<table\b[^>]*>/g) ?? [];
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) expect(table).toContain('role="presentation"');
    expect(html).toContain('max-width:600px');
    for (const banned of ['<img', '<script', '<style', '<link', 'class=', 'javascript:', '<svg', '<canvas']) {
      expect(html.toLowerCase()).not.toContain(banned);
    }
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('draws weekly bars as cell widths proportional to the largest week', () => {
    // Weeks 0, 0, 1, 1, 5 → bars of 0%, 0%, 20%, 20%, 100% (this week in the darker colour).
    const weekly = email.html.slice(
      email.html.indexOf('Reports per week'),
      email.html.indexOf('Categories this week'),
    );
    const bars = [...weekly.matchAll(/<td width="(\d+)%" bgcolor="(#[0-9a-f]{6})"/g)].map((match) => [
      Number(match[1]),
      match[2],
    ]);
    expect(bars).toEqual([
      [100, '#e4e7eb'], // 0: track only
      [100, '#e4e7eb'], // 0: track only
      [20, '#3b6fb6'],
      [80, '#e4e7eb'],
      [20, '#3b6fb6'],
      [80, '#e4e7eb'],
      [100, '#1d4e89'], // 5, this week
    ]);
  });

  it('has a plain-text alternative with text bars', () => {
    const lines = email.text.split('\n');
    expect(lines).toContain(
      '5 reports this week so far (from Mon 26 Oct 2026), against an average of 0.5 a week over the previous ' +
        '4 weeks: above the weekly average.',
    );
    // Label, two spaces, a 20-character bar (value / largest × 20, rounded), two spaces, the value.
    expect(lines).toContain(`  w/c 28 Sep 2026  ${' '.repeat(20)}  0`);
    expect(lines).toContain(`  w/c 5 Oct 2026   ${' '.repeat(20)}  0`);
    expect(lines).toContain(`  w/c 12 Oct 2026  ####${' '.repeat(16)}  1`);
    expect(lines).toContain(`  w/c 26 Oct 2026  ${'#'.repeat(20)}  5`);
    expect(lines).toContain('Flagged as child protection this week: 1');
    expect(lines).toContain('Open incidents: 4');
    expect(lines).toContain('Overdue follow-ups: 1');
    expect(lines).toContain('Spikes: Cyberbullying.');
    expect(lines).toContain('Above their weekly average: Cyberbullying, Hate & <extremism>.');
    expect(lines).toContain(`Summary sheet (restricted): ${LINK}`);
  });

  it('links to the Summary sheet only with an http(s) address', () => {
    expect(email.html).toContain(`href="${escapeHtml(LINK)}"`);
    const bad = renderDigestEmail(digest, SETTINGS, { summaryUrl: 'javascript:alert(1)' });
    expect(bad.html).not.toContain('<a ');
    expect(bad.html).not.toContain('alert(1)');
    expect(bad.text).not.toContain('alert(1)');
  });

  it('gives a percentage change once the average is at least one a week', () => {
    const baseline = [
      '2026-09-30T11:00:00Z',
      '2026-10-07T11:00:00Z',
      '2026-10-14T11:00:00Z',
      '2026-10-21T11:00:00Z',
    ];
    const headline = (thisWeek: number): string | undefined => {
      const incidents = [
        ...baseline.flatMap((day, week) => [incident(`A${week}`, day, {}), incident(`B${week}`, day, {})]),
        ...Array.from({ length: thisWeek }, (_, index) => incident(`N${index}`, '2026-10-27T10:00:00Z', {})),
      ];
      const rendered = renderDigestEmail(
        buildDigest(computeSummary(incidents, SETTINGS, NOW), SETTINGS, NOW),
        SETTINGS,
        { summaryUrl: LINK },
      );
      return rendered.text.split('\n').find((line) => line.includes('this week so far'));
    };
    // 2 a week before; 3 is up 50%, 1 is down 50%, 2 is the same.
    expect(headline(3)).toMatch(/: up 50% on the weekly average\.$/);
    expect(headline(1)).toMatch(/: down 50% on the weekly average\.$/);
    expect(headline(2)).toMatch(/: about the same as the weekly average\.$/);
  });

  it('reads sensibly for a week with no reports at all', () => {
    const quiet = renderDigestEmail(buildDigest(computeSummary([], SETTINGS, NOW), SETTINGS, NOW), SETTINGS, {
      summaryUrl: LINK,
    });
    expect(quiet.text).toContain(
      '0 reports this week so far (from Mon 26 Oct 2026), against an average of 0 a week over the previous 4 ' +
        'weeks: none in the previous weeks either.',
    );
    expect(quiet.text).toContain('No spikes this week.');
    expect(quiet.html).toContain('No spikes this week.');
    expect(quiet.html).not.toMatch(/NaN|Infinity|undefined/);
    expect(quiet.text).not.toMatch(/NaN|Infinity|undefined/);
  });
});

describe('the email sent on the Monday after', () => {
  // Monday 2 Nov 2026 07:00 GMT: the week just ended is Mon 26 Oct – Sun 1 Nov (the first week of GMT).
  const MONDAY = new Date('2026-11-02T07:00:00Z');
  const early = incident('0199', '2026-11-02T06:00:00Z', { status: 'New' }); // Monday 06:00: next week
  const incidents = [...INCIDENTS, early];
  const mondaySummary = computeSummary(incidents, SETTINGS, MONDAY, {
    weekOf: reportedWeekOf(MONDAY, SETTINGS.timeZone),
  });
  const mondayDigest = buildDigest(mondaySummary, SETTINGS, MONDAY);
  const mondayEmail = renderDigestEmail(mondayDigest, SETTINGS, { summaryUrl: LINK });

  it('reports the week just ended, not the hours of Monday so far', () => {
    expect(reportedWeekOf(MONDAY, 'Europe/London').toISOString()).toBe('2026-11-01T23:59:59.999Z');
    expect(mondayDigest.weekStartLabel).toBe('Mon 26 Oct 2026');
    expect(mondayDigest.weekEndLabel).toBe('Sun 1 Nov 2026');
    expect(mondayDigest.weekComplete).toBe(true);
    expect(mondayDigest.thisWeek).toBe(5); // 0101–0105; 0199 came in on Monday and waits for next week
    expect(mondayDigest.openCount).toBe(5); // open counts are as of sending: 0199 included
    expect(mondayEmail.text.split('\n')).toContain(
      '5 reports last week (Mon 26 Oct 2026 – Sun 1 Nov 2026), against an average of 0.5 a week over the ' +
        'previous 4 weeks: above the weekly average.',
    );
    expect(mondayEmail.text).toContain('Flagged as child protection last week: 1');
    expect(mondayEmail.html).toContain('Categories last week');
    expect(mondayEmail.text).not.toContain('so far');
  });

  it('finds the week just ended across the spring clock change', () => {
    // Monday 30 Mar 2026 07:00 BST; the week before had 167 hours (clocks went forward on Sunday 29 Mar).
    const after = reportedWeekOf(new Date('2026-03-30T06:00:00Z'), 'Europe/London');
    expect(after.toISOString()).toBe('2026-03-29T22:59:59.999Z'); // Sun 29 Mar 23:59:59.999 BST
  });
});
