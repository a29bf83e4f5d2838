import {
  ADULT_CONCERN_CHOICES,
  BRANCHING_KINDS,
  QUESTIONS,
  buildFormPlan,
  type FormPlan,
  type ItemPlan,
} from '../../src/domain/schema';
import { defaultSettings } from '../../src/domain/settings';
import type { Settings } from '../../src/domain/types';

const REPORT_FIELDS = [
  'occurredAt',
  'categories',
  'platform',
  'location',
  'description',
  'pupilsHarmed',
  'pupilsCausedHarm',
  'pupilsOther',
  'yearGroups',
  'adultConcern',
  'adultDetails',
  'adultRole',
  'childAtRisk',
  'toldDslInPerson',
  'evidenceKept',
  'evidenceWhere',
  'actionsTaken',
  'parentsInformed',
];

function settings(): Settings {
  return { ...defaultSettings(), schoolName: 'Oakfield Academy' };
}

function items(plan: FormPlan): ItemPlan[] {
  return plan.sections.flatMap((s) => s.items);
}

function item(plan: FormPlan, key: string): ItemPlan {
  const found = items(plan).find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
}

describe('the form plan', () => {
  const plan = buildFormPlan(settings());

  test('title, description and confirmation a member of staff sees', () => {
    expect(plan.title).toBe('Oakfield Academy — report an online-safety concern');
    expect(plan.description).toMatch(/about 3 minutes/);
    expect(plan.description).toMatch(/call 999/);
    expect(plan.confirmationMessage).toMatch(/not yet told the DSL in person, do it now/);
  });

  test('an unnamed school still gets a sensible title', () => {
    expect(buildFormPlan(defaultSettings()).title).toBe('Our school — report an online-safety concern');
  });

  test('reporter identity is the verified sign-in, not a typed name', () => {
    expect(plan.collectVerifiedEmail).toBe(true);
    expect(plan.requireSignIn).toBe(true);
    expect(items(plan).some((i) => /your name|your email/i.test(i.title))).toBe(false);
  });

  test('every report field is asked exactly once, and each item carries its schema key', () => {
    const keys = items(plan).map((i) => i.key);
    expect([...keys].sort()).toEqual([...REPORT_FIELDS].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('three sections in order, each section keyed for the adapter', () => {
    expect(plan.sections.map((s) => [s.id, s.key, s.title])).toEqual([
      ['incident', 'section:incident', 'The incident'],
      ['adult', 'section:adult', 'Concern about an adult'],
      ['risk', 'section:risk', 'Risk and next steps'],
    ]);
    expect(plan.sections[1]?.items.map((i) => i.key)).toEqual(['adultDetails', 'adultRole']);
    expect(plan.sections[2]?.next).toBe('submit');
  });

  test.each<[string, string, boolean]>([
    ['occurredAt', 'dateTime', true],
    ['categories', 'checkbox', true],
    ['platform', 'multipleChoice', false],
    ['location', 'multipleChoice', true],
    ['description', 'paragraph', true],
    ['pupilsHarmed', 'paragraph', false],
    ['pupilsCausedHarm', 'paragraph', false],
    ['pupilsOther', 'paragraph', false],
    ['yearGroups', 'checkbox', false],
    ['adultConcern', 'multipleChoice', true],
    ['adultDetails', 'paragraph', true],
    ['childAtRisk', 'multipleChoice', true],
    ['toldDslInPerson', 'multipleChoice', true],
    ['evidenceKept', 'multipleChoice', true],
    ['evidenceWhere', 'paragraph', false],
  ])('%s is a %s item, required: %p', (key, kind, required) => {
    expect(item(plan, key).kind).toBe(kind);
    expect(item(plan, key).required).toBe(required);
  });

  test('categories come from the settings, at most 3 ticked', () => {
    const categories = item(plan, 'categories');
    expect(categories.choices.map((c) => c.label)).toEqual(settings().categories.map((c) => c.name));
    expect(categories.maxSelections).toBe(3);
  });

  test('platforms and year groups come from the settings; Forms supplies its own Other box for platforms', () => {
    const custom = settings();
    custom.platforms = ['Snapchat', 'Among Us', 'Other'];
    custom.yearGroups = ['Year 7', 'Year 8', 'Year 9'];
    const customPlan = buildFormPlan(custom);
    expect(item(customPlan, 'platform').choices.map((c) => c.label)).toEqual(['Snapchat', 'Among Us']);
    expect(item(customPlan, 'platform').otherOption).toBe(true);
    expect(item(customPlan, 'yearGroups').choices.map((c) => c.label)).toEqual([
      'Year 7',
      'Year 8',
      'Year 9',
    ]);
  });

  test('a category added in Settings appears on the form', () => {
    const custom = settings();
    custom.categories.push({ name: 'Sextortion', group: 'Contact', alwaysChildProtection: true });
    expect(item(buildFormPlan(custom), 'categories').choices.map((c) => c.label)).toContain('Sextortion');
  });

  test('the adult question ends section 1 and branches: staff, Headteacher, other adult → section 2', () => {
    const first = plan.sections[0]!;
    expect(first.items[first.items.length - 1]?.key).toBe('adultConcern');
    expect(item(plan, 'adultConcern').choices).toEqual([
      { label: 'No adult from school or home is involved', goTo: 'risk' },
      { label: 'A member of staff (not the Headteacher)', goTo: 'adult' },
      { label: 'The Designated Safeguarding Lead (DSL)', goTo: 'adult' },
      { label: 'A deputy DSL', goTo: 'adult' },
      { label: 'The Headteacher', goTo: 'adult' },
      { label: 'A parent or carer', goTo: 'risk' },
      { label: 'Another adult who works or volunteers at the school', goTo: 'adult' },
    ]);
    expect(ADULT_CONCERN_CHOICES.filter((c) => c.goTo === 'adult').map((c) => c.value)).toEqual([
      'staff',
      'dsl',
      'deputy-dsl',
      'headteacher',
      'other-adult',
    ]);
  });

  test('only multiple-choice and list items branch (what Google Forms allows)', () => {
    for (const i of items(plan)) {
      if (i.choices.some((c) => c.goTo !== undefined)) expect(BRANCHING_KINDS).toContain(i.kind);
    }
  });

  test('checkbox limits are only on checkbox items; Other boxes only where Forms has them', () => {
    for (const i of items(plan)) {
      if (i.maxSelections !== undefined) expect(i.kind).toBe('checkbox');
      if (i.otherOption) expect(['checkbox', 'multipleChoice']).toContain(i.kind);
      if (['checkbox', 'multipleChoice', 'list'].includes(i.kind))
        expect(i.choices.length).toBeGreaterThan(1);
      else expect(i.choices).toEqual([]);
    }
  });

  test('the adult section says where the report goes and what not to do', () => {
    const help = plan.sections[1]!.help;
    expect(help).toMatch(/Headteacher/);
    expect(help).toMatch(/Chair of Governors/);
    expect(help).toMatch(/does not go into the main register/);
    expect(help).toMatch(/Do not investigate/);
    expect(help).toMatch(/do not tell the adult/);
    expect(help).toMatch(/NSPCC Whistleblowing/);
  });

  test('the safeguarding rules are where staff read them', () => {
    const nudesRule =
      /Never view, copy, screenshot, print, forward or save an image that may be a nude or semi-nude of a child/;
    expect(plan.description).toMatch(nudesRule);
    expect(item(plan, 'evidenceKept').help).toMatch(nudesRule);
    expect(item(plan, 'evidenceKept').help).toMatch(/Do not delete it/);
    expect(plan.description).toMatch(/own words/);
    expect(plan.description).toMatch(/Do not promise to keep it secret/);
    expect(item(plan, 'description').help).toMatch(/own words/);
  });

  test('no help text is so long it cannot be read on a phone', () => {
    for (const q of QUESTIONS) expect(q.help.length).toBeLessThan(600);
    expect(plan.description.length).toBeLessThan(1200);
  });
});
