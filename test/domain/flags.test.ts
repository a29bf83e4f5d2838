import { deriveIncident, fourCsOf } from '../../src/domain/flags';
import { defaultSettings } from '../../src/domain/settings';
import type { IncidentReport, RiskAnswer, Settings } from '../../src/domain/types';

function report(overrides: Partial<IncidentReport>): IncidentReport {
  return {
    responseId: '2_ABaOnudfEYx1c6Jr3',
    submittedAt: new Date('2026-05-12T10:14:00Z'),
    reporterEmail: 'j.patel@stmarys.sch.uk',
    occurredAt: new Date('2026-05-11T19:30:00Z'),
    categories: ['Cyberbullying, hate or harassment'],
    platform: 'Snapchat',
    location: 'Outside school',
    description: 'Year 8 group chat: pupils posting edited photos of a classmate with insults.',
    pupilsHarmed: ['Maya Thompson 8R'],
    pupilsCausedHarm: ['Leo Grant 8R', 'Sam Ortiz 8T'],
    pupilsOther: [],
    yearGroups: ['Year 8'],
    adultConcern: 'none',
    adultDetails: '',
    adultRole: '',
    childAtRisk: 'No',
    toldDslInPerson: 'No',
    evidenceKept: 'Yes, it is kept safe',
    evidenceWhere: 'Screenshots shown by Maya, not copied',
    actionsTaken: 'Reassured Maya',
    parentsInformed: 'Left to the DSL',
    ...overrides,
  };
}

const settings: Settings = defaultSettings();

describe('child-protection flag', () => {
  test.each<[string, Partial<IncidentReport>, string[]]>([
    ['bullying, reporter says no risk', {}, []],
    [
      'reporter believes a child is at risk',
      { childAtRisk: 'Yes' },
      ['Reporter: child at risk of harm (Yes)'],
    ],
    ['reporter is not sure', { childAtRisk: 'Not sure' }, ['Reporter: child at risk of harm (Not sure)']],
    ['reporter did not answer', { childAtRisk: '' }, []],
    [
      'a category that always counts, though the reporter said no',
      { categories: ['Nudes or semi-nudes'], childAtRisk: 'No' },
      ['Category: Nudes or semi-nudes (always a child-protection concern)'],
    ],
    [
      'both: every reason is listed',
      { categories: ['Grooming or contact by an adult', 'Self-harm or suicide content'], childAtRisk: 'Yes' },
      [
        'Reporter: child at risk of harm (Yes)',
        'Category: Grooming or contact by an adult (always a child-protection concern)',
        'Category: Self-harm or suicide content (always a child-protection concern)',
      ],
    ],
    [
      'category typed with different case and spacing',
      { categories: ['  radicalisation OR  extremism '] },
      ['Category: Radicalisation or extremism (always a child-protection concern)'],
    ],
    ['a category no longer in the settings', { categories: ['Sexting'] }, []],
  ])('%s', (_what, overrides, reasons) => {
    const derived = deriveIncident(report(overrides), settings, 'OSI-2026-0042');
    expect(derived.incidentId).toBe('OSI-2026-0042');
    expect(derived.childProtectionReasons).toEqual(reasons);
    expect(derived.childProtection).toBe(reasons.length > 0);
  });

  test('a category the DSL marks as always child protection raises the flag', () => {
    const custom = defaultSettings();
    custom.categories.push({ name: 'Sextortion', group: 'Contact', alwaysChildProtection: true });
    const derived = deriveIncident(report({ categories: ['Sextortion'] }), custom, 'OSI-2026-0043');
    expect(derived.childProtection).toBe(true);
    expect(derived.fourCs).toEqual(['Contact']);
  });

  test.each<RiskAnswer>(['Yes', 'Not sure'])('reporter answer %s alone raises the flag', (answer) => {
    expect(deriveIncident(report({ childAtRisk: answer }), settings, 'X').childProtection).toBe(true);
  });
});

describe('4Cs groups', () => {
  test.each<[string[], string[]]>([
    [['Cyberbullying, hate or harassment'], ['Conduct']],
    [
      ['Scams, gambling or commercial exploitation', 'Grooming or contact by an adult'],
      ['Contact', 'Commerce'],
    ],
    [['Nudes or semi-nudes', 'Cyberbullying, hate or harassment'], ['Conduct']],
    [
      [
        'Inappropriate content (violent, pornographic)',
        'Grooming or contact by an adult',
        'Nudes or semi-nudes',
      ],
      ['Content', 'Contact', 'Conduct'],
    ],
    [['Sexting'], []],
    [[], []],
  ])('%j → %j', (categories, groups) => {
    expect(fourCsOf(categories, settings)).toEqual(groups);
  });
});
