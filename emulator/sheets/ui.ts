/**
 * The spreadsheet's user interface as the script sees it (SpreadsheetApp.getUi(): menus, alerts,
 * prompts) and as a test drives it (`store.ui`: what is in a person's menu bar, clicking an item,
 * scripting the answers to dialogs, the log of what was shown).
 */
import { Emulated, NotEmulatedError, invalidArgument } from '../core';
import type { ExecutionRecord, Workspace } from '../workspace';
import { UiButton, UiButtonSet, enumName, enumValue, gas } from './common';

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; name: string; items: MenuEntry[] };

export interface MenuState {
  name: string;
  items: MenuEntry[];
}

export type ButtonName = keyof typeof UiButton;

/** An answer a test scripts for the next alert or prompt a person sees. */
export interface UiAnswer {
  button: ButtonName;
  /** The text typed into a prompt. */
  text?: string;
}

export interface UiLogEntry {
  user: string;
  kind: 'alert' | 'prompt' | 'toast';
  title: string;
  message: string;
  buttons?: string;
  /** What the person answered (alerts and prompts). */
  answer?: UiAnswer;
  spreadsheetId?: string;
}

const BUTTONS_OF_SET: Record<string, ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

const key = (user: string): string => user.toLowerCase();

export class UiStore {
  private readonly menuBars = new Map<string, MenuState[]>();
  private readonly answers = new Map<string, UiAnswer[]>();
  /** Every alert, prompt and toast shown, in order. */
  readonly log: UiLogEntry[] = [];

  constructor(private readonly ws: Workspace) {}

  /** The person (re)opens the spreadsheet: their script menus are gone until onOpen adds them again. */
  reset(user: string): void {
    this.menuBars.delete(key(user));
  }

  /** The script menus in the person's menu bar (copies). */
  menus(user: string): MenuState[] {
    return JSON.parse(JSON.stringify(this.menuBars.get(key(user)) ?? [])) as MenuState[];
  }

  /** Scripts the person's answer to the next alert or prompt that asks for one. */
  queueResponse(user: string, answer: UiAnswer): void {
    if (!Object.prototype.hasOwnProperty.call(UiButton, answer.button))
      throw new Error(`no such button: ${answer.button}`);
    const queue = this.answers.get(key(user)) ?? [];
    queue.push({ ...answer });
    this.answers.set(key(user), queue);
  }

  /** Answers scripted but not yet used. */
  pendingResponses(user: string): UiAnswer[] {
    return [...(this.answers.get(key(user)) ?? [])];
  }

  /** What this person was shown (all people when no user is given). */
  shown(user?: string): UiLogEntry[] {
    return this.log.filter((e) => user === undefined || key(e.user) === key(user)).map((e) => ({ ...e }));
  }

  /**
   * The person clicks a menu item (searched in sub-menus too): the named script function runs as a
   * menu execution by that person. Throws when the item is not in their menu bar, or when the
   * function fails (as the browser shows an error). Returns the execution record.
   */
  clickMenu(user: string, menuName: string, caption: string): ExecutionRecord {
    const menu = this.menuBars.get(key(user))?.find((m) => m.name === menuName);
    if (!menu) throw new Error(`${user} has no menu "${menuName}"`);
    const find = (items: MenuEntry[]): string | undefined => {
      for (const item of items) {
        if (item.kind === 'item' && item.caption === caption) return item.functionName;
        if (item.kind === 'submenu') {
          const inner = find(item.items);
          if (inner) return inner;
        }
      }
      return undefined;
    };
    const functionName = find(menu.items);
    if (!functionName) throw new Error(`menu "${menuName}" has no item "${caption}"`);
    const index = this.ws.executions.length;
    this.ws.run(functionName, [], { user, kind: 'menu' });
    const record = this.ws.executions[index];
    if (!record) throw new Error('no execution recorded');
    return record;
  }

  addMenu(user: string, menu: MenuState): void {
    const bar = this.menuBars.get(key(user)) ?? [];
    const copy = JSON.parse(JSON.stringify(menu)) as MenuState;
    const at = bar.findIndex((m) => m.name === menu.name);
    if (at >= 0) bar[at] = copy;
    else bar.push(copy);
    this.menuBars.set(key(user), bar);
  }

