/**
 * The governors' termly report's figures against a table worked out by hand from the incidents below
 * (Spring term 2027 at Hillside, threshold 3), and the Headteacher's copy.
 */
import { computeGovernorsReport, termEndedBefore, yearBand } from '../../src/domain/governors-report';
import { renderGovernorsReport } from '../../src/domain/governors-report-html';
import { parsePeriod } from '../../src/domain/school-calendar';
import { shownText } from '../../src/domain/suppression';
import type { Shown } from '../../src/domain/suppression';
import type { Incident } from '../../src/domain/types';
import { closedIncident, hillsideSettings } from '../support/fixtures';

const DAY = 86_400_000;
const AUTUMN = parsePeriod('Autumn term: 2026-09-03 to 2026-12-18');
const SPRING = parsePeriod('Spring term: 2027-01-04 to 2027-03-25');
if (!AUTUMN || !SPRING) throw new Error('bad fixture');
const SETTINGS = hillsideSettings({ termDates: [AUTUMN, SPRING], suppressionThreshold: 3 });
const NOW = new Date('2027-03-26T10:00:00Z');

function at(iso: string, days: number): Date {
  return new Date(new Date(iso).getTime() + days * DAY);
}

function cyber(day: string): Incident {
  const t = `${day}T10:00:00Z`;
  return closedIncident(`C-${day}`, t, { lastUpdated: at(t, 1), closedOn: at(t, 2) });
}

function grooming(day: string, referral: 'Police' | 'CEOP'): Incident {
  const t = `${day}T10:00:00Z`;
  return closedIncident(`G-${day}`, t, {
    categories: ['Grooming'],
    fourCs: ['Contact'],
    platform: 'WhatsApp',
    yearGroups: ['Year 9'],
    childProtection: true,
    status: 'In progress',
    lastUpdated: at(t, 3),
    referral,
  });
}

const INCIDENTS: Incident[] = [
  // Spring term: 5 cyberbullying on Snapchat in the week of 1 Feb (a spike), closed in 2 days, triaged in 1.
  ...['2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04', '2027-02-05'].map(cyber),
  // 3 grooming on WhatsApp, flagged, in progress (triaged in 3 days), referred: Police, Police, CEOP.
  grooming('2027-01-12', 'Police'),
  grooming('2027-01-19', 'Police'),
  grooming('2027-01-26', 'CEOP'),
  // 2 inappropriate content on TikTok, in school, still New.
  ...['2027-03-01', '2027-03-02'].map((day) =>
    closedIncident(`I-${day}`, `${day}T10:00:00Z`, {
      categories: ['Inappropriate content'],
      fourCs: ['Content'],
      platform: 'TikTok',
      location: 'In school, on a school device or network',
      yearGroups: ['Year 7'],
      status: 'New',
    }),
  ),
  // A scam on Roblox, closed after 10 days.
  closedIncident('S-1', '2027-03-08T10:00:00Z', {
    categories: ['Scams'],
    fourCs: ['Commerce'],
    platform: 'Roblox',
    yearGroups: ['Year 7'],
    lastUpdated: at('2027-03-08T10:00:00Z', 10),
    closedOn: at('2027-03-08T10:00:00Z', 10),
  }),
  // A scam and cyberbullying on an app typed under Other, Years 7 and 8, still New.
  closedIncident('S-2', '2027-03-09T10:00:00Z', {
    categories: ['Scams', 'Cyberbullying'],
    fourCs: ['Commerce', 'Conduct'],
    platform: 'Zorbl Chat',
    yearGroups: ['Year 7', 'Year 8'],
    status: 'New',
  }),
  // Autumn term: 4 cyberbullying. The same dates last year: 1 grooming.
  ...['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'].map((d) =>
    closedIncident(`A-${d}`, `${d}T10:00:00Z`),
  ),
  closedIncident('Y-1', '2026-02-10T10:00:00Z', { categories: ['Grooming'], fourCs: ['Contact'] }),
];

const ALLEGATIONS = {
  staff: [
    new Date('2027-01-20T09:00:00Z'),
    new Date('2027-02-20T09:00:00Z'),
    new Date('2027-03-20T09:00:00Z'),
  ],
  headteacher: [new Date('2027-02-02T09:00:00Z'), new Date('2026-11-02T09:00:00Z')],
};

const t = (shown: Shown | null): string => (shown === null ? '—' : shownText(shown));

