import { computeSummary, inOrOutOfSchool, pupilDisplayName, pupilKey } from '../../src/domain/analytics';
import type { Incident, Settings } from '../../src/domain/types';
import { closedIncident as incident, hillsideSettings } from '../support/fixtures';

const SETTINGS: Settings = hillsideSettings();

/** Wednesday 28 Oct 2026, 12:00 GMT: this week is Mon 26 Oct – Sun 1 Nov; the period Nov 2025 – Oct 2026. */
const NOW = new Date('2026-10-28T12:00:00Z');

describe('weeks in the school time zone', () => {
  it('puts Sunday 25 Oct 23:30 GMT in the week of 19 Oct and Monday 00:30 GMT in this week', () => {
    const summary = computeSummary(
      [
        incident('A', '2026-10-25T23:30:00Z'), // Sun 25 Oct 23:30 GMT → week of 19 Oct
        incident('B', '2026-10-26T00:30:00Z'), // Mon 26 Oct 00:30 GMT → this week
        incident('C', '2026-10-18T23:30:00Z'), // Mon 19 Oct 00:30 BST → week of 19 Oct
        incident('D', '2026-10-18T22:30:00Z'), // Sun 18 Oct 23:30 BST → week of 12 Oct
        incident('E', '2026-09-27T22:59:00Z'), // Sun 27 Sep 23:59 BST → before the baseline
        incident('F', '2026-09-27T23:00:00Z'), // Mon 28 Sep 00:00 BST → first baseline week
        incident('G', '2026-11-02T00:00:00Z'), // next week: not counted
      ],
      SETTINGS,
      NOW,
    );
    expect(summary.weekly.weeks.map((week) => week.key)).toEqual([
      '2026-09-28',
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
      '2026-10-26',
    ]);
    expect(summary.weekly.weeks.map((week) => week.start.toISOString())).toEqual([
      '2026-09-27T23:00:00.000Z',
      '2026-10-04T23:00:00.000Z',
      '2026-10-11T23:00:00.000Z',
      '2026-10-18T23:00:00.000Z',
      '2026-10-26T00:00:00.000Z',
    ]);
    expect(summary.weekly.totals).toEqual([1, 0, 1, 2, 1]);
    expect(summary.weekly.thisWeek).toBe(1);
    expect(summary.weekly.baselineAverage).toBe(1); // (1 + 0 + 1 + 2) / 4
  });
});

