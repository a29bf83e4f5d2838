import { computeSummary } from '../../src/domain/analytics';
import type { SummaryBlock, SummaryCell } from '../../src/domain/summary-layout';
import {
  INCIDENT_IDS_LISTED,
  PUPILS_BLOCK_TITLE,
  SUMMARY_LIST_LIMIT,
  asTextCell,
  columnLetter,
  layoutSummaryGrid,
  summarySheetBlocks,
} from '../../src/domain/summary-layout';
import type { Settings } from '../../src/domain/types';
import { closedIncident as incident, hillsideSettings } from '../support/fixtures';

const SETTINGS: Settings = hillsideSettings();

const NOW = new Date('2026-10-28T12:00:00Z');

const FORMULA_NAME = '=HYPERLINK("http://evil.example")';
const INCIDENTS = [
  incident('L1', '2026-10-27T10:00:00Z', { pupilsHarmed: ['Quentin Blackwood'], status: 'New' }),
  incident('L2', '2026-10-20T10:00:00Z', {
    pupilsHarmed: ['Blackwood, Quentin'],
    pupilsCausedHarm: [FORMULA_NAME],
  }),
  incident('L3', '2026-10-13T10:00:00Z', {
    categories: ['Grooming'],
    fourCs: ['Contact'],
    pupilsHarmed: ['quentin blackwood'],
    pupilsCausedHarm: [FORMULA_NAME],
  }),
  incident('L4', '2026-07-15T10:00:00Z', {
    categories: ['Scams'],
    fourCs: ['Commerce'],
    pupilsOther: ['Rosa Lind'],
  }),
];
const NAME_FRAGMENTS = ['Quentin', 'Blackwood', 'Rosa', 'Lind', 'HYPERLINK', 'evil.example'];

const summary = computeSummary(INCIDENTS, SETTINGS, NOW);
const blocks = summarySheetBlocks(summary, SETTINGS, NOW);
const block = (title: string): SummaryBlock => {
  const found = blocks.find((candidate) => candidate.title === title);
  if (found === undefined) throw new Error(`no block "${title}"`);
  return found;
};
const cellsOf = (candidate: SummaryBlock): SummaryCell[] => [
  candidate.title,
  candidate.note ?? '',
  ...candidate.header,
  ...candidate.rows.flat(),
];
const zeros = (count: number): number[] => new Array<number>(count).fill(0);

