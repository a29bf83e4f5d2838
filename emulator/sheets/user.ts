/** The User objects SpreadsheetApp hands out (editors, owner, an edit event's user). */
import { Emulated, type Counted } from '../core';

export class UserFacade extends Emulated implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(
    ctx: Counted,
    readonly _email: string,
  ) {
    super(ctx, 'User');
  }

  getEmail(): string {
    return this._email;
  }
}
