import { CallLog } from '../../emulator/core';
import { makeSession, type SessionHost } from '../../emulator/session';

class Host implements SessionHost {
  readonly calls = new CallLog();
  user = 'teacher@school.example';
  constructor(
    readonly timeZone = 'Europe/London',
    readonly scriptId = '1scriptAAAA',
  ) {}
  activeUser(): string {
    return this.user;
  }
}

describe('Session', () => {
  test('getActiveUser and getEffectiveUser give the user running the current execution', () => {
    const host = new Host();
    const session = makeSession(host);
    expect(session.getActiveUser().getEmail()).toBe('teacher@school.example');
    expect(session.getEffectiveUser().getEmail()).toBe('teacher@school.example');
    host.user = 'dsl@school.example';
    expect(session.getActiveUser().getEmail()).toBe('dsl@school.example');
    expect(session.getEffectiveUser().getEmail()).toBe('dsl@school.example');
  });

  test('a User keeps the email it was created with', () => {
    const host = new Host();
    const session = makeSession(host);
    const user = session.getActiveUser();
    host.user = 'someone.else@school.example';
    expect(user.getEmail()).toBe('teacher@school.example');
  });

  test('the script time zone is the workspace one; the locale is en_GB', () => {
    expect(makeSession(new Host('Pacific/Auckland')).getScriptTimeZone()).toBe('Pacific/Auckland');
    expect(makeSession(new Host()).getScriptTimeZone()).toBe('Europe/London');
    expect(makeSession(new Host()).getActiveUserLocale()).toBe('en_GB');
  });

  test('the temporary active user key is stable per user and script, distinct otherwise, and opaque', () => {
    const host = new Host();
    const session = makeSession(host);
    const teacherKey = session.getTemporaryActiveUserKey();
    expect(session.getTemporaryActiveUserKey()).toBe(teacherKey);
    expect(teacherKey).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(teacherKey).not.toContain('teacher');

    host.user = 'dsl@school.example';
    const dslKey = session.getTemporaryActiveUserKey();
    expect(dslKey).not.toBe(teacherKey);

    host.user = 'TEACHER@school.example';
    expect(session.getTemporaryActiveUserKey()).toBe(teacherKey);

    const otherScript = new Host('Europe/London', '1scriptBBBB');
    expect(makeSession(otherScript).getTemporaryActiveUserKey()).not.toBe(teacherKey);
  });

  test('calls are counted as Session.* and User.*', () => {
    const host = new Host();
    const session = makeSession(host);
    session.getActiveUser().getEmail();
    session.getEffectiveUser();
    session.getScriptTimeZone();
    expect(host.calls.byMethod()).toEqual({
      'Session.getActiveUser': 1,
      'Session.getEffectiveUser': 1,
      'Session.getScriptTimeZone': 1,
      'User.getEmail': 1,
    });
  });

  test('deprecated members are not emulated', () => {
    const session = makeSession(new Host());
    expect(() => (session as unknown as { getUser: unknown }).getUser).toThrow(
      'not emulated: Session.getUser',
    );
    expect(() => (session as unknown as { getTimeZone: unknown }).getTimeZone).toThrow(
      'not emulated: Session.getTimeZone',
    );
    const user = session.getActiveUser() as unknown as { getUserLoginId: unknown };
    expect(() => user.getUserLoginId).toThrow('not emulated: User.getUserLoginId');
  });
});
