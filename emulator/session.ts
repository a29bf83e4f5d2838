/**
 * The emulated `Session`: who is running the script, in which time zone and locale.
 *
 * The effective user is the account the execution runs as (the installer, for an installable trigger); the
 * active user is the person whose action caused it. Their emails are what Apps Script would show: blank in a
 * simple trigger, and for people outside the owner's Workspace domain (see Workspace.activeUserEmail). A host
 * without those rules (a unit test's) shows `activeUser()` for both.
 */
import { createHash } from 'node:crypto';
import { Emulated, type Counted } from './core';
import type { Workspace } from './workspace';

/** What Session needs from the workspace. */
export type SessionHost = Counted &
  Pick<Workspace, 'timeZone' | 'activeUser' | 'scriptId'> &
  Partial<Pick<Workspace, 'activeUserEmail' | 'effectiveUserEmail'>>;

/** A Google account as `Session` returns it; the email is the one current when it was asked for. */
export class User extends Emulated implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(
    ctx: Counted,
    private readonly _email: string,
  ) {
    super(ctx, 'User');
  }

  getEmail(): string {
    return this._email;
  }
}

/** The locale the emulated users have set (UK schools). */
export const ACTIVE_USER_LOCALE = 'en_GB';

// getActiveUser/getEffectiveUser are not in the Pick: Apps Script's User type also has the deprecated
// getUserLoginId, which is deliberately not emulated.
export class Session
  extends Emulated
  implements
    Pick<
      GoogleAppsScript.Base.Session,
      'getScriptTimeZone' | 'getActiveUserLocale' | 'getTemporaryActiveUserKey'
    >
{
  constructor(private readonly _host: SessionHost) {
    super(_host, 'Session');
  }

  getActiveUser(): User {
    return new User(this._host, this._host.activeUserEmail?.() ?? this._host.activeUser());
  }

  getEffectiveUser(): User {
    return new User(this._host, this._host.effectiveUserEmail?.() ?? this._host.activeUser());
  }

  getScriptTimeZone(): string {
    return this._host.timeZone;
  }

  getActiveUserLocale(): string {
    return ACTIVE_USER_LOCALE;
  }

  /**
   * An opaque key, the same for one user of one script every time, different between users and
   * scripts, and not revealing the email (as Apps Script's is).
   */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256')
      .update(`${this._host.scriptId}\u0000${this._host.activeUser().toLowerCase()}`)
      .digest('base64url');
  }
}

export function makeSession(ws: SessionHost): Session {
  return new Session(ws);
}