describe('summary sheet blocks', () => {
  it('come in reading order, starting with an "As of" line', () => {
    expect(blocks.map((candidate) => candidate.title)).toEqual([
      "'Online safety summary — Hillside Academy",
      'This week (from Mon 26 Oct 2026)',
      'Reports per week',
      'Reports by category by month',
      'Category mix, last 12 months',
      'This week by category',
      '4Cs group, last 12 months',
      'Year groups, last 12 months',
      'Platforms and apps, last 12 months',
      'Where, last 12 months',
      'In or outside school, last 12 months',
      'Status of every incident',
      'Time to triage and to close, last 12 months',
      'Overdue follow-ups (0)',
      PUPILS_BLOCK_TITLE,
    ]);
    const first = blocks[0];
    expect(first?.header).toEqual(['As of', 'Time zone', 'Period', 'Incidents in period']);
    expect(first?.rows).toEqual([[NOW, 'Europe/London', 'Nov 2025 – Oct 2026', 4]]);
  });

  it('give this week against the previous four', () => {
    expect(block('This week (from Mon 26 Oct 2026)').rows).toEqual([
      ['Reports this week', 1],
      ['Weekly average, previous 4 weeks', 0.5], // weeks of 28 Sep, 5, 12, 19 Oct: 0, 0, 1, 1
      ['Flagged as child protection this week', 0],
      ['Open incidents', 1],
      ['Overdue incidents', 0],
      ['Spiking categories', 'None'],
      ['Rising categories', "'Cyberbullying"], // 1 this week against 0.25 a week
    ]);
    const perWeek = block('Reports per week');
    expect(perWeek.chart).toEqual({ type: 'COLUMN', title: 'Reports per week' });
    expect(perWeek.rows).toEqual([
      [new Date('2026-09-27T23:00:00Z'), 0],
      [new Date('2026-10-04T23:00:00Z'), 0],
      [new Date('2026-10-11T23:00:00Z'), 1],
      [new Date('2026-10-18T23:00:00Z'), 1],
      [new Date('2026-10-26T00:00:00Z'), 1],
    ]);
  });

  it('chart the monthly trend (months down, categories across) and the category mix', () => {
    const trend = block('Reports by category by month');
    expect(trend.chart).toEqual({ type: 'LINE', title: 'Reports by category by month' });
    expect(trend.header).toEqual([
      'Month',
      "'Cyberbullying",
      "'Grooming",
      "'Inappropriate content",
      "'Scams",
      'All reports',
    ]);
    expect(trend.rows).toHaveLength(12);
    expect(trend.rows[0]).toEqual([new Date('2025-11-01T00:00:00Z'), 0, 0, 0, 0, 0]);
    expect(trend.rows[8]).toEqual([new Date('2026-06-30T23:00:00Z'), 0, 0, 0, 1, 1]); // July: L4
    expect(trend.rows[11]).toEqual([new Date('2026-09-30T23:00:00Z'), 2, 1, 0, 0, 3]); // October: L1–L3
    expect(trend.rows.slice(1, 8).map((row) => row.slice(1))).toEqual(new Array(7).fill(zeros(5)));
    expect(trend.columnFormats?.[0]).toBe('mmm yyyy');

    const mix = block('Category mix, last 12 months');
    expect(mix.chart?.type).toBe('PIE');
    expect(mix.rows).toEqual([
      ["'Cyberbullying", 2],
      ["'Grooming", 1],
      ["'Scams", 1],
      ["'Inappropriate content", 0],
    ]);
  });

  it('keep pupil names to the one pupils block, and write formula-like names as text', () => {
    for (const other of blocks.filter((candidate) => candidate.title !== PUPILS_BLOCK_TITLE)) {
      for (const cell of cellsOf(other)) {
        for (const fragment of NAME_FRAGMENTS) {
          if (typeof cell === 'string') expect(cell).not.toContain(fragment);
        }
      }
    }
    expect(block(PUPILS_BLOCK_TITLE).rows).toEqual([
      [
        "'Quentin Blackwood",
        'Named in 3 incidents within 30 days',
        3,
        // Local midnight (BST until 25 Oct, GMT after) as dates, not text Sheets would re-parse.
        new Date('2026-10-12T23:00:00Z'),
        new Date('2026-10-27T00:00:00Z'),
        "'L3, L2, L1",
      ],
      [
        // Shown in the one tidy form of a pupil's name (its words, then what was in brackets): the typed
        // formula loses its "=", and the cell is text all the same.
        `'HYPERLINK ("http://evil.example")`,
        'Named as causing harm in 2 incidents',
        2,
        new Date('2026-10-12T23:00:00Z'),
        new Date('2026-10-19T23:00:00Z'),
        "'L3, L2",
      ],
    ]);
  });

  it('have every row as wide as its header, with a placeholder row when there is nothing to list', () => {
    for (const candidate of blocks) {
      expect(candidate.rows.length).toBeGreaterThan(0);
      for (const row of candidate.rows) expect(row).toHaveLength(candidate.header.length);
      if (candidate.columnFormats) expect(candidate.columnFormats).toHaveLength(candidate.header.length);
    }
    expect(block('Overdue follow-ups (0)').rows).toEqual([['None overdue', '', '', '', '', '']]);
    const empty = summarySheetBlocks(computeSummary([], SETTINGS, NOW), SETTINGS, NOW);
    expect(empty.find((candidate) => candidate.title === PUPILS_BLOCK_TITLE)?.rows).toEqual([
      ['None', '', '', '', '', ''],
    ]);
  });
});

