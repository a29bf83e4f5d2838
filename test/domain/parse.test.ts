import {
  adultConcernFromText,
  parseFormDateTime,
  parseResponse,
  splitPupilList,
  type ResponseInput,
} from '../../src/domain/parse';
import { instantOfLocal } from '../../src/domain/time';
import { ADULT_CONCERN_CHOICES } from '../../src/domain/schema';

/** Item ids as Forms might hand them out: large, in no particular order. */
const ITEM_KEYS: Record<string, number> = {
  occurredAt: 1803764211,
  categories: 94122860,
  platform: 1477233411,
  location: 620934081,
  description: 2003150557,
  pupilsHarmed: 318811223,
  pupilsCausedHarm: 1200345990,
  pupilsOther: 77781102,
  yearGroups: 1655001234,
  adultConcern: 442200918,
  adultDetails: 1333444555,
  adultRole: 900100200,
  childAtRisk: 1550550550,
  toldDslInPerson: 1010101010,
  evidenceKept: 2121212121,
  evidenceWhere: 343434343,
  actionsTaken: 565656565,
  parentsInformed: 787878787,
};

function response(answers: Record<string, string | string[]>, keys = ITEM_KEYS): ResponseInput {
  return {
    responseId: '2_ABaOnuf3kX8pQeY2Lm',
    timestamp: new Date('2026-05-12T10:14:07Z'),
    respondentEmail: ' j.patel@oakfield.sch.uk ',
    answers: Object.entries(answers).map(([key, value]) => {
      const itemId = keys[key];
      if (itemId === undefined) throw new Error(`no item id for ${key}`);
      return { itemId, response: value };
    }),
  };
}

const FULL_ANSWERS = {
  occurredAt: '2026-05-11 19:30',
  categories: ['Cyberbullying, hate or harassment', 'Privacy or sharing personal information'],
  platform: 'Snapchat',
  location: 'Outside school',
  description:
    'Maya showed me messages in a Year 8 group chat. She said "they keep posting my photo and saying I should leave".',
  pupilsHarmed: 'Maya Thompson (8R)',
  pupilsCausedHarm: 'Leo Grant (8R)\nSam Ortiz (8T)',
  pupilsOther: '',
  yearGroups: ['Year 8'],
  adultConcern: 'No adult from school or home is involved',
  childAtRisk: 'Not sure',
  toldDslInPerson: 'Yes',
  evidenceKept: 'Yes, it is kept safe',
  evidenceWhere: 'Screenshots on Maya’s phone; she is keeping them',
  actionsTaken: 'Reassured Maya and told Mrs Okafor (DSL) at lunch',
  parentsInformed: 'Left to the DSL',
};

