import { routeProblems } from '../../src/domain/routing';
import { withoutQuotePrefix } from '../../src/domain/cells';
import {
  DEFAULT_CATEGORIES,
  MAX_CATEGORIES,
  defaultSettings,
  isValidEmail,
  parseSettings,
  settingsSheetRows,
} from '../../src/domain/settings';
import type { Settings } from '../../src/domain/types';

/** What getValues would return after the rows were written: quote prefixes are not part of the value. */
function asSheetsStores(rows: unknown[][]): unknown[][] {
  return rows.map((row) => row.map(withoutQuotePrefix));
}

function filledIn(): Settings {
  return {
    ...defaultSettings('Europe/London'),
    schoolName: "St Mary's C of E Primary School",
    dslEmail: 'r.okafor@stmarys.sch.uk',
    deputyDslEmails: ['t.nguyen@stmarys.sch.uk', 'h.briggs@stmarys.sch.uk'],
    headteacherEmail: 'head@stmarys.sch.uk',
    chairOfGovernorsEmail: 'chair.governors@stmarys.sch.uk',
    leadershipEmails: ['head@stmarys.sch.uk', 'deputy.head@stmarys.sch.uk'],
  };
}

/** Sets the Value cell of the row whose Setting cell reads `label`. */
function withValue(rows: unknown[][], label: string, value: unknown): unknown[][] {
  const copy = rows.map((r) => [...r]);
  const row = copy.find((r) => r[0] === label);
  if (!row) throw new Error(`no setting row ${label}`);
  row[1] = value;
  return copy;
}

function sheetOf(settings: Settings): unknown[][] {
  return asSheetsStores(settingsSheetRows(settings));
}

describe('defaults', () => {
  const d = defaultSettings();

  test('UK year groups, Reception to Year 13', () => {
    expect(d.yearGroups[0]).toBe('Reception');
    expect(d.yearGroups[1]).toBe('Year 1');
    expect(d.yearGroups[d.yearGroups.length - 1]).toBe('Year 13');
    expect(d.yearGroups).toHaveLength(14);
  });

  test('categories fit the form and the ones that always count are the child-protection ones', () => {
    expect(d.categories.length).toBeLessThanOrEqual(MAX_CATEGORIES);
    const always = d.categories.filter((c) => c.alwaysChildProtection).map((c) => c.name);
    expect(always).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/grooming/i),
        expect.stringMatching(/nudes/i),
        expect.stringMatching(/self-harm/i),
        expect.stringMatching(/illegal/i),
        expect.stringMatching(/radicalisation/i),
      ]),
    );
    expect(always).toHaveLength(5);
    expect(d.categories.some((c) => c.group === 'Commerce')).toBe(true);
  });

  test('schedule, thresholds and prefix', () => {
    expect([d.digestDay, d.digestHour, d.alertDetail]).toEqual(['Monday', 7, 'minimal']);
    expect([d.overdueDays, d.repeatPupilMinIncidents, d.repeatPupilWindowDays]).toEqual([10, 3, 30]);
    expect([d.spikeRatio, d.spikeBaselineWeeks, d.spikeMinCount, d.retentionYears]).toEqual([2, 4, 3, 6]);
    expect(d.incidentIdPrefix).toBe('OSI');
  });

  test('each call gives a fresh copy', () => {
    const a = defaultSettings();
    a.categories[0]!.name = 'Changed';
    a.yearGroups.push('Year 14');
    expect(defaultSettings().categories[0]!.name).toBe(DEFAULT_CATEGORIES[0]!.name);
    expect(defaultSettings().yearGroups).not.toContain('Year 14');
  });
});

describe('the Settings sheet layout', () => {
  const rows = settingsSheetRows(filledIn());

  test('two tables side by side with their header rows, one rectangular block', () => {
    expect(rows[0]).toEqual([
      'Setting',
      'Value',
      'What it means',
      '',
      'Category',
      '4Cs group',
      'Always a child-protection concern (Yes/No)',
    ]);
    for (const row of rows) expect(row).toHaveLength(7);
  });

  test('every setting has a plain-words description', () => {
    for (const row of rows.slice(1)) {
      if (row[0] !== '') expect(String(row[2]).length).toBeGreaterThan(10);
    }
  });

  test('a list is one entry per line in its cell; numbers are numbers', () => {
    const stored = asSheetsStores(rows);
    expect(stored.find((r) => r[0] === 'Deputy DSL emails')?.[1]).toBe(
      't.nguyen@stmarys.sch.uk\nh.briggs@stmarys.sch.uk',
    );
    expect(stored.find((r) => r[0] === 'Weekly email hour')?.[1]).toBe(7);
  });

  test('the category table lists name, group and Yes/No', () => {
    const stored = asSheetsStores(rows);
    expect(stored[1]?.slice(4)).toEqual(['Grooming or contact by an adult', 'Contact', 'Yes']);
    const bullying = stored.find((r) => r[4] === 'Cyberbullying, hate or harassment');
    expect(bullying?.slice(5)).toEqual(['Conduct', 'No']);
  });
});

