/**
 * The rules that say who may open each file (src/domain/access.ts) and the allegation numbering
 * (src/domain/ids.ts): pure, so every case is stated here without the emulator.
 */
import { accessProblems, shareRefusedProblem, type FileAccess, type Holder } from '../../src/domain/access';
import { idPrefixFor, isAllegationPrefix } from '../../src/domain/ids';
import { baseSettings } from '../support/fixtures';

const settings = baseSettings({ deputyDslEmails: ['deputy@school.example'] });
const runner = 'dsl@school.example';
const owner: Holder = { email: runner, role: 'owner' };

function check(files: FileAccess[]): string[] {
  return accessProblems(files, settings, { runner });
}

describe('accessProblems', () => {
  test('nothing to say when each file has exactly the people Settings name', () => {
    expect(
      check([
        {
          file: 'register',
          holders: [owner, { email: 'deputy@school.example', role: 'editor' }],
        },
        {
          file: 'staff-allegations',
          holders: [
            owner,
            { email: 'Head@School.example', role: 'editor' },
            { email: 'deputy@school.example', role: 'editor' },
          ],
        },
        {
          file: 'headteacher-allegations',
          holders: [
            owner,
            { email: 'chair@governors.example', role: 'editor' },
            { email: 'deputy@school.example', role: 'editor' },
          ],
        },
        { file: 'form', holders: [{ email: runner, role: 'editor' }] },
      ]),
    ).toEqual([]);
  });

  test.each([
    ['register', 'viewer'],
    ['register', 'editor'],
    ['headteacher-allegations', 'viewer'],
    ['form', 'editor'],
  ] as const)('the Headteacher on the %s (%s) is a problem naming them and the file', (file, role) => {
    const [problem, ...rest] = check([{ file, holders: [owner, { email: 'head+x@school.example', role }] }]);
    expect(rest.filter((p) => p.includes('head+x'))).toEqual([]);
    expect(problem).toMatch(/^head\+x@school\.example \(the Headteacher\)/);
    expect(problem).toMatch(
      file === 'form' ? /report form/ : file === 'register' ? /register/ : /Headteacher allegations/,
    );
  });

  test('the Headteacher who is also the DSL may open the register (routing reports that choice itself)', () => {
    const headIsDsl = baseSettings({ dslEmail: 'head@school.example' });
    expect(
      accessProblems(
        [{ file: 'register', holders: [{ email: 'head@school.example', role: 'editor' }] }],
        headIsDsl,
        { runner: 'deputy@school.example' },
      ),
    ).toEqual([]);
  });

  test('anyone Settings do not name is a problem, with the group caveat; the runner and the owner never are', () => {
    const problems = check([
      {
        file: 'staff-allegations',
        holders: [
          owner,
          { email: 'head@school.example', role: 'editor' },
          { email: 'deputy@school.example', role: 'editor' },
          { email: 'all-staff@school.example', role: 'viewer' },
        ],
      },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^all-staff@school\.example can open the Staff allegations file as a viewer/);
    expect(problems[0]).toMatch(/Google Group, Apps Script cannot list its members/);
  });

  test('a reader of an allegation file who cannot open it is named, unless already reported as refused', () => {
    const files: FileAccess[] = [{ file: 'headteacher-allegations', holders: [owner] }];
    expect(check(files).join('\n')).toMatch(
      /chair@governors\.example \(the Chair of Governors\) should be able to open/,
    );
    expect(
      accessProblems(files, settings, { runner, alreadyReported: ['chair@governors.example'] }).join('\n'),
    ).not.toMatch(/chair@governors/);
  });

  test('a file whose sharing cannot be read says so, and what to do', () => {
    expect(check([{ file: 'form', holders: null, unreadable: 'it could not be opened' }])).toEqual([
      expect.stringMatching(
        /could not read who can open the report form \(it could not be opened\).*File › Share/,
      ),
    ]);
  });
});

describe('shareRefusedProblem', () => {
  test('an outside address: what the admin must change, or a school address instead, and Set up again', () => {
    const text = shareRefusedProblem(
      'headteacher-allegations',
      'chair@governors.example',
      'Sharing is not allowed.',
      'school.example',
      settings,
    );
    expect(text).toMatch(/could not be shared with chair@governors\.example \(the Chair of Governors\)/);
    expect(text).toMatch(/“Sharing is not allowed”\./);
    expect(text).toMatch(/allow sharing with governors\.example/);
    expect(text).toMatch(/an address at school\.example/);
    expect(text).toMatch(/without making new files/);
  });
});

describe('allegation numbering', () => {
  test('each allegation file has its own prefix; the register keeps the one in Settings', () => {
    expect(idPrefixFor('register', 'HSA')).toBe('HSA');
    expect(idPrefixFor('staff-allegations', 'OSI')).toBe('SA');
    expect(idPrefixFor('headteacher-allegations', 'OSI')).toBe('HA');
    expect(isAllegationPrefix(' sa ')).toBe(true);
    expect(isAllegationPrefix('OSI')).toBe(false);
  });
});