describe('parseResponse', () => {
  test('a full response maps every answer by item id', () => {
    const report = parseResponse(response(FULL_ANSWERS), ITEM_KEYS, 'Europe/London');
    expect(report).toEqual({
      responseId: '2_ABaOnuf3kX8pQeY2Lm',
      submittedAt: new Date('2026-05-12T10:14:07Z'),
      reporterEmail: 'j.patel@oakfield.sch.uk',
      occurredAt: new Date('2026-05-11T18:30:00Z'), // 19:30 BST
      categories: ['Cyberbullying, hate or harassment', 'Privacy or sharing personal information'],
      platform: 'Snapchat',
      location: 'Outside school',
      description: FULL_ANSWERS.description,
      pupilsHarmed: ['Maya Thompson (8R)'],
      pupilsCausedHarm: ['Leo Grant (8R)', 'Sam Ortiz (8T)'],
      pupilsOther: [],
      yearGroups: ['Year 8'],
      adultConcern: 'none',
      adultDetails: '',
      adultRole: '',
      childAtRisk: 'Not sure',
      toldDslInPerson: 'Yes',
      evidenceKept: 'Yes, it is kept safe',
      evidenceWhere: FULL_ANSWERS.evidenceWhere,
      actionsTaken: FULL_ANSWERS.actionsTaken,
      parentsInformed: 'Left to the DSL',
    });
  });

  test('answers land by item id whatever their order and whatever ids Forms gave', () => {
    const otherIds = Object.fromEntries(Object.keys(ITEM_KEYS).map((k, i) => [k, 5000 + i * 7]));
    const input = response(FULL_ANSWERS, otherIds);
    input.answers.reverse();
    expect(parseResponse(input, otherIds, 'Europe/London')).toEqual(
      parseResponse(response(FULL_ANSWERS), ITEM_KEYS, 'Europe/London'),
    );
  });

  test('an answer to an item the schema does not know (added by hand to the form) is ignored', () => {
    const input = response(FULL_ANSWERS);
    input.answers.push({ itemId: 123, response: 'Extra question the DSL added' });
    expect(parseResponse(input, ITEM_KEYS, 'Europe/London').description).toBe(FULL_ANSWERS.description);
  });

  test('optional questions skipped and the adult section never shown give empty values', () => {
    const { occurredAt, categories, location, description, adultConcern, childAtRisk } = FULL_ANSWERS;
    const report = parseResponse(
      response({ occurredAt, categories, location, description, adultConcern, childAtRisk }),
      ITEM_KEYS,
      'Europe/London',
    );
    expect(report.platform).toBe('');
    expect(report.pupilsHarmed).toEqual([]);
    expect(report.yearGroups).toEqual([]);
    expect(report.adultDetails).toBe('');
    expect(report.parentsInformed).toBe('');
  });

  test('a question with no item on the form is empty, not an error', () => {
    const { adultRole: _dropped, ...keys } = ITEM_KEYS;
    const report = parseResponse(response(FULL_ANSWERS), keys, 'Europe/London');
    expect(report.adultRole).toBe('');
    expect(report.platform).toBe('Snapchat');
  });

  test('an allegation about a member of staff', () => {
    const report = parseResponse(
      response({
        ...FULL_ANSWERS,
        adultConcern: 'A member of staff (not the Headteacher)',
        adultDetails:
          'Mr D. Hale, PE teacher: followed two Year 10 pupils on a personal Instagram account and messaged them.',
        adultRole: 'Causing harm or behaving inappropriately',
      }),
      ITEM_KEYS,
      'Europe/London',
    );
    expect(report.adultConcern).toBe('staff');
    expect(report.adultDetails).toMatch(/^Mr D. Hale/);
    expect(report.adultRole).toBe('Causing harm or behaving inappropriately');
  });

  test('a response from before a category was renamed or added keeps the category as it was ticked', () => {
    const report = parseResponse(
      response({ ...FULL_ANSWERS, categories: ['Sexting', 'Cyberbullying'] }),
      ITEM_KEYS,
      'Europe/London',
    );
    expect(report.categories).toEqual(['Sexting', 'Cyberbullying']);
  });

  test('a platform typed into the Other box is kept as typed', () => {
    const report = parseResponse(
      response({ ...FULL_ANSWERS, platform: 'Among Us 🚀' }),
      ITEM_KEYS,
      'Europe/London',
    );
    expect(report.platform).toBe('Among Us 🚀');
  });

  test('text is kept as typed: formulas, emoji, right-to-left, line breaks', () => {
    const description = '=IMPORTXML("http://x")\nقال: "لا تخبر أحداً" 😢\r\n\tend';
    expect(
      parseResponse(response({ ...FULL_ANSWERS, description }), ITEM_KEYS, 'Europe/London').description,
    ).toBe(description);
  });
});

describe('pupil lists', () => {
  test.each<[string, string[]]>([
    ['Maya Thompson', ['Maya Thompson']],
    ['Leo Grant (8R)\nSam Ortiz (8T)', ['Leo Grant (8R)', 'Sam Ortiz (8T)']],
    ['Leo Grant, Sam Ortiz , Aisha Begum', ['Leo Grant', 'Sam Ortiz', 'Aisha Begum']],
    ['  Leo Grant  \r\n\r\n\n  Sam Ortiz\n', ['Leo Grant', 'Sam Ortiz']],
    ["Siobhán O'Neill\nزينب علي\nאורי כהן", ["Siobhán O'Neill", 'زينب علي', 'אורי כהן']],
    ['', []],
    [' \n , \n', []],
    ['Khan, Amira', ['Khan, Amira']],
    ['Khan, Amira\nBlake, Jordan', ['Khan, Amira', 'Blake, Jordan']],
    ['Leo Grant; Sam Ortiz', ['Leo Grant', 'Sam Ortiz']],
  ])('%j → %j', (typed, pupils) => {
    expect(splitPupilList(typed)).toEqual(pupils);
  });
});