  /** Shows a dialog; returns the scripted answer (an OK-only alert needs none). */
  dialog(kind: 'alert' | 'prompt', title: string, message: string, buttonSet: string): UiAnswer {
    const user = this.ws.activeUser();
    const allowed = [...(BUTTONS_OF_SET[buttonSet] ?? []), 'CLOSE'];
    let answer: UiAnswer | undefined;
    if (kind === 'alert' && buttonSet === 'OK') {
      answer = { button: 'OK' };
    } else {
      answer = this.answers.get(key(user))?.shift();
      if (!answer) throw new NotEmulatedError(`Ui.${kind} without a scripted answer`);
      if (!allowed.includes(answer.button)) {
        throw new Error(`scripted answer ${answer.button} is not a button of ${buttonSet}`);
      }
      if (kind === 'prompt') answer = { button: answer.button, text: answer.text ?? '' };
    }
    this.log.push({ user, kind, title, message, buttons: buttonSet, answer: { ...answer } });
    return answer;
  }

  toast(spreadsheetId: string, message: string, title: string): void {
    this.log.push({ user: this.ws.activeUser(), kind: 'toast', title, message, spreadsheetId });
  }
}

type Ui = GoogleAppsScript.Base.Ui;

export class UiFacade
  extends Emulated
  implements Pick<Ui, 'Button' | 'ButtonSet' | 'alert' | 'createMenu' | 'prompt'>
{
  readonly Button = gas<typeof GoogleAppsScript.Base.Button>(UiButton);
  readonly ButtonSet = gas<typeof GoogleAppsScript.Base.ButtonSet>(UiButtonSet);

  constructor(
    private readonly _ws: Workspace,
    private readonly _ui: UiStore,
  ) {
    super(_ws, 'Ui');
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons). */
  private _args(args: unknown[]): { title: string; message: string; buttons: string } {
    const [a, b, c] = args;
    if (args.length === 0 || args.length > 3 || typeof a !== 'string') invalidArgument('prompt');
    if (args.length === 1) return { title: '', message: a, buttons: 'OK' };
    if (args.length === 2) return { title: '', message: a, buttons: enumName(b, UiButtonSet, 'buttons') };
    if (typeof b !== 'string') invalidArgument('prompt');
    return { title: a, message: b, buttons: enumName(c, UiButtonSet, 'buttons') };
  }

  alert(...args: unknown[]): GoogleAppsScript.Base.Button {
    const { title, message, buttons } = this._args(args);
    return enumValue(this._ui.dialog('alert', title, message, buttons).button);
  }

  prompt(...args: unknown[]): GoogleAppsScript.Base.PromptResponse {
    const { title, message, buttons } = this._args(args);
    const answer = this._ui.dialog('prompt', title, message, buttons);
    return gas(new PromptResponseFacade(this._ws, answer.button, answer.text ?? ''));
  }

  createMenu(caption: unknown): GoogleAppsScript.Base.Menu {
    if (typeof caption !== 'string' || caption === '') invalidArgument('caption');
    return gas(new MenuFacade(this._ws, this._ui, caption));
  }
}

export class MenuFacade
  extends Emulated
  implements Pick<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'>
{
  readonly _state: MenuState;

  constructor(
    private readonly _ws: Workspace,
    private readonly _ui: UiStore,
    name: string,
  ) {
    super(_ws, 'Menu');
    this._state = { name, items: [] };
  }

  addItem(caption: unknown, functionName: unknown): GoogleAppsScript.Base.Menu {
    if (typeof caption !== 'string' || caption === '') invalidArgument('caption');
    if (typeof functionName !== 'string' || functionName === '') invalidArgument('functionName');
    this._state.items.push({ kind: 'item', caption, functionName });
    return gas(this);
  }

  addSeparator(): GoogleAppsScript.Base.Menu {
    this._state.items.push({ kind: 'separator' });
    return gas(this);
  }

  addSubMenu(menu: unknown): GoogleAppsScript.Base.Menu {
    if (!menu || typeof menu !== 'object' || (menu as { _className?: unknown })._className !== 'Menu') {
      invalidArgument('menu');
    }
    const sub = (menu as { _state: MenuState })._state;
    this._state.items.push({
      kind: 'submenu',
      name: sub.name,
      items: JSON.parse(JSON.stringify(sub.items)) as MenuEntry[],
    });
    return gas(this);
  }

  addToUi(): void {
    this._ui.addMenu(this._ws.activeUser(), this._state);
  }
}

export class PromptResponseFacade
  extends Emulated
  implements Pick<GoogleAppsScript.Base.PromptResponse, 'getResponseText' | 'getSelectedButton'>
{
  constructor(
    ws: Workspace,
    private readonly _button: string,
    private readonly _text: string,
  ) {
    super(ws, 'PromptResponse');
  }

  getResponseText(): string {
    return this._text;
  }

  getSelectedButton(): GoogleAppsScript.Base.Button {
    return enumValue(this._button);
  }
}