describe('months in the school time zone', () => {
  it('cuts months at local midnight and counts an incident once in each of its categories', () => {
    const summary = computeSummary(
      [
        incident('M1', '2026-06-30T23:30:00Z'), // 1 Jul 00:30 BST → July
        incident('M2', '2026-06-30T22:30:00Z'), // 30 Jun 23:30 BST → June
        incident('M3', '2025-10-31T23:30:00Z', { categories: ['Grooming'] }), // Oct 2025 → before the period
        incident('M4', '2025-11-01T00:00:00Z', { categories: ['Grooming'] }), // first month of the period
        incident('M5', '2026-10-28T09:00:00Z', { categories: ['Cyberbullying', 'Grooming'] }),
        incident('M6', '2026-03-29T00:30:00Z', { categories: ['Scams'] }), // 00:30 GMT → March
        incident('M7', '2026-03-31T23:30:00Z', { categories: ['Scams'] }), // 1 Apr 00:30 BST → April
      ],
      SETTINGS,
      NOW,
    );
    expect(summary.months.map((month) => month.key)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(summary.months[0]?.label).toBe('Nov 2025');
    expect(summary.months[0]?.start.toISOString()).toBe('2025-11-01T00:00:00.000Z');
    expect(summary.months[8]?.start.toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(summary.categoryByMonth.rows.map((row) => [row.category, row.counts, row.total])).toEqual([
      ['Cyberbullying', [0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1], 3],
      ['Grooming', [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 2],
      ['Inappropriate content', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0],
      ['Scams', [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0], 2],
    ]);
    expect(summary.categoryByMonth.allReports).toEqual([1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1]);
    expect(summary.periodTotal).toBe(6);
    expect(summary.byCategory.map((row) => [row.label, row.count])).toEqual([
      ['Cyberbullying', 3],
      ['Grooming', 2],
      ['Scams', 2],
      ['Inappropriate content', 0],
    ]);
  });
});

describe('breakdowns', () => {
  const tuesday = '2026-10-27T10:00:00Z';
  const summary = computeSummary(
    [
      incident('B1', tuesday, {
        categories: ['Cyberbullying', 'Grooming'],
        platform: 'Snapchat',
        yearGroups: ['Year 7', 'Year 8'],
        fourCs: ['Conduct', 'Contact'],
        location: 'Outside school',
        status: 'New',
      }),
      incident('B2', tuesday, {
        categories: ['cyberbullying '],
        platform: ' snapchat ',
        yearGroups: ['year  8'],
        fourCs: ['Conduct'],
        location: 'In school on a school device',
        status: 'Triaged',
      }),
      incident('B3', tuesday, {
        categories: ['Sextortion (typed)'],
        platform: 'Zorbl Chat',
        yearGroups: ['Year 12 (sixth form)'],
        fourCs: ['Content'],
        location: 'In school on a personal device',
        status: 'Closed',
      }),
      incident('B4', tuesday, {
        platform: '',
        yearGroups: [],
        fourCs: ['Conduct', 'Conduct'],
        location: '',
        status: 'In progress',
      }),
      incident('B5', 'not a date', { status: 'Awaiting external agency' }),
    ],
    SETTINGS,
    NOW,
  );

  it('counts 4Cs groups, year groups and platforms, matching Settings names ignoring case and spaces', () => {
    expect(summary.byFourC.map((row) => [row.label, row.count])).toEqual([
      ['Content', 1],
      ['Contact', 1],
      ['Conduct', 3],
      ['Commerce', 0],
    ]);
    expect(summary.byYearGroup.map((row) => [row.label, row.count, row.known])).toEqual([
      ['Year 7', 1, true],
      ['Year 8', 2, true],
      ['Year 9', 0, true],
      ['Year 12 (sixth form)', 1, false],
    ]);
    expect(summary.byPlatform.map((row) => [row.label, row.count, row.known])).toEqual([
      ['Snapchat', 2, true],
      ['Not stated', 1, false],
      ['Zorbl Chat', 1, false],
      ['Roblox', 0, true],
      ['TikTok', 0, true],
      ['WhatsApp', 0, true],
    ]);
    expect(summary.byCategory.map((row) => [row.label, row.count, row.known])).toEqual([
      ['Cyberbullying', 3, true],
      ['Grooming', 1, true],
      ['Sextortion (typed)', 1, false],
      ['Inappropriate content', 0, true],
      ['Scams', 0, true],
    ]);
  });

  it('counts locations and in or outside school', () => {
    expect(summary.byLocation.map((row) => [row.label, row.count])).toEqual([
      ['In school on a personal device', 1],
      ['In school on a school device', 1],
      ['Not stated', 1],
      ['Outside school', 1],
    ]);
    expect(summary.inOrOutOfSchool.map((row) => [row.label, row.count])).toEqual([
      ['In school', 2],
      ['Outside school', 1],
      ['Not stated', 1],
    ]);
  });

  it('counts every incident in the status pipeline, the undated one included', () => {
    expect(summary.statusPipeline.map((row) => [row.label, row.count])).toEqual([
      ['New', 1],
      ['Triaged', 1],
      ['In progress', 1],
      ['Awaiting external agency', 1],
      ['Closed', 1],
    ]);
    expect(summary.openCount).toBe(4);
    expect(summary.periodTotal).toBe(4);
    expect(summary.undated).toBe(1);
    expect(summary.overdue).toEqual([]);
  });
});

describe('location groups', () => {
  it('reads the form options into in school and outside school', () => {
    expect(inOrOutOfSchool('In school, on a school device')).toBe('In school');
    expect(inOrOutOfSchool('In school on a personal device')).toBe('In school');
    expect(inOrOutOfSchool('Outside school')).toBe('Outside school');
    expect(inOrOutOfSchool('At home')).toBe('Outside school');
    expect(inOrOutOfSchool('')).toBe('Not stated');
  });
});

describe('spikes and rising categories', () => {
  /** Baseline weeks: Wednesdays 30 Sep, 7, 14, 21 Oct at 12:00 BST; this week: Tuesday 27 Oct. */
  const baselineDays = [
    '2026-09-30T11:00:00Z',
    '2026-10-07T11:00:00Z',
    '2026-10-14T11:00:00Z',
    '2026-10-21T11:00:00Z',
  ];
  const thisWeekDay = '2026-10-27T12:00:00Z';
  const many = (
    count: number,
    prefix: string,
    submitted: string,
    overrides: Partial<Incident> = {},
  ): Incident[] =>
    Array.from({ length: count }, (_, index) => incident(`${prefix}-${index}`, submitted, overrides));

  it('spikes at ≥ min count and ≥ ratio × baseline, including from a zero baseline', () => {
    const incidents = [
      // Cyberbullying: 1 a week, then 3 → 3 ≥ 3 and 3 ≥ 2 × 1: spike.
      ...baselineDays.flatMap((day, week) =>
        many(1, `CB${week}`, day, { categories: ['Cyberbullying'], childProtection: week === 0 }),
      ),
      ...many(3, 'CB-now', thisWeekDay, { categories: ['Cyberbullying'] }),
      // Inappropriate content: 2 a week, then 3 → 3 < 2 × 2: rising, no spike.
      ...baselineDays.flatMap((day, week) =>
        many(2, `IC${week}`, day, { categories: ['Inappropriate content'] }),
      ),
      ...many(3, 'IC-now', thisWeekDay, { categories: ['Inappropriate content'] }),
      // Grooming: none, then 3 → zero baseline and at the minimum: spike.
      ...many(3, 'GR-now', thisWeekDay, { categories: ['Grooming'], childProtection: true }),
      // Scams: none, then 2 → below the minimum: rising, no spike.
      ...many(2, 'SC-now', thisWeekDay, { categories: ['Scams'] }),
    ];
    const weekly = computeSummary(incidents, SETTINGS, NOW).weekly;
    expect(
      weekly.categories.map((row) => [row.category, row.weekly, row.baselineAverage, row.rising, row.spike]),
    ).toEqual([
      ['Cyberbullying', [1, 1, 1, 1, 3], 1, true, true],
      ['Grooming', [0, 0, 0, 0, 3], 0, true, true],
      ['Inappropriate content', [2, 2, 2, 2, 3], 2, true, false],
      ['Scams', [0, 0, 0, 0, 2], 0, true, false],
    ]);
    expect(weekly.spikes).toEqual(['Grooming', 'Cyberbullying']);
    expect(weekly.rising).toEqual(['Grooming', 'Cyberbullying', 'Inappropriate content', 'Scams']);
    expect(weekly.totals).toEqual([3, 3, 3, 3, 11]);
    expect(weekly.thisWeek).toBe(11);
    expect(weekly.baselineAverage).toBe(3);
    expect(weekly.flaggedThisWeek).toBe(3);
    expect(weekly.spikeRule).toBe(
      'A category spikes when its count in a week (Monday–Sunday, Europe/London) is at least 3 and at least ' +
        '2 × its average weekly count over the previous 4 weeks; a category with no reports in those weeks ' +
        'spikes once it reaches 3.',
    );
  });

  it('treats the ratio as inclusive and does not spike just under it', () => {
    const settings = { ...SETTINGS, spikeRatio: 1.5, spikeBaselineWeeks: 2 };
    const incidents = [
      // Cyberbullying: 2 and 2 (average 2), then 3 = 1.5 × 2: spike.
      ...many(2, 'CB-a', '2026-10-14T11:00:00Z'),
      ...many(2, 'CB-b', '2026-10-21T11:00:00Z'),
      ...many(3, 'CB-now', thisWeekDay),
      // Scams: 2 and 3 (average 2.5), then 3 < 3.75: no spike, but rising.
      ...many(2, 'SC-a', '2026-10-14T11:00:00Z', { categories: ['Scams'] }),
      ...many(3, 'SC-b', '2026-10-21T11:00:00Z', { categories: ['Scams'] }),
      ...many(3, 'SC-now', thisWeekDay, { categories: ['Scams'] }),
    ];
    const weekly = computeSummary(incidents, settings, NOW).weekly;
    const byName = new Map(weekly.categories.map((row) => [row.category, row]));
    expect(byName.get('Cyberbullying')).toMatchObject({ weekly: [2, 2, 3], baselineAverage: 2, spike: true });
    expect(byName.get('Scams')).toMatchObject({
      weekly: [2, 3, 3],
      baselineAverage: 2.5,
      spike: false,
      rising: true,
    });
    expect(weekly.spikes).toEqual(['Cyberbullying']);
  });

  it('reports nothing for empty weeks', () => {
    const summary = computeSummary([], SETTINGS, NOW);
    expect(summary.weekly.totals).toEqual([0, 0, 0, 0, 0]);
    expect(summary.weekly.thisWeek).toBe(0);
    expect(summary.weekly.baselineAverage).toBe(0);
    expect(summary.weekly.spikes).toEqual([]);
    expect(summary.weekly.rising).toEqual([]);
    expect(summary.weekly.categories.map((row) => [row.category, row.thisWeek, row.spike])).toEqual([
      ['Cyberbullying', 0, false],
      ['Grooming', 0, false],
      ['Inappropriate content', 0, false],
      ['Scams', 0, false],
    ]);
    expect(summary.categoryByMonth.allReports).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(summary.statusPipeline.map((row) => row.count)).toEqual([0, 0, 0, 0, 0]);
    expect(summary.timeToTriage).toMatchObject({ medianDays: null, incidents: 0 });
    expect(summary.timeToClose).toMatchObject({ medianDays: null, incidents: 0 });
    expect(summary.overdue).toEqual([]);
    expect(summary.repeatPupils).toEqual([]);
    expect(summary.openCount).toBe(0);
  });
});

describe('overdue follow-ups', () => {
  it('lists New incidents past the next school day and open ones with no update for overdueDays', () => {
    const summary = computeSummary(
      [
        incident('O1', '2026-10-26T10:00:00Z', { status: 'New' }), // Mon → due Tue 27: overdue Wed
        incident('O2', '2026-10-27T09:00:00Z', { status: 'New' }), // Tue → due Wed 28: not yet
        incident('O3', '2026-10-23T15:00:00Z', { status: 'New' }), // Fri → due Mon 26
        incident('O4', '2026-10-24T10:00:00Z', { status: 'New' }), // Sat → due Mon 26
        incident('O5', '2026-10-01T09:00:00Z', {
          status: 'In progress',
          lastUpdated: new Date('2026-10-21T09:00:00Z'),
        }),
        // Updated 21 Oct 23:30 UTC = 22 Oct 00:30 BST: 6 local days ago, not 7.
        incident('O6', '2026-10-01T09:00:00Z', {
          status: 'In progress',
          lastUpdated: new Date('2026-10-21T23:30:00Z'),
        }),
        incident('O7', '2026-01-01T09:00:00Z', {
          status: 'Closed',
          lastUpdated: new Date('2026-01-02T09:00:00Z'),
        }),
        incident('O8', '2026-10-01T09:00:00Z', { status: 'Triaged' }), // never updated: counted from submission
        incident('O9', '2026-10-01T09:00:00Z', { status: 'New' }),
      ],
      SETTINGS,
      NOW,
    );
    expect(
      summary.overdue.map((row) => [row.incidentId, row.untriaged, row.daysSinceUpdate, row.reasons]),
    ).toEqual([
      ['O8', false, 27, ['No update for 27 days']],
      ['O9', true, 27, ['Still New after 2026-10-02', 'No update for 27 days']],
      ['O5', false, 7, ['No update for 7 days']],
      ['O3', true, 5, ['Still New after 2026-10-26']],
      ['O4', true, 4, ['Still New after 2026-10-26']],
      ['O1', true, 2, ['Still New after 2026-10-27']],
    ]);
    expect(summary.overdueCount).toBe(6);
    expect(summary.openCount).toBe(8);
  });
});

describe('time to triage and to close', () => {
  it('takes medians over the incidents that can be measured', () => {
    const day = (iso: string): Date => new Date(iso);
    const summary = computeSummary(
      [
        incident('T1', '2026-10-01T00:00:00Z', {
          status: 'Triaged',
          lastUpdated: day('2026-10-03T00:00:00Z'),
        }),
        incident('T2', '2026-10-01T00:00:00Z', {
          status: 'Closed',
          lastUpdated: day('2026-10-11T00:00:00Z'),
          closedOn: day('2026-10-06T00:00:00Z'),
        }),
        incident('T3', '2026-10-02T00:00:00Z', {
          status: 'In progress',
          lastUpdated: day('2026-10-03T12:00:00Z'),
        }),
        incident('T4', '2026-10-02T00:00:00Z', { status: 'New', lastUpdated: day('2026-10-02T06:00:00Z') }),
        incident('T5', '2026-09-01T00:00:00Z', {
          status: 'Closed',
          lastUpdated: day('2026-09-11T00:00:00Z'),
        }),
        incident('T6', '2026-09-01T00:00:00Z', { status: 'Closed' }),
        incident('T7', '2025-01-01T00:00:00Z', { status: 'Closed', closedOn: day('2025-03-01T00:00:00Z') }),
      ],
      SETTINGS,
      NOW,
    );
    // Triage samples 2, 5 (closedOn earlier than lastUpdated), 1.5, 10 → median (2 + 5) / 2.
    expect(summary.timeToTriage).toMatchObject({ medianDays: 3.5, incidents: 4 });
    // Close samples 5 and 10 (lastUpdated standing in for a missing closedOn).
    expect(summary.timeToClose).toMatchObject({ medianDays: 7.5, incidents: 2 });
    expect(summary.timeToTriage.method).toMatch(/upper bound/);
  });
});

describe('pupils named in several incidents', () => {
  it('normalises names: case, spaces and "Surname, First" order', () => {
    expect(pupilDisplayName('  Smith ,   John ')).toBe('John Smith');
    expect(pupilKey('SMITH, john')).toBe('john smith');
    expect(pupilKey(' John   Smith ')).toBe('john smith');
    expect(pupilKey('John\u00a0Smith')).toBe('john smith');
    expect(pupilDisplayName('   ')).toBe('');
  });

  it('lists pupils named in ≥ min incidents within the window, once per incident', () => {
    const summary = computeSummary(
      [
        incident('P1', '2026-10-01T09:00:00Z', { pupilsHarmed: ['Smith, John'] }),
        incident('P2', '2026-10-10T09:00:00Z', { pupilsCausedHarm: ['john  smith'] }),
        incident('P3', '2026-10-20T09:00:00Z', { pupilsOther: [' JOHN SMITH '] }),
        // Amy Jones: 1 Sep … 1 Oct spans 31 days: not within 30.
        incident('Q1', '2026-09-01T09:00:00Z', { pupilsHarmed: ['Amy Jones'] }),
        incident('Q2', '2026-09-15T09:00:00Z', { pupilsHarmed: ['Amy Jones'] }),
        incident('Q3', '2026-10-01T09:00:00Z', { pupilsHarmed: ['Amy Jones'] }),
        // Bea Khan: 1 Sep … 30 Sep spans exactly 30 days.
        incident('R1', '2026-09-01T09:00:00Z', { pupilsHarmed: ['Bea Khan'] }),
        incident('R2', '2026-09-15T09:00:00Z', { pupilsHarmed: ['Bea Khan'] }),
        incident('R3', '2026-09-30T09:00:00Z', { pupilsHarmed: ['Bea Khan'] }),
        // Cara Dunn: the third is 30 Sep in UTC but 1 Oct 00:30 in London: 31 days.
        incident('S1', '2026-09-01T09:00:00Z', { pupilsHarmed: ['Cara Dunn'] }),
        incident('S2', '2026-09-15T09:00:00Z', { pupilsHarmed: ['Cara Dunn'] }),
        incident('S3', '2026-09-30T23:30:00Z', { pupilsHarmed: ['Cara Dunn'] }),
        // Cal Ode: twice in one incident and once in another is two incidents.
        incident('T1', '2026-10-02T09:00:00Z', { pupilsHarmed: ['Cal Ode'], pupilsOther: ['Ode, Cal'] }),
        incident('T2', '2026-10-03T09:00:00Z', { pupilsHarmed: ['Cal Ode'] }),
        // Gil Hart: five incidents, three of them within 30 days in May.
        incident('V1', '2026-03-01T09:00:00Z', { pupilsOther: ['Gil Hart'] }),
        incident('V2', '2026-05-01T09:00:00Z', { pupilsOther: ['Gil Hart'] }),
        incident('V3', '2026-05-10T09:00:00Z', { pupilsOther: ['Gil Hart'] }),
        incident('V4', '2026-05-20T09:00:00Z', { pupilsOther: ['Gil Hart'] }),
        incident('V5', '2026-08-01T09:00:00Z', { pupilsOther: ['Gil Hart', '  '] }),
        // Dan Eve caused harm twice; Fay Gee once (and was harmed once).
        incident('U1', '2026-10-05T09:00:00Z', { pupilsCausedHarm: ['Dan Eve', 'Fay Gee'] }),
        incident('U2', '2026-10-06T09:00:00Z', { pupilsCausedHarm: ['eve, dan'], pupilsHarmed: ['Fay Gee'] }),
      ],
      SETTINGS,
      NOW,
    );
    expect(summary.repeatPupils).toEqual([
      {
        pupil: 'JOHN SMITH',
        count: 3,
        incidentIds: ['P1', 'P2', 'P3'],
        firstDate: '2026-10-01',
        lastDate: '2026-10-20',
      },
      {
        pupil: 'Bea Khan',
        count: 3,
        incidentIds: ['R1', 'R2', 'R3'],
        firstDate: '2026-09-01',
        lastDate: '2026-09-30',
      },
      {
        pupil: 'Gil Hart',
        count: 3,
        incidentIds: ['V2', 'V3', 'V4'],
        firstDate: '2026-05-01',
        lastDate: '2026-05-20',
      },
    ]);
    expect(summary.repeatInstigators).toEqual([
      {
        pupil: 'dan eve',
        count: 2,
        incidentIds: ['U1', 'U2'],
        firstDate: '2026-10-05',
        lastDate: '2026-10-06',
      },
    ]);
    expect(summary.repeatPupilRule).toBe(
      'Pupils named (in any role) in at least 3 incidents submitted within 30 consecutive days, in the last 12 months.',
    );
  });
});

describe('scale', () => {
  it('summarises 50,000 incidents in well under a second (asserted < 3 s)', () => {
    // A fixed pseudo-random sequence, so the data are the same every run.
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const names = Array.from({ length: 3000 }, (_, index) => `Pupil${index} Surname${index % 97}`);
    const statuses = ['New', 'Triaged', 'In progress', 'Awaiting external agency', 'Closed'] as const;
    const start = Date.parse('2024-11-01T00:00:00Z');
    const span = NOW.getTime() - start;
    const incidents: Incident[] = [];
    for (let index = 0; index < 50_000; index += 1) {
      const submitted = start + Math.floor(next() * span);
      incidents.push(
        incident(`OSI-${index}`, new Date(submitted).toISOString(), {
          categories: [pick(SETTINGS.categories).name, pick(SETTINGS.categories).name],
          platform: pick(SETTINGS.platforms),
          yearGroups: [pick(SETTINGS.yearGroups)],
          pupilsHarmed: [pick(names)],
          pupilsCausedHarm: [pick(names)],
          pupilsOther: next() < 0.3 ? [pick(names)] : [],
          status: pick(statuses),
          lastUpdated: new Date(submitted + Math.floor(next() * 20 * 86_400_000)),
          childProtection: next() < 0.1,
        }),
      );
    }
    const began = performance.now();
    const summary = computeSummary(incidents, SETTINGS, NOW);
    const elapsed = performance.now() - began;
    expect(elapsed).toBeLessThan(3000);
    expect(summary.statusPipeline.reduce((sum, row) => sum + row.count, 0)).toBe(50_000);
    expect(summary.repeatPupils.length).toBeGreaterThan(0);
  });
});

describe('reporting another week than the current one', () => {
  it('takes "this week" from weekOf while open and overdue stay as of now', () => {
    const incidents = [
      incident('W1', '2026-10-20T10:00:00Z', { status: 'New' }), // week of 19 Oct
      incident('W2', '2026-10-21T10:00:00Z', { status: 'New' }), // week of 19 Oct
      incident('W3', '2026-10-27T10:00:00Z', { status: 'New' }), // this week (of NOW)
      incident('W4', '2026-10-13T10:00:00Z', { status: 'New' }), // week of 12 Oct
    ];
    const lastWeek = computeSummary(incidents, SETTINGS, NOW, { weekOf: new Date('2026-10-25T23:59:59Z') });
    expect(lastWeek.weekly.weeks.map((week) => week.key)).toEqual([
      '2026-09-21',
      '2026-09-28',
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
    ]);
    expect(lastWeek.weekly.totals).toEqual([0, 0, 0, 1, 2]);
    expect(lastWeek.weekly.thisWeek).toBe(2);
    expect(lastWeek.openCount).toBe(4);
    // W1, W2 and W4 are still New after their next school day as of NOW (Wed 28 Oct); W3 is not yet.
    expect(lastWeek.overdue.map((row) => row.incidentId).sort()).toEqual(['W1', 'W2', 'W4']);
    expect(computeSummary(incidents, SETTINGS, NOW).weekly.thisWeek).toBe(1);
  });
});