describe('reading the Settings sheet', () => {
  test('round trip: a filled-in sheet reads back the same settings with no problems', () => {
    const settings = filledIn();
    const result = parseSettings(sheetOf(settings), 'Europe/London');
    expect(result.problems).toEqual([]);
    expect(result.settings).toEqual(settings);
  });

  test('round trip of the defaults: same settings; empty school name and leadership list are reported', () => {
    const result = parseSettings(sheetOf(defaultSettings()), 'Europe/London');
    expect(result.settings).toEqual(defaultSettings());
    // Empty DSL, Headteacher and Chair addresses are reported by routeProblems, which says where reports go.
    expect(result.problems).toEqual([
      'School name is empty: the form and emails will say "Our school" until it is filled in.',
      'Leadership emails is empty: nobody will get the weekly summary email.',
    ]);
  });

  test('an empty time zone cell means the script time zone', () => {
    const result = parseSettings(sheetOf({ ...filledIn(), timeZone: '' }), 'Pacific/Auckland');
    expect(result.settings.timeZone).toBe('Pacific/Auckland');
    expect(result.problems).toEqual([]);
  });

  const base = (): unknown[][] => sheetOf(filledIn());

  test.each<[string, string, unknown, RegExp, (s: Settings) => unknown, unknown]>([
    [
      'DSL email malformed',
      'DSL email',
      'dsl@school',
      /^'dsl@school' is not a valid email address \(DSL email\): it is not used\.$/,
      (s) => s.dslEmail,
      '',
    ],
    [
      'Chair of Governors is the Headteacher',
      'Chair of Governors email',
      'HEAD@stmarys.sch.uk',
      /Chair of Governors email is the Headteacher's own address/,
      (s) => s.chairOfGovernorsEmail,
      '',
    ],
    [
      'one bad deputy among good ones',
      'Deputy DSL emails',
      't.nguyen@stmarys.sch.uk\nbriggs at stmarys\nh.briggs@stmarys.sch.uk',
      /^'briggs at stmarys' is not a valid email address \(Deputy DSL emails\): it is not used\.$/,
      (s) => s.deputyDslEmails,
      ['t.nguyen@stmarys.sch.uk', 'h.briggs@stmarys.sch.uk'],
    ],
    [
      'digest hour out of range',
      'Weekly email hour',
      25,
      /^Weekly email hour must be a whole hour from 0 to 23; '25' is not: 7 is used\.$/,
      (s) => s.digestHour,
      7,
    ],
    [
      'digest hour with minutes',
      'Weekly email hour',
      '7:30',
      /^Weekly email hour must be a whole hour from 0 to 23; '7:30' is not: 7 is used\.$/,
      (s) => s.digestHour,
      7,
    ],
    [
      'digest day misspelt',
      'Weekly email day',
      'Munday',
      /^Weekly email day must be a day of the week; 'Munday' is not: Monday is used\.$/,
      (s) => s.digestDay,
      'Monday',
    ],
    [
      'alert detail unknown',
      'Alert detail',
      'everything',
      /^Alert detail must be "minimal" or "full"; 'everything' is not: minimal is used\.$/,
      (s) => s.alertDetail,
      'minimal',
    ],
    [
      'overdue days not a number',
      'Overdue after (days)',
      'ten',
      /^Overdue after \(days\) must be a whole number of at least 1; 'ten' is not: 10 is used\.$/,
      (s) => s.overdueDays,
      10,
    ],
    [
      'spike ratio of 1 would flag every week',
      'Spike: times the average',
      1,
      /^Spike: times the average must be a number above 1/,
      (s) => s.spikeRatio,
      2,
    ],
    [
      'prefix with a space',
      'Incident ID prefix',
      'O S I',
      /^Incident ID prefix must be 1 to 10 letters or digits, not SA or HA \(those number allegations\); 'O S I' is not: OSI is used\.$/,
      (s) => s.incidentIdPrefix,
      'OSI',
    ],
    [
      'prefix that allegations about staff use',
      'Incident ID prefix',
      'sa',
      /^Incident ID prefix must be 1 to 10 letters or digits, not SA or HA \(those number allegations\); 'sa' is not: OSI is used\.$/,
      (s) => s.incidentIdPrefix,
      'OSI',
    ],
    [
      'time zone misspelt',
      'Time zone',
      'Europe/Londn',
      /^'Europe\/Londn' is not a time zone .*: the script's own \(Europe\/London\) is used\.$/,
      (s) => s.timeZone,
      'Europe/London',
    ],
    [
      'year groups emptied',
      'Year groups',
      '',
      /^Year groups is empty: the default list is used\.$/,
      (s) => s.yearGroups.length,
      14,
    ],
  ])('%s', (_what, label, value, message, read, fallback) => {
    const result = parseSettings(withValue(base(), label, value), 'Europe/London');
    expect(result.problems.some((p) => message.test(p))).toBe(true);
    expect(read(result.settings)).toEqual(fallback);
  });

  test('tolerant of how a DSL types values', () => {
    let rows = base();
    rows = withValue(rows, 'Weekly email day', ' friday ');
    rows = withValue(rows, 'Alert detail', 'Full');
    rows = withValue(rows, 'Overdue after (days)', '14');
    rows = withValue(
      rows,
      'Leadership emails',
      'a.one@stmarys.sch.uk, b.two@stmarys.sch.uk; Chris Three <c.three@stmarys.sch.uk>\nA.ONE@stmarys.sch.uk',
    );
    const result = parseSettings(rows, 'Europe/London');
    expect(result.problems).toEqual([]);
    expect(result.settings.digestDay).toBe('Friday');
    expect(result.settings.alertDetail).toBe('full');
    expect(result.settings.overdueDays).toBe(14);
    expect(result.settings.leadershipEmails).toEqual([
      'a.one@stmarys.sch.uk',
      'b.two@stmarys.sch.uk',
      'c.three@stmarys.sch.uk',
    ]);
  });

  test.each<[unknown, number]>([
    ['9am', 9],
    ['5pm', 17],
    ['07:00', 7],
    [0, 0],
    // Sheets turns "07:00" typed into the cell into a time: a Date on 30 Dec 1899 in the sheet's zone.
    [new Date(Date.UTC(2026, 0, 5, 7, 0)), 7],
  ])('digest hour typed as %p → %i', (typed, hour) => {
    const result = parseSettings(withValue(base(), 'Weekly email hour', typed), 'Europe/London');
    expect(result.problems).toEqual([]);
    expect(result.settings.digestHour).toBe(hour);
  });

  test('a setting row the system does not know, and a missing one, are both reported', () => {
    const rows = base().map((r) => [...r]);
    const overdue = rows.find((r) => r[0] === 'Overdue after (days)');
    overdue![0] = 'Overdue afer (days)';
    const result = parseSettings(rows, 'Europe/London');
    expect(result.problems).toEqual([
      "'Overdue afer (days)' in the Settings sheet is not a setting this system knows: it was ignored.",
      'Overdue after (days) is missing from the Settings sheet: the default is used.',
    ]);
    expect(result.settings.overdueDays).toBe(10);
  });

  describe('categories', () => {
    const categoryRows = (rows: unknown[][], list: unknown[][]): unknown[][] => {
      const height = Math.max(rows.length, list.length + 1);
      const out: unknown[][] = [];
      for (let i = 0; i < height; i++) {
        const left = (rows[i] ?? ['', '', '', '']).slice(0, 4);
        const right = i === 0 ? rows[0]!.slice(4) : (list[i - 1] ?? ['', '', '']);
        out.push([...left, ...right]);
      }
      return out;
    };

    test('a renamed and an added category are read', () => {
      const list = [
        ['Grooming or contact by an adult', 'Contact', 'Yes'],
        ['Sharing nudes', 'Conduct', 'Yes'],
        ['Online gaming disputes', 'Conduct', 'No'],
      ];
      const result = parseSettings(categoryRows(base(), list), 'Europe/London');
      expect(result.problems).toEqual([]);
      expect(result.settings.categories).toEqual([
        { name: 'Grooming or contact by an adult', group: 'Contact', alwaysChildProtection: true },
        { name: 'Sharing nudes', group: 'Conduct', alwaysChildProtection: true },
        { name: 'Online gaming disputes', group: 'Conduct', alwaysChildProtection: false },
      ]);
    });

    test('a tick box in the Yes/No column is read as Yes/No', () => {
      const list = [
        ['Grooming or contact by an adult', 'Contact', true],
        ['Cyberbullying', 'Conduct', false],
      ];
      const result = parseSettings(categoryRows(base(), list), 'Europe/London');
      expect(result.settings.categories.map((c) => c.alwaysChildProtection)).toEqual([true, false]);
    });

    test.each<[string, unknown[][], RegExp, (s: Settings) => unknown, unknown]>([
      [
        'unknown 4Cs group',
        [['Online gaming disputes', 'Conflict', 'No']],
        /^Category 'Online gaming disputes': 'Conflict' is not one of the 4Cs \(Content, Contact, Conduct, Commerce\): Content is used\.$/,
        (s) => s.categories[0]?.group,
        'Content',
      ],
      [
        'missing group of a default category keeps its usual group',
        [['Nudes or semi-nudes', '', 'Yes']],
        /^Category 'Nudes or semi-nudes' has no 4Cs group .*: Conduct is used\.$/,
        (s) => s.categories[0]?.group,
        'Conduct',
      ],
      [
        'unreadable Yes/No counts as Yes',
        [['Sextortion', 'Contact', 'Maybe']],
        /^Category 'Sextortion': "Always a child-protection concern" must be Yes or No; 'Maybe' is treated as Yes\.$/,
        (s) => s.categories[0]?.alwaysChildProtection,
        true,
      ],
      [
        'a duplicate',
        [
          ['Cyberbullying', 'Conduct', 'No'],
          ['cyberbullying ', 'Contact', 'Yes'],
        ],
        /^Category 'cyberbullying' is listed twice: the second is ignored\.$/,
        (s) => s.categories,
        [{ name: 'Cyberbullying', group: 'Conduct', alwaysChildProtection: false }],
      ],
      [
        'more than 12',
        Array.from({ length: 14 }, (_, i) => [`Category ${i + 1}`, 'Conduct', 'No']),
        /^There are 14 categories; the form shows at most 12: only the first 12 are used\.$/,
        (s) => s.categories.length,
        12,
      ],
      [
        'none at all',
        [],
        /^There are no categories in the Settings sheet: the default categories are used\.$/,
        (s) => s.categories.length,
        DEFAULT_CATEGORIES.length,
      ],
    ])('%s', (_what, list, message, read, expected) => {
      const result = parseSettings(categoryRows(base(), list), 'Europe/London');
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatch(message);
      expect(read(result.settings)).toEqual(expected);
    });
  });
});

