/** The trust rows: ISO weeks, platform groups, suppression per week, and the Settings that opt in. */
import { defaultSettings, parseSettings, settingsSheetRows } from '../../src/domain/settings';
import { withoutQuotePrefix } from '../../src/domain/cells';
import { isoWeekOf, platformGroup, trustRows } from '../../src/domain/trust-export';
import { dayNumberOf } from '../../src/domain/time';
import { closedIncident, hillsideSettings } from '../support/fixtures';

const day = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number);
  return dayNumberOf({ year: y ?? 0, month: m ?? 0, day: d ?? 0 });
};

it.each([
  ['2026-11-02', '2026-W45'],
  ['2026-11-01', '2026-W44'],
  ['2026-01-01', '2026-W01'],
  ['2027-01-01', '2026-W53'],
  ['2027-01-04', '2027-W01'],
  ['2024-12-30', '2025-W01'],
])('%s is in ISO week %s', (date, week) => {
  expect(isoWeekOf(day(date))).toBe(week);
});

it('groups platforms by kind; a name typed under Other stays Other', () => {
  const settings = hillsideSettings();
  expect(['Snapchat', 'TikTok', 'Roblox', 'Zorbl Chat', ''].map((p) => platformGroup(p, settings))).toEqual([
    'Messaging',
    'Social media and video',
    'Gaming',
    'Other',
    'Not stated',
  ]);
});

describe('a week of 5: Snapchat 4 and WhatsApp 1, one of them flagged', () => {
  const settings = hillsideSettings({ suppressionThreshold: 3 });
  const at = (d: number): string => `2026-11-0${d}T10:00:00Z`;
  const incidents = [
    ...[2, 3, 4, 5].map((d) => closedIncident(`S${d}`, at(d))),
    closedIncident('W', at(6), { platform: 'WhatsApp', childProtection: true }),
    // A week of 1 the week before: its total only.
    closedIncident('E', '2026-10-28T10:00:00Z', { categories: ['Grooming'] }),
  ];
  const rows = trustRows(incidents, settings, 'HIL01', new Date('2026-11-09T04:00:00Z'));
  const view = rows.map((r) => `${r.week} ${r.dimension}: ${r.value} = ${r.count ?? r.shown}`);

  it('shows the small week as its total only, and breaks the week of 5 down without giving a 1 away', () => {
    expect(view).toEqual([
      '2026-W44 All incidents: All = fewer than 3',
      '2026-W45 All incidents: All = 5',
      '2026-W45 Category: Cyberbullying = 5',
      '2026-W45 4Cs: Conduct = 5',
      '2026-W45 Year-group band: Key Stage 3 = 5',
      // Messaging 5 (both are messaging apps); Outside school 5.
      '2026-W45 Platform group: Messaging = 5',
      '2026-W45 Location: Outside school = 5',
      // Flagged 1 of 5: "No 4" would give it away, so it is hidden too; 5 = (3 or more) + (1 or 2) leaves
      // both 1 and 2 open.
      '2026-W45 Flagged: No = hidden',
      '2026-W45 Flagged: Yes = fewer than 3',
    ]);
  });
});

describe('Settings that opt in', () => {
  const rows = settingsSheetRows(defaultSettings()).map((row) => row.map(withoutQuotePrefix));
  const withValues = (values: Record<string, string>): unknown[][] =>
    rows.map((row) =>
      typeof row[0] === 'string' && row[0] in values ? [row[0], values[row[0]], ...row.slice(2)] : row,
    );
  const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';

  it('reads the ID from a link, with a school code', () => {
    const { settings, problems } = parseSettings(
      withValues({
        'Trust spreadsheet': `https://docs.google.com/spreadsheets/d/${ID}/edit#gid=0`,
        'School code': 'HIL01',
      }),
      'Europe/London',
    );
    expect([settings.trustSpreadsheetId, settings.schoolCode]).toEqual([ID, 'HIL01']);
    expect(problems.filter((p) => /trust|school code/i.test(p))).toEqual([]);
  });

  it('exports nothing without a valid school code, and says so', () => {
    const { settings, problems } = parseSettings(
      withValues({ 'Trust spreadsheet': ID, 'School code': 'Hillside Academy!' }),
      'Europe/London',
    );
    expect(settings.trustSpreadsheetId).toBe('');
    expect(problems.some((p) => p.startsWith('School code must be'))).toBe(true);
  });
});
