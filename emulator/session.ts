/**
 * The emulated `Session`: who is running the script, in which time zone and locale.
 *
 * The active and the effective user are both the person whose action started the running execution
 * (`ws.activeUser()`): the emulator runs each trigger as the user it is recorded for, so the two
 * coincide, as they do on Apps Script for a user's own menu actions and their own triggers.
 */
import { createHash } from 'node:crypto';
import { Emulated, type Counted } from './core';
import type { Workspace } from './workspace';

/** What Session needs from the workspace. */
export type SessionHost = Counted & Pick<Workspace, 'timeZone' | 'activeUser' | 'scriptId'>;

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
    return new User(this._host, this._host.activeUser());
  }

  getEffectiveUser(): User {
    return new User(this._host, this._host.activeUser());
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