describe('adult involvement', () => {
  test.each(ADULT_CONCERN_CHOICES.map((c) => [c.label, c.value]))('%p → %p', (label, value) => {
    expect(adultConcernFromText(label)).toBe(value);
  });

  test.each<[string, string]>([
    ['', 'none'],
    ['No adult involved', 'none'],
    ['Headteacher (Mrs Abbott)', 'headteacher'],
    ['A teaching assistant', 'staff'],
    ['Parent', 'parent'],
    ['A sports coach from the after-school club', 'other-adult'],
  ])('older or reworded choice %p → %p', (text, value) => {
    expect(adultConcernFromText(text)).toBe(value);
  });
});

describe('date-time answers are wall-clock time in the school time zone', () => {
  test.each<[string, string, string | null]>([
    ['2026-01-15 09:15', 'Europe/London', '2026-01-15T09:15:00.000Z'],
    ['2026-07-01 09:15', 'Europe/London', '2026-07-01T08:15:00.000Z'],
    // Clocks go back at 02:00 BST on 25 October 2026: 01:30 happens twice; the first (BST) is taken.
    ['2026-10-25 01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'],
    ['2026-10-25 00:59', 'Europe/London', '2026-10-24T23:59:00.000Z'],
    ['2026-10-25 02:30', 'Europe/London', '2026-10-25T02:30:00.000Z'],
    // Clocks go forward at 01:00 GMT on 29 March 2026: 01:30 never happens; it is read as 02:30 BST.
    ['2026-03-29 00:30', 'Europe/London', '2026-03-29T00:30:00.000Z'],
    ['2026-03-29 01:30', 'Europe/London', '2026-03-29T01:30:00.000Z'],
    ['2026-03-29 02:30', 'Europe/London', '2026-03-29T01:30:00.000Z'],
    ['2026-03-29 12:00', 'Europe/London', '2026-03-29T11:00:00.000Z'],
    // New Zealand: clocks go back at 03:00 on 5 April 2026, forward at 02:00 on 27 September 2026.
    ['2026-04-05 02:30', 'Pacific/Auckland', '2026-04-04T13:30:00.000Z'],
    ['2026-09-27 02:30', 'Pacific/Auckland', '2026-09-26T14:30:00.000Z'],
    ['2026-03-08 02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['2026-05-11', 'Europe/London', '2026-05-10T23:00:00.000Z'],
    ['', 'Europe/London', null],
    ['2026-02-30 10:00', 'Europe/London', null],
    ['2026-05-11 25:00', 'Europe/London', null],
    ['11/05/2026 10:00', 'Europe/London', null],
  ])('%p in %s → %p', (text, timeZone, expected) => {
    const date = parseFormDateTime(text, timeZone);
    expect(date ? date.toISOString() : null).toBe(expected);
  });

  test('every wall time of a year in London reads back as itself (except the hour that never happens)', () => {
    const fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    for (let day = 0; day < 365; day++) {
      for (const [hour, minute] of [
        [0, 0],
        [1, 30],
        [2, 15],
        [23, 45],
      ] as const) {
        const base = new Date(Date.UTC(2026, 0, 1 + day));
        const [y, m, d] = [base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate()];
        const instant = instantOfLocal({ year: y, month: m, day: d }, 'Europe/London', hour, minute);
        const isSkippedHour = y === 2026 && m === 3 && d === 29 && hour === 1;
        const expected = `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}, ${String(isSkippedHour ? hour + 1 : hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        expect(fmt.format(instant)).toBe(expected);
      }
    }
  });

  test.each<[string, string, string | null]>([
    ['05-11 19:30', '2026-05-12T10:14:07Z', '2026-05-11T18:30:00.000Z'],
    // Reported on 3 January about 30 December: last year, not later this year.
    ['12-30 16:00', '2027-01-03T09:00:00Z', '2026-12-30T16:00:00.000Z'],
    ['05-11 19:30', '', null],
  ])('an item without the year (%p) submitted at %p → %p', (text, submitted, expected) => {
    const date = parseFormDateTime(text, 'Europe/London', submitted === '' ? undefined : new Date(submitted));
    expect(date ? date.toISOString() : null).toBe(expected);
  });

  test('a response parsed in the school zone gives the instant the reporter meant', () => {
    const report = parseResponse(
      response({ ...FULL_ANSWERS, occurredAt: '2026-10-25 01:30' }),
      ITEM_KEYS,
      'Europe/London',
    );
    expect(report.occurredAt?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});
