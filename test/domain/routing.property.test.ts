import fc from 'fast-check';
import {
  adultPartOf,
  planAlert,
  recordReaders,
  type AlertPlan,
  type RoutableIncident,
} from '../../src/domain/routing';
import { ADULT_ROLE_CHOICES } from '../../src/domain/schema';

/** Every answer to "causing harm or harmed?", and blank (the section was skipped). */
const ROLE_ANSWERS = ['', ...ADULT_ROLE_CHOICES.map((c) => c.label)];
import type { AdultConcern, Settings } from '../../src/domain/types';
import { baseSettings } from '../support/fixtures';

/**
 * Random Settings built from a small pool of people, each of whom can be written in Settings in many ways
 * (any case, stray spaces and tabs, a +tag, dots in a consumer Gmail address). The test knows who every
 * typed address belongs to by construction, so it checks routing against the people, not against a second
 * copy of the address-comparison code.
 */

interface Person {
  local: string;
  domain: string;
}

const PEOPLE: Person[] = [
  { local: 'head', domain: 'school.example' },
  { local: 'dsl', domain: 'school.example' },
  { local: 'josmith', domain: 'gmail.com' },
  { local: 'chair', domain: 'governors.example' },
  { local: 'sam', domain: 'school.example' },
];

/** One Settings cell: what was typed and whose address it is (null when blank or unusable). */
interface Typed {
  text: string;
  person: number | null;
}

const spaces = fc.constantFrom('', '', ' ', '  ', '\t', ' \t ');

function variantOf(personIndex: number): fc.Arbitrary<Typed> {
  const person = PEOPLE[personIndex]!;
  return fc
    .record({
      upper: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
      lead: spaces,
      trail: spaces,
      tag: fc.option(fc.constantFrom('alerts', 'dsl', 'x1'), { nil: null }),
      dots: fc.uniqueArray(fc.integer({ min: 1, max: person.local.length - 1 }), { maxLength: 3 }),
    })
    .map(({ upper, lead, trail, tag, dots }) => {
      let local = person.local;
      if (person.domain === 'gmail.com') {
        // Consumer Gmail ignores dots: "jo.smith" is the same mailbox as "josmith".
        const cut = [...dots].sort((a, b) => b - a);
        for (const at of cut) local = `${local.slice(0, at)}.${local.slice(at)}`;
      }
      const plain = `${local}${tag ? `+${tag}` : ''}@${person.domain}`;
      const cased = [...plain].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join('');
      return { text: `${lead}${cased}${trail}`, person: personIndex };
    });
}

const anyPersonAddress = fc.nat({ max: PEOPLE.length - 1 }).chain(variantOf);

const unusable: fc.Arbitrary<Typed> = fc
  .constantFrom(
    '',
    '   ',
    'Head Teacher',
    'head@school',
    'head@@school.example',
    'Mrs Head <head@school.example>',
    'dsl@school.example; chair@governors.example',
    'chair at governors dot example',
  )
  .map((text) => ({ text, person: null }));

const cell = fc.oneof({ weight: 6, arbitrary: anyPersonAddress }, { weight: 2, arbitrary: unusable });