describe('isValidEmail', () => {
  test.each<[string, boolean]>([
    ['r.okafor@stmarys.sch.uk', true],
    ['first.last+dsl@school.org', true],
    ['  padded@school.org  ', true],
    ['dsl@school', false],
    ['dsl.school.org', false],
    ['dsl@@school.org', false],
    ['d sl@school.org', false],
    ['', false],
    ['@school.org', false],
    ['dsl@.org', false],
  ])('%p → %p', (text, valid) => {
    expect(isValidEmail(text)).toBe(valid);
  });
});

test('an empty Chair of Governors is left to routeProblems, which says where such reports go', () => {
  const rows = sheetOf(filledIn()).map((row) =>
    String(row[0]) === 'Chair of Governors email' ? [row[0], '', ...row.slice(2)] : row,
  );
  const result = parseSettings(rows, 'Europe/London');
  expect(result.settings.chairOfGovernorsEmail).toBe('');
  expect(result.problems).toEqual([]);
  expect(routeProblems(result.settings).join('\n')).toMatch(/Chair of Governors/);
});

describe('an empty Settings sheet', () => {
  test('one clear message instead of one per setting, and every default in force', () => {
    const result = parseSettings([], 'Europe/London');
    expect(result.settings).toEqual(defaultSettings('Europe/London'));
    expect(result.problems[0]).toMatch(/^The Settings sheet has no settings in columns A to C/);
    expect(result.problems.some((p) => /missing from the Settings sheet/.test(p))).toBe(false);
    expect(result.problems).toContain(
      'Leadership emails is empty: nobody will get the weekly summary email.',
    );
  });
});

describe('Hide counts below (small-number suppression)', () => {
  const rows = sheetOf(filledIn());
  it.each<[unknown, number, boolean]>([
    [3, 3, false],
    [5, 5, false],
    ['0', 0, false],
    // 1 hides nothing and 2 would make "fewer than 2" mean exactly 1: refused, the default 3 is used.
    [2, 3, true],
    [1, 3, true],
    ['three', 3, true],
  ])('%p gives %i (problem: %p)', (typed, threshold, problem) => {
    const result = parseSettings(withValue(rows, 'Hide counts below', typed), 'Europe/London');
    expect(result.settings.suppressionThreshold).toBe(threshold);
    expect(result.problems.some((p) => p.startsWith('Hide counts below must be 0 (off)'))).toBe(problem);
  });

  it('defaults to 3', () => {
    expect(defaultSettings().suppressionThreshold).toBe(3);
  });
});