describe('the Spring term 2027 report, checked against a hand-computed table', () => {
  const report = computeGovernorsReport(INCIDENTS, ALLEGATIONS, SETTINGS, SPRING, NOW, {
    forHeadteacher: false,
  });

  it('compares the term with the last one and the same dates last year', () => {
    expect([report.term.label, report.lastTerm?.label, report.lastYear.label]).toEqual([
      'Spring term',
      'Autumn term',
      'Same dates last year',
    ]);
    expect([t(report.totals.thisTerm), t(report.totals.lastTerm), t(report.totals.lastYear)]).toEqual([
      '12',
      '4',
      'fewer than 3',
    ]);
    expect(report.byCategory.map((r) => [r.label, t(r.thisTerm), t(r.lastTerm), t(r.lastYear)])).toEqual([
      ['Cyberbullying', '6', '4', '0'],
      ['Grooming', '3', '0', 'fewer than 3'],
      ['Inappropriate content', 'fewer than 3', '0', '0'],
      ['Scams', 'fewer than 3', '0', '0'],
    ]);
    expect(report.byFourC.map((r) => [r.label, t(r.thisTerm), t(r.lastTerm), t(r.lastYear)])).toEqual([
      ['Content', 'fewer than 3', '0', '0'],
      ['Contact', '3', '0', 'fewer than 3'],
      ['Conduct', '6', '4', '0'],
      ['Commerce', 'fewer than 3', '0', '0'],
    ]);
  });

  it('breaks the term down by band, platform and place, hiding what subtraction would give away', () => {
    expect(report.byYearBand.map((r) => [r.label, t(r.count)])).toEqual([['Key Stage 3', '12']]);
    // 12 − 5 − 3 = 4 over TikTok, Roblox and Other (2, 1, 1): each could still be 1 or 2.
    expect(report.byPlatform.map((r) => [r.label, t(r.count)])).toEqual([
      ['Snapchat', '5'],
      ['TikTok', 'fewer than 3'],
      ['WhatsApp', '3'],
      ['Roblox', 'fewer than 3'],
      ['Other', 'fewer than 3'],
    ]);
    // In school 2 of 12: showing "Outside school 10" would give it away, so that is hidden too.
    expect(report.inOrOutOfSchool.map((r) => [r.label, t(r.count)])).toEqual([
      ['In school', 'fewer than 3'],
      ['Outside school', 'hidden'],
    ]);
  });

  it('gives the flagged share, referrals, medians, open, overdue, spikes and allegation counts', () => {
    expect([t(report.flagged), report.flaggedPercent]).toEqual(['3', 25]);
    expect(report.referrals.map((r) => [r.label, t(r.count)])).toEqual([
      ['Police', 'fewer than 3'],
      ['CEOP', 'fewer than 3'],
    ]);
    // Triage: 1,1,1,1,1 (cyberbullying), 3,3,3 (grooming), 10 (scam) → median 1 over 9.
    expect([report.timeToTriage.days, t(report.timeToTriage.measured)]).toEqual([1, '9']);
    // Close: 2 ×5 and 10 → median 2 over 6.
    expect([report.timeToClose.days, t(report.timeToClose.measured)]).toEqual([2, '6']);
    // Open: 3 in progress + 3 New; all six are overdue on 26 March.
    expect([t(report.open), t(report.overdue)]).toEqual(['6', '6']);
    expect(report.spikes).toEqual([{ category: 'Cyberbullying', weeks: ['Mon 1 Feb 2027'] }]);
    expect([t(report.allegationsAboutStaff), t(report.allegationsAboutHeadteacher)]).toEqual([
      '3',
      'fewer than 3',
    ]);
  });

  it('with suppression off shows every count as it is', () => {
    const open = computeGovernorsReport(
      INCIDENTS,
      ALLEGATIONS,
      { ...SETTINGS, suppressionThreshold: 0 },
      SPRING,
      NOW,
      { forHeadteacher: false },
    );
    expect(open.byPlatform.map((r) => t(r.count))).toEqual(['5', '2', '3', '1', '1']);
    expect(open.inOrOutOfSchool.map((r) => t(r.count))).toEqual(['2', '10']);
  });
});

describe("the Headteacher's copy", () => {
  const report = computeGovernorsReport(INCIDENTS, ALLEGATIONS, SETTINGS, SPRING, NOW, {
    forHeadteacher: true,
  });
  const full = renderGovernorsReport(
    computeGovernorsReport(INCIDENTS, ALLEGATIONS, SETTINGS, SPRING, NOW, { forHeadteacher: false }),
  );
  const heads = renderGovernorsReport(report);

  it('says nothing at all about allegations about the Headteacher — not even a row', () => {
    expect(report.allegationsAboutHeadteacher).toBeNull();
    expect(full.html).toContain('About the Headteacher');
    expect(full.text).toContain('About the Headteacher');
    for (const part of [heads.html, heads.text, heads.subject])
      expect(part).not.toMatch(/about the headteacher/i);
    expect(heads.html).toContain('About members of staff');
  });
});

describe('which term and which band', () => {
  it('a report is due for the latest term that ended before today', () => {
    const day = (iso: string): number => parsePeriod(iso)?.first ?? 0;
    expect(termEndedBefore([AUTUMN, SPRING], day('2027-03-25'))).toBe(AUTUMN);
    expect(termEndedBefore([AUTUMN, SPRING], day('2027-03-26'))).toBe(SPRING);
    expect(termEndedBefore([AUTUMN, SPRING], day('2026-09-10'))).toBeNull();
  });

  it.each([
    ['Reception', 'Early years and Key Stage 1'],
    ['Year 2', 'Early years and Key Stage 1'],
    ['Year 6', 'Key Stage 2'],
    ['Y7', 'Key Stage 3'],
    ['Year 11', 'Key Stage 4'],
    ['Year 13', 'Sixth form'],
    ['Staff room', 'Other'],
  ])('%s is in %s', (year, band) => {
    expect(yearBand(year)).toBe(band);
  });
});

describe("referrals in the governors' report", () => {
  it('counts each agency on the Referrals sheet once per incident, as well as the older single referral', () => {
    const settings = hillsideSettings({ termDates: [AUTUMN, SPRING], suppressionThreshold: 0 });
    const twoReferrals = {
      ...cyber('2027-02-08'),
      referral: 'None' as const,
      referralsAtGlance:
        "Police 09/02/2027 ref 1234\nChildren's social care 09/02/2027\nPolice 10/02/2027 ref 1250\nIWF Report Remove 11/02/2027",
    };
    const report = computeGovernorsReport(
      [twoReferrals, grooming('2027-02-09', 'Police')],
      ALLEGATIONS,
      settings,
      SPRING,
      NOW,
      { forHeadteacher: false },
    );
    expect(report.referrals.map((r) => [r.label, t(r.count)])).toEqual([
      ['Police', '2'],
      ['IWF Report Remove', '1'],
      ["Children's social care", '1'],
    ]);
  });
});