describe('placing blocks on the sheet', () => {
  it('stacks blocks from A1 with a blank row between, and groups number formats', () => {
    const grid = layoutSummaryGrid([
      {
        title: 'T1',
        header: ['a', 'b'],
        rows: [
          [1, 2],
          [3, 4],
        ],
        chart: { type: 'PIE', title: 'p' },
        columnFormats: ['0.0', ''],
      },
      {
        title: 'T2',
        note: 'n',
        header: ['x', 'y', 'z'],
        rows: [['q', 'r', 's']],
        columnFormats: ['0.0', '', 'd mmm yyyy'],
      },
    ]);
    expect(grid.values).toEqual([
      ['T1', '', ''],
      ['a', 'b', ''],
      [1, 2, ''],
      [3, 4, ''],
      ['', '', ''],
      ['T2', '', ''],
      ['n', '', ''],
      ['x', 'y', 'z'],
      ['q', 'r', 's'],
      ['', '', ''],
    ]);
    expect(grid.rowCount).toBe(10);
    expect(grid.columnCount).toBe(3);
    expect(grid.blocks).toEqual([
      {
        title: 'T1',
        titleRow: 1,
        headerRow: 2,
        firstDataRow: 3,
        dataRowCount: 2,
        columnCount: 2,
        tableA1: 'A2:B4',
        chart: { type: 'PIE', title: 'p' },
      },
      {
        title: 'T2',
        titleRow: 6,
        headerRow: 8,
        firstDataRow: 9,
        dataRowCount: 1,
        columnCount: 3,
        tableA1: 'A8:C9',
      },
    ]);
    expect(grid.titleRows).toEqual([1, 6]);
    expect(grid.headerRows).toEqual([2, 8]);
    expect(grid.numberFormats).toEqual([
      { format: '0.0', a1Ranges: ['A3:A4', 'A9:A9'] },
      { format: 'd mmm yyyy', a1Ranges: ['C9:C9'] },
    ]);
  });

  it('lays out the real summary as one rectangle with pupil names only inside the pupils block', () => {
    const grid = layoutSummaryGrid(blocks);
    expect(grid.columnCount).toBe(6); // the widest block: the trend (Month + 4 categories + All reports)
    for (const row of grid.values) expect(row).toHaveLength(6);
    const pupils = grid.blocks.find((placed) => placed.title === PUPILS_BLOCK_TITLE);
    const trend = grid.blocks.find((placed) => placed.title === 'Reports by category by month');
    expect(trend?.chart?.type).toBe('LINE');
    expect(grid.values[(trend?.headerRow ?? 0) - 1]?.[0]).toBe('Month');
    expect(trend?.tableA1).toBe(`A${trend?.headerRow}:F${(trend?.headerRow ?? 0) + 12}`);
    grid.values.forEach((row, index) => {
      const sheetRow = index + 1;
      const insidePupils =
        pupils !== undefined &&
        sheetRow >= pupils.firstDataRow &&
        sheetRow < pupils.firstDataRow + pupils.dataRowCount;
      if (insidePupils) return;
      for (const cell of row) {
        for (const fragment of NAME_FRAGMENTS) {
          if (typeof cell === 'string') expect(cell).not.toContain(fragment);
        }
      }
    });
  });

  it('names columns like Sheets', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('keeps text typed by staff from running as a formula', () => {
    expect(asTextCell('=1+1')).toBe("'=1+1");
    expect(asTextCell('+44 7700')).toBe("'+44 7700");
    expect(asTextCell('-x')).toBe("'-x");
    expect(asTextCell('@here')).toBe("'@here");
    // Anything typed is kept as typed: numbers, dates and booleans too.
    expect(asTextCell('Anna = Bob')).toBe("'Anna = Bob");
    expect(asTextCell('007')).toBe("'007");
    expect(asTextCell('1/2')).toBe("'1/2");
    expect(asTextCell('')).toBe('');
  });
});

describe('long lists', () => {
  // 520 incidents, each still New weeks later and each naming one pupil who is in every one of them.
  const many = Array.from({ length: SUMMARY_LIST_LIMIT + 20 }, (_, index) =>
    incident(`M${String(index).padStart(3, '0')}`, '2026-10-05T10:00:00Z', {
      status: 'New',
      pupilsHarmed: ['Ada Frostwick', `Pupil ${index}`],
      pupilsCausedHarm: index < 30 ? ['Ivo Quarrie'] : [],
    }),
  );
  const longBlocks = summarySheetBlocks(computeSummary(many, SETTINGS, NOW), SETTINGS, NOW);
  const find = (prefix: string): SummaryBlock => {
    const found = longBlocks.find((candidate) => candidate.title.startsWith(prefix));
    if (found === undefined) throw new Error(`no block "${prefix}"`);
    return found;
  };

  it('shows at most SUMMARY_LIST_LIMIT overdue incidents, then says how many more and where they are', () => {
    const overdue = find('Overdue follow-ups');
    expect(overdue.title).toBe(`Overdue follow-ups (${SUMMARY_LIST_LIMIT + 20})`);
    expect(overdue.rows).toHaveLength(SUMMARY_LIST_LIMIT + 1);
    expect(overdue.rows[SUMMARY_LIST_LIMIT]).toEqual([
      '… and 20 more not shown here: the Register highlights every overdue row.',
      '',
      '',
      '',
      '',
      '',
    ]);
  });

  it('lists the latest incident IDs of a pupil named very often, and counts the earlier ones', () => {
    const pupils = find(PUPILS_BLOCK_TITLE);
    const ada = pupils.rows.find((row) => row[0] === "'Ada Frostwick");
    expect(ada?.[2]).toBe(SUMMARY_LIST_LIMIT + 20);
    const ids = String(ada?.[5]);
    const listed = ids
      .replace(/^'/, '')
      .replace(/ \(and \d+ earlier\)$/, '')
      .split(', ');
    expect(listed).toHaveLength(INCIDENT_IDS_LISTED);
    expect(ids.endsWith(`(and ${SUMMARY_LIST_LIMIT + 20 - INCIDENT_IDS_LISTED} earlier)`)).toBe(true);
    const ivo = pupils.rows.find(
      (row) => row[0] === "'Ivo Quarrie" && String(row[1]).includes('causing harm'),
    );
    expect(ivo?.[5]).toMatch(/\(and 10 earlier\)$/);
  });
});