const scenario = fc.record({
  headteacherPerson: fc.nat({ max: PEOPLE.length - 1 }),
  headteacherUsable: fc.boolean(),
  headteacherUnusable: unusable,
  dsl: cell,
  deputies: fc.array(cell, { maxLength: 4 }),
  chair: cell,
  leadership: fc.array(cell, { maxLength: 4 }),
  adultConcern: fc.constantFrom<AdultConcern>(
    'none',
    'staff',
    'dsl',
    'deputy-dsl',
    'headteacher',
    'parent',
    'other-adult',
  ),
  childProtection: fc.boolean(),
  adultRole: fc.constantFrom(...ROLE_ANSWERS),
  alertDetail: fc.constantFrom<Settings['alertDetail']>('minimal', 'full'),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

interface World {
  settings: Settings;
  incident: RoutableIncident;
  /** Who the Headteacher is, and whether Settings name them with a usable address. */
  head: { person: number; known: boolean; typed: Typed };
  dsl: Typed;
  deputies: Typed[];
  chair: Typed;
  /** normalised typed address → person, for every cell that names someone. */
  owner: Map<string, number>;
}

function build(s: Scenario, headTyped: Typed): World {
  const owner = new Map<string, number>();
  const remember = (t: Typed): void => {
    if (t.person !== null) owner.set(t.text.trim().toLowerCase(), t.person);
  };
  [s.dsl, ...s.deputies, s.chair, ...s.leadership, headTyped].forEach(remember);
  const settings: Settings = baseSettings({
    schoolName: 'Property School',
    dslEmail: s.dsl.text,
    deputyDslEmails: s.deputies.map((d) => d.text),
    headteacherEmail: headTyped.text,
    chairOfGovernorsEmail: s.chair.text,
    leadershipEmails: s.leadership.map((l) => l.text),
    alertDetail: s.alertDetail,
  });
  return {
    settings,
    incident: {
      adultConcern: s.adultConcern,
      childProtection: s.childProtection,
      childProtectionReasons: s.childProtection ? ['Reporter: child at risk (Yes)'] : [],
      adultRole: s.adultRole,
    },
    head: { person: s.headteacherPerson, known: headTyped.person !== null, typed: headTyped },
    dsl: s.dsl,
    deputies: s.deputies,
    chair: s.chair,
    owner,
  };
}

const world: fc.Arbitrary<World> = scenario.chain((s) =>
  (s.headteacherUsable ? variantOf(s.headteacherPerson) : fc.constant(s.headteacherUnusable)).map(
    (headTyped) => build(s, headTyped),
  ),
);

function recipientPeople(w: World, plan: AlertPlan): number[] {
  return plan.recipients.map((r) => {
    const person = w.owner.get(r.email);
    if (person === undefined) throw new Error(`recipient ${r.email} is not an address typed in Settings`);
    return person;
  });
}

function peopleIn(cells: Typed[]): number[] {
  return cells.flatMap((c) => (c.person === null ? [] : [c.person]));
}

const RUNS = { numRuns: 3000 };

/** A concern about the person (not a report of them harmed). */
function aboutTheirConduct(role: string): boolean {
  return adultPartOf(role) !== 'harmed';
}

describe('routing properties over random settings', () => {
  it('never sends a concern about the Headteacher to the Headteacher, however their address is written', () => {
    fc.assert(
      fc.property(world, (w) => {
        const role = aboutTheirConduct(w.incident.adultRole ?? '') ? w.incident.adultRole : 'Not sure';
        const plan = planAlert({ ...w.incident, adultConcern: 'headteacher', adultRole: role }, w.settings);
        const people = recipientPeople(w, plan);
        if (w.head.known) {
          expect(people).not.toContain(w.head.person);
        } else {
          // The Headteacher's address is unknown: nobody can be proved not to be them except the Chair.
          expect(plan.recipients.map((r) => r.roles)).toEqual(plan.recipients.map(() => ['chair']));
        }
      }),
      RUNS,
    );
  });

  it('tells each person at most once and only people Settings name for alerts', () => {
    fc.assert(
      fc.property(world, (w) => {
        const plan = planAlert(w.incident, w.settings);
        const people = recipientPeople(w, plan);
        expect(new Set(people).size).toBe(people.length);
        const routable = new Set(peopleIn([w.dsl, ...w.deputies, w.chair, w.head.typed]));
        for (const person of people) expect(routable.has(person)).toBe(true);
      }),
      RUNS,
    );
  });

  it('gets a flagged report to a correct recipient whenever one can be emailed', () => {
    fc.assert(
      fc.property(world, (w) => {
        const plan = planAlert({ ...w.incident, childProtection: true }, w.settings);
        const people = new Set(recipientPeople(w, plan));
        const leads = peopleIn([w.dsl, ...w.deputies]);
        const chair = w.chair.person;

        if (w.incident.adultConcern === 'headteacher') {
          const isHead = (p: number) => w.head.known && p === w.head.person;
          // Leads are correct only when the Headteacher is known and they are someone else.
          const correctLeads = w.head.known ? leads.filter((p) => !isHead(p)) : [];
          const chairCorrect = chair !== null && !isHead(chair);
          if (chairCorrect || correctLeads.length > 0) expect(people.size).toBeGreaterThan(0);
          for (const lead of correctLeads) expect(people.has(lead)).toBe(true);
          if (chairCorrect) expect(people.has(chair)).toBe(true);
        } else if (
          (w.incident.adultConcern === 'dsl' || w.incident.adultConcern === 'deputy-dsl') &&
          aboutTheirConduct(w.incident.adultRole ?? '')
        ) {
          // A concern about a lead: every lead who is not the person concerned hears about the child.
          const concerned = new Set(
            peopleIn(w.incident.adultConcern === 'dsl' ? [w.dsl] : w.deputies).concat(
              w.head.known ? [w.head.person] : [],
            ),
          );
          // (With the Headteacher unknown, a DSL who may be the Headteacher is routed as the Headteacher.)
          if (w.head.known)
            for (const lead of leads) if (!concerned.has(lead)) expect(people.has(lead)).toBe(true);
        } else {
          // Every usable safeguarding lead hears about a child at risk, whatever else the report raises.
          for (const lead of leads) expect(people.has(lead)).toBe(true);
          const anyone = leads.length > 0 || chair !== null || w.head.known;
          if (anyone) expect(people.size).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('never sends a concern about the DSL or a deputy to them, however their address is written', () => {
    fc.assert(
      fc.property(
        world,
        fc.constantFrom<AdultConcern>('dsl', 'deputy-dsl'),
        fc.constantFrom(...ROLE_ANSWERS.filter(aboutTheirConduct)),
        (w, concern, adultRole) => {
          const plan = planAlert({ ...w.incident, adultConcern: concern, adultRole }, w.settings);
          const people = recipientPeople(w, plan);
          const concerned = peopleIn(concern === 'dsl' ? [w.dsl] : w.deputies);
          for (const person of concerned) expect(people).not.toContain(person);
        },
      ),
      RUNS,
    );
  });

  it('keeps the record of a concern about the DSL or a deputy in a file they may not be given', () => {
    // Not when the Headteacher is a lead too: a concern about "a deputy DSL" may then be about the
    // Headteacher, so it is kept in the Headteacher-allegations file, which the other leads share (Set up
    // tells the school to make at least one deputy someone else: routeProblems).
    const headIsALead = (w: World): boolean => peopleIn([w.dsl, ...w.deputies]).includes(w.head.person);
    fc.assert(
      fc.property(
        world.filter((w) => !headIsALead(w)),
        fc.constantFrom<AdultConcern>('dsl', 'deputy-dsl'),
        fc.constantFrom(...ROLE_ANSWERS.filter(aboutTheirConduct)),
        (w, concern, adultRole) => {
          const plan = planAlert({ ...w.incident, adultConcern: concern, adultRole }, w.settings);
          expect(['lead-allegations', 'headteacher-allegations']).toContain(plan.recordIn);
          const { readers } = recordReaders(plan.recordIn, w.settings);
          const readerPeople = readers.map((r) => w.owner.get(r));
          const concerned = peopleIn(concern === 'dsl' ? [w.dsl] : w.deputies);
          for (const person of concerned) expect(readerPeople).not.toContain(person);
        },
      ),
      RUNS,
    );
  });

  it('routes every adult who works or volunteers in school as staff, never to the register', () => {
    fc.assert(
      fc.property(world, fc.constantFrom(...ROLE_ANSWERS.filter(aboutTheirConduct)), (w, adultRole) => {
        const plan = planAlert({ ...w.incident, adultConcern: 'other-adult', adultRole }, w.settings);
        expect(plan.recordIn).toBe('staff-allegations');
        for (const r of plan.recipients) expect(r.detail).toBe('minimal');
      }),
      RUNS,
    );
  });

  it('alerts nobody about an unflagged report with no adult concern', () => {
    fc.assert(
      fc.property(world, (w) => {
        const plan = planAlert({ ...w.incident, adultConcern: 'none', childProtection: false }, w.settings);
        expect(plan.recipients).toEqual([]);
        expect(plan.problems).toEqual([]);
      }),
      RUNS,
    );
  });

  it('never gives full detail on an allegation about staff or the Headteacher', () => {
    fc.assert(
      fc.property(
        world,
        fc.constantFrom<AdultConcern>('staff', 'dsl', 'deputy-dsl', 'headteacher', 'other-adult'),
        (w, concern) => {
          const plan = planAlert({ ...w.incident, adultConcern: concern }, w.settings);
          for (const r of plan.recipients) expect(r.detail).toBe('minimal');
        },
      ),
      RUNS,
    );
  });
});
