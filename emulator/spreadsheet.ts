/**
 * The SpreadsheetApp emulator. The implementation lives in ./sheets/; this module is what the
 * workspace and the tests import.
 */
export { SpreadsheetStore, PROTECTED_CELL, type UserEditResult } from './sheets/store';
export { NO_UI } from './sheets/app';
export { type UiAnswer, type UiLogEntry, type MenuState, type MenuEntry } from './sheets/ui';
export { CELL_TOO_LONG } from './sheets/cells';
export { TOO_MANY_CELLS } from './sheets/model';
