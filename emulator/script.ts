/**
 * ScriptApp: installable triggers, their schedules and firing them.
 *
 * The script sees `ScriptApp` (newTrigger, getProjectTriggers, getUserTriggers, deleteTrigger, getScriptId
 * and the enums). Tests and other stores use the `ScriptStore` itself: `fire` runs every trigger installed on
 * a source for an event (a form submission, an edit), `fireTrigger` runs one trigger now, and `advanceTo`
 * moves the clock forward firing clock triggers as they fall due.
 *
 * Time-driven triggers fire exactly on their schedule here; Apps Script fires them "near" it (within 15
 * minutes for nearMinute, any minute of the hour for atHour). Where Apps Script picks a random time
 * (atHour without nearMinute, everyDays without atHour) the emulator picks a fixed one, documented at
 * `firstDue`. Daily and weekly schedules keep their local wall-clock time across daylight-saving changes.
 */
import { Emulated, invalidArgument, isDate } from './core';
import { notSufficient } from './auth';
import { makeEnum } from './enums';
import type { ExecutionRecord, Workspace } from './workspace';
import { instantOfWallTime, isValidTimeZone, wallClockAt, type WallDate } from './zone';

// ---------------------------------------------------------------------------------------------------
// Enums

const AUTH_MODE_NAMES = ['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const;
const EVENT_TYPE_NAMES = [
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
] as const;
const TRIGGER_SOURCE_NAMES = ['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR'] as const;
/** In Java's (and Apps Script's) order; the index is JavaScript's getDay(). */
const WEEKDAY_NAMES = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

export type EventTypeName = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_FORM_SUBMIT' | 'ON_CHANGE';
export type TriggerSourceName = 'SPREADSHEETS' | 'CLOCK' | 'FORMS';

/** https://developers.google.com/apps-script/reference/script/authorization-status */
const AUTHORIZATION_STATUS_NAMES = ['REQUIRED', 'NOT_REQUIRED'] as const;

const AuthModeEnum = makeEnum(AUTH_MODE_NAMES);
const AuthorizationStatusEnum = makeEnum(AUTHORIZATION_STATUS_NAMES);
const EventTypeEnum = makeEnum(EVENT_TYPE_NAMES);
const TriggerSourceEnum = makeEnum(TRIGGER_SOURCE_NAMES);
const WeekDayEnum = makeEnum(WEEKDAY_NAMES);

// ---------------------------------------------------------------------------------------------------
// Error texts

/** Apps Script's limit: 20 installable triggers per user per script (quotas page). */
export const MAX_TRIGGERS_PER_USER = 20;
/** Apps Script's text when the 21st trigger is created (quoted in many public projects' error handling). */
export const TOO_MANY_TRIGGERS =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
/** Apps Script's text for everyMinutes(2) and the like (as reported by projects that hit it). */
const EVERY_MINUTES_INVALID =
  'The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.';
/** Apps Script's first sentence for everyHours(3); the second is written by analogy with everyMinutes. */
const EVERY_HOURS_INVALID =
  'The value you passed to everyHours was invalid. It must be one of 1, 2, 4, 6, 8 or 12.';
const SCRIPTAPP_SCOPE = 'https://www.googleapis.com/auth/script.scriptapp';

/** Apps Script's text when a simple trigger (no authorization) calls a ScriptApp method that needs it. */
function noPermission(method: string): Error {
  return new Error(
    `You do not have permission to call ScriptApp.${method}. Required permissions: ${SCRIPTAPP_SCOPE}`,
  );
}

/** Apps Script's text for an argument of the wrong type, e.g. a string where an enum is expected. */
function wrongSignature(method: string, args: unknown[]): Error {
  const types = args.map((a) =>
    a === null ? 'null' : isDate(a) ? 'Date' : typeof a === 'string' ? 'String' : typeof a,
  );
  return new Error(`The parameters (${types.join(',')}) don't match the method signature for ${method}.`);
}

// ---------------------------------------------------------------------------------------------------
// Calendar dates (time zones are in zone.ts)

function addDays(date: WallDate, days: number): WallDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `monthDay` of the month of `from` (or of the following month, when `later`), skipping months too short. */
function nextMonthDay(from: WallDate, monthDay: number, later: boolean): WallDate {
  let year = from.year;
  let month = from.month;
  if (later) month += 1;
  for (;;) {
    if (month > 12) {
      month = 1;
      year += 1;
    }
    if (monthDay <= daysInMonth(year, month)) return { year, month, day: monthDay };
    month += 1;
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** ISO-8601 week of the year (weeks start on Monday; week 1 holds the year's first Thursday). */
function isoWeekOfYear(ms: number): number {
  const d = new Date(ms);
  const day = d.getUTCDay() || 7;
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - yearStart) / 86_400_000 / 7) + 1;
}

// ---------------------------------------------------------------------------------------------------
// Triggers

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type ClockSchedule =
  | { kind: 'minutes'; every: number }
  | { kind: 'hours'; every: number; minute?: number; timeZone: string }
  | { kind: 'days'; every: number; hour: number; minute: number; timeZone: string }
  | { kind: 'weeks'; every: number; weekDay: number; hour: number; minute: number; timeZone: string }
  | { kind: 'months'; monthDay: number; hour: number; minute: number; timeZone: string }
  | { kind: 'once'; at: number };

export interface TriggerRecord {
  uid: string;
  handler: string;
  eventType: EventTypeName;
  source: TriggerSourceName;
  /** The spreadsheet or form id; '' for clock triggers. */
  sourceId: string;
  /** The user who installed it: it runs as them. */
  owner: string;
  createdAt: number;
  schedule?: ClockSchedule;
  /** Clock triggers: when it next falls due. */
  nextDue?: number;
  /** Daily and weekly triggers: the local date of the next firing (the wall-clock time is in schedule). */
  nextDate?: WallDate;
}

function describeSchedule(s: ClockSchedule): string {
  switch (s.kind) {
    case 'minutes':
      return `every ${s.every} minute${s.every === 1 ? '' : 's'}`;
    case 'hours':
      return `every ${s.every} hour${s.every === 1 ? '' : 's'}${s.minute === undefined ? '' : ` at minute ${s.minute} (${s.timeZone})`}`;
    case 'days':
      return `every ${s.every === 1 ? 'day' : `${s.every} days`} at ${pad2(s.hour)}:${pad2(s.minute)} ${s.timeZone}`;
    case 'weeks':
      return `every ${s.every === 1 ? 'week' : `${s.every} weeks`} on ${WEEKDAY_NAMES[s.weekDay] ?? '?'} at ${pad2(s.hour)}:${pad2(s.minute)} ${s.timeZone}`;
    case 'months':
      return `every month on day ${s.monthDay} at ${pad2(s.hour)}:${pad2(s.minute)} ${s.timeZone}`;
    case 'once':
      return `once at ${new Date(s.at).toISOString()}`;
  }
}

/** Sets `nextDue` (and `nextDate`) for a clock trigger just created at `now`. */
function firstDue(t: TriggerRecord, s: ClockSchedule, now: number): void {
  switch (s.kind) {
    case 'minutes':
      t.nextDue = now + s.every * MINUTE;
      return;
    case 'hours': {
      if (s.minute === undefined) {
        t.nextDue = now + s.every * HOUR;
        return;
      }
      // nearMinute with everyHours: the first time the local minute comes round, then every n hours.
      const local = wallClockAt(now, s.timeZone);
      const wholeMinute = now - local.second * 1000 - (now % 1000);
      let due = wholeMinute + ((s.minute - local.minute + 60) % 60) * MINUTE;
      if (due <= now) due += HOUR;
      t.nextDue = due;
      return;
    }
    case 'days':
    case 'weeks': {
      const today = wallClockAt(now, s.timeZone);
      let date: WallDate = today;
      if (s.kind === 'weeks') date = addDays(today, (s.weekDay - today.weekday + 7) % 7);
      let due = instantOfWallTime(date, s.hour, s.minute, s.timeZone);
      if (due <= now) {
        date = addDays(date, s.kind === 'weeks' ? 7 : 1);
        due = instantOfWallTime(date, s.hour, s.minute, s.timeZone);
      }
      t.nextDate = date;
      t.nextDue = due;
      return;
    }
    case 'months': {
      let date = nextMonthDay(wallClockAt(now, s.timeZone), s.monthDay, false);
      let due = instantOfWallTime(date, s.hour, s.minute, s.timeZone);
      if (due <= now) {
        date = nextMonthDay(date, s.monthDay, true);
        due = instantOfWallTime(date, s.hour, s.minute, s.timeZone);
      }
      t.nextDate = date;
      t.nextDue = due;
      return;
    }
    case 'once':
      t.nextDue = s.at;
      return;
  }
}

/** Moves a recurring clock trigger's `nextDue` past the firing that is due now. */
function advanceDue(t: TriggerRecord): void {
  const s = t.schedule;
  if (!s || t.nextDue === undefined) return;
  switch (s.kind) {
    case 'minutes':
      t.nextDue += s.every * MINUTE;
      return;
    case 'hours':
      t.nextDue += s.every * HOUR;
      return;
    case 'days':
    case 'weeks': {
      const date = addDays(
        t.nextDate ?? wallClockAt(t.nextDue, s.timeZone),
        s.every * (s.kind === 'weeks' ? 7 : 1),
      );
      t.nextDate = date;
      t.nextDue = instantOfWallTime(date, s.hour, s.minute, s.timeZone);
      return;
    }
    case 'months': {
      const date = nextMonthDay(t.nextDate ?? wallClockAt(t.nextDue, s.timeZone), s.monthDay, true);
      t.nextDate = date;
      t.nextDue = instantOfWallTime(date, s.hour, s.minute, s.timeZone);
      return;
    }
    case 'once':
      return;
  }
}

/** A script trigger as the script sees it (a copy of the record when it was fetched, as on Apps Script). */
export class Trigger extends Emulated implements GoogleAppsScript.Script.Trigger {
  constructor(
    ws: Workspace,
    readonly _record: Readonly<TriggerRecord>,
  ) {
    super(ws, 'Trigger');
  }

  getUniqueId(): string {
    return this._record.uid;
  }

  getHandlerFunction(): string {
    return this._record.handler;
  }

  // The @types declare numeric enums; at run time they are enum objects (see EnumValue).
  getEventType(): GoogleAppsScript.Script.EventType {
    return EventTypeEnum[this._record.eventType] as unknown as GoogleAppsScript.Script.EventType;
  }

  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return TriggerSourceEnum[this._record.source] as unknown as GoogleAppsScript.Script.TriggerSource;
  }

  /** The spreadsheet or form id; null for a clock trigger (the declared type says string). */
  getTriggerSourceId(): string {
    return (this._record.source === 'CLOCK' ? null : this._record.sourceId) as string;
  }
}

/** Accepts a facade (Spreadsheet, Form) or an id, as forSpreadsheet/forForm/getUserTriggers do. */
function idOf(container: unknown): string | undefined {
  if (typeof container === 'string') return container;
  if (container && typeof container === 'object') {
    // Facades keep their id in `_id` (read without counting a call); else ask it as the script would.
    const raw = (container as { _id?: unknown })._id;
    if (typeof raw === 'string') return raw;
    const getId = (container as { getId?: unknown }).getId;
    if (typeof getId === 'function') {
      const id: unknown = getId.call(container);
      if (typeof id === 'string') return id;
    }
  }
  return undefined;
}

export class TriggerBuilder
  extends Emulated
  implements Pick<GoogleAppsScript.Script.TriggerBuilder, 'forForm' | 'forSpreadsheet' | 'timeBased'>
{
  constructor(
    private readonly _ws: Workspace,
    private readonly _store: ScriptStore,
    private readonly _handler: string,
  ) {
    super(_ws, 'TriggerBuilder');
  }

  forForm(form: { getId(): string } | string): FormTriggerBuilder {
    const id = idOf(form);
    if (id === undefined) throw wrongSignature('ScriptApp.TriggerBuilder.forForm', [form]);
    return new FormTriggerBuilder(this._ws, this._store, this._handler, id);
  }

  forSpreadsheet(spreadsheet: { getId(): string } | string): SpreadsheetTriggerBuilder {
    const id = idOf(spreadsheet);
    if (id === undefined) throw wrongSignature('ScriptApp.TriggerBuilder.forSpreadsheet', [spreadsheet]);
    return new SpreadsheetTriggerBuilder(this._ws, this._store, this._handler, id);
  }

  timeBased(): ClockTriggerBuilder {
    return new ClockTriggerBuilder(this._ws, this._store, this._handler);
  }
}

export class FormTriggerBuilder extends Emulated implements GoogleAppsScript.Script.FormTriggerBuilder {
  private _eventType: EventTypeName | undefined;

  constructor(
    ws: Workspace,
    private readonly _store: ScriptStore,
    private readonly _handler: string,
    private readonly _formId: string,
  ) {
    super(ws, 'FormTriggerBuilder');
  }

  onFormSubmit(): FormTriggerBuilder {
    this._eventType = 'ON_FORM_SUBMIT';
    return this;
  }

  onOpen(): FormTriggerBuilder {
    this._eventType = 'ON_OPEN';
    return this;
  }

  create(): Trigger {
    // No published Apps Script text for a form trigger without an event; the emulator's wording.
    if (!this._eventType)
      throw new Error('A form trigger needs an event: call onFormSubmit() or onOpen() before create().');
    return this._store._install({
      handler: this._handler,
      eventType: this._eventType,
      source: 'FORMS',
      sourceId: this._formId,
    });
  }
}

export class SpreadsheetTriggerBuilder
  extends Emulated
  implements GoogleAppsScript.Script.SpreadsheetTriggerBuilder
{
  private _eventType: EventTypeName | undefined;

  constructor(
    ws: Workspace,
    private readonly _store: ScriptStore,
    private readonly _handler: string,
    private readonly _spreadsheetId: string,
  ) {
    super(ws, 'SpreadsheetTriggerBuilder');
  }

  onEdit(): SpreadsheetTriggerBuilder {
    this._eventType = 'ON_EDIT';
    return this;
  }

  onChange(): SpreadsheetTriggerBuilder {
    this._eventType = 'ON_CHANGE';
    return this;
  }

  onOpen(): SpreadsheetTriggerBuilder {
    this._eventType = 'ON_OPEN';
    return this;
  }

  onFormSubmit(): SpreadsheetTriggerBuilder {
    this._eventType = 'ON_FORM_SUBMIT';
    return this;
  }

  create(): Trigger {
    // No published Apps Script text for a spreadsheet trigger without an event; the emulator's wording.
    if (!this._eventType) {
      throw new Error(
        'A spreadsheet trigger needs an event: call onEdit(), onChange(), onOpen() or onFormSubmit() before create().',
      );
    }
    return this._store._install({
      handler: this._handler,
      eventType: this._eventType,
      source: 'SPREADSHEETS',
      sourceId: this._spreadsheetId,
    });
  }
}

type Recurrence =
  | 'everyMinutes'
  | 'everyHours'
  | 'everyDays'
  | 'everyWeeks'
  | 'onWeekDay'
  | 'onMonthDay'
  | 'at'
  | 'atDate'
  | 'after';

/**
 * Builds a clock trigger. Values are checked when given (Apps Script does the same for everyMinutes and
 * everyHours); combinations are checked by create(). Apps Script publishes no text for the combination
 * errors, so those messages are the emulator's own, worded to say what to change.
 */
export class ClockTriggerBuilder extends Emulated implements GoogleAppsScript.Script.ClockTriggerBuilder {
  private _recurrences: Recurrence[] = [];
  private _every: number | undefined;
  private _weekDay: number | undefined;
  private _monthDay: number | undefined;
  private _hour: number | undefined;
  private _minute: number | undefined;
  private _timeZone: string | undefined;
  private _at: number | undefined;
  private _date: WallDate | undefined;

  constructor(
    private readonly _ws: Workspace,
    private readonly _store: ScriptStore,
    private readonly _handler: string,
  ) {
    super(_ws, 'ClockTriggerBuilder');
  }

  private _recur(kind: Recurrence): void {
    if (!this._recurrences.includes(kind)) this._recurrences.push(kind);
  }

  everyMinutes(n: number): ClockTriggerBuilder {
    if (![1, 5, 10, 15, 30].includes(n)) throw new Error(EVERY_MINUTES_INVALID);
    this._recur('everyMinutes');
    this._every = n;
    return this;
  }

  everyHours(n: number): ClockTriggerBuilder {
    if (![1, 2, 4, 6, 8, 12].includes(n)) throw new Error(EVERY_HOURS_INVALID);
    this._recur('everyHours');
    this._every = n;
    return this;
  }

  everyDays(n: number): ClockTriggerBuilder {
    if (!Number.isInteger(n) || n < 1) invalidArgument('n');
    this._recur('everyDays');
    this._every = n;
    return this;
  }

  everyWeeks(n: number): ClockTriggerBuilder {
    if (!Number.isInteger(n) || n < 1) invalidArgument('n');
    this._recur('everyWeeks');
    this._every = n;
    return this;
  }

  onWeekDay(day: GoogleAppsScript.Base.Weekday): ClockTriggerBuilder {
    const index = WEEKDAY_NAMES.findIndex((name) => WeekDayEnum[name] === (day as unknown));
    if (index < 0) throw wrongSignature('ScriptApp.ClockTriggerBuilder.onWeekDay', [day]);
    this._recur('onWeekDay');
    this._weekDay = index;
    return this;
  }

  /** Monthly on that day; a month without the day (31 in April) is skipped, as cron does. */
  onMonthDay(day: number): ClockTriggerBuilder {
    if (!Number.isInteger(day) || day < 1 || day > 31) invalidArgument('day');
    this._recur('onMonthDay');
    this._monthDay = day;
    return this;
  }

  atHour(hour: number): ClockTriggerBuilder {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) invalidArgument('hour');
    this._hour = hour;
    return this;
  }

  nearMinute(minute: number): ClockTriggerBuilder {
    if (!Number.isInteger(minute) || minute < 0 || minute > 59) invalidArgument('minute');
    this._minute = minute;
    return this;
  }

  inTimezone(timezone: string): ClockTriggerBuilder {
    if (typeof timezone !== 'string' || !isValidTimeZone(timezone)) invalidArgument('timezone');
    this._timeZone = timezone;
    return this;
  }

  at(date: GoogleAppsScript.Base.Date): ClockTriggerBuilder {
    if (!isDate(date)) throw wrongSignature('ScriptApp.ClockTriggerBuilder.at', [date]);
    const ms = date.getTime();
    if (Number.isNaN(ms)) invalidArgument('date');
    this._recur('at');
    this._at = ms;
    return this;
  }

  /** Once on that date (month 1-12), at midnight in the trigger's time zone unless atHour says otherwise. */
  atDate(year: number, month: number, day: number): ClockTriggerBuilder {
    if (!Number.isInteger(year)) invalidArgument('year');
    if (!Number.isInteger(month) || month < 1 || month > 12) invalidArgument('month');
    if (!Number.isInteger(day) || day < 1 || day > 31) invalidArgument('day');
    this._recur('atDate');
    this._date = { year, month, day };
    return this;
  }

  after(durationMilliseconds: number): ClockTriggerBuilder {
    if (
      typeof durationMilliseconds !== 'number' ||
      !Number.isFinite(durationMilliseconds) ||
      durationMilliseconds < 0
    ) {
      invalidArgument('durationMilliseconds');
    }
    this._recur('after');
    this._at = this._ws.clock.now() + Math.floor(durationMilliseconds);
    return this;
  }

  create(): Trigger {
    return this._store._install({
      handler: this._handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: '',
      schedule: this._schedule(),
    });
  }

  private _schedule(): ClockSchedule {
    // everyWeeks(n) and onWeekDay(d) together make one weekly schedule.
    const kinds = this._recurrences.filter(
      (k) => !(k === 'everyWeeks' && this._recurrences.includes('onWeekDay')),
    );
    const kind = kinds[0];
    if (kind === undefined) {
      throw new Error(
        'A clock trigger needs a schedule: call everyMinutes, everyHours, everyDays, everyWeeks, onWeekDay, onMonthDay, at, atDate or after before create().',
      );
    }
    if (kinds.length > 1)
      throw new Error(`A clock trigger has one schedule, but ${kinds.join(' and ')} were both given.`);
    const timeZone = this._timeZone ?? this._ws.timeZone;
    const every = this._every ?? 1;
    const needsDays = (what: string): never => {
      throw new Error(
        `${what} needs everyDays, everyWeeks, onWeekDay, onMonthDay or atDate to say which days the trigger runs.`,
      );
    };
    if (kind === 'everyMinutes' || kind === 'at' || kind === 'after') {
      if (this._hour !== undefined) needsDays('atHour');
      if (this._minute !== undefined) needsDays('nearMinute');
    }
    if (kind === 'everyHours' && this._hour !== undefined) needsDays('atHour');
    switch (kind) {
      case 'everyMinutes':
        return { kind: 'minutes', every };
      case 'everyHours':
        return this._minute === undefined
          ? { kind: 'hours', every, timeZone }
          : { kind: 'hours', every, minute: this._minute, timeZone };
      case 'at':
      case 'after':
        return { kind: 'once', at: this._at ?? this._ws.clock.now() };
      case 'atDate': {
        const date = this._date ?? wallClockAt(this._ws.clock.now(), timeZone);
        return { kind: 'once', at: instantOfWallTime(date, this._hour ?? 0, this._minute ?? 0, timeZone) };
      }
      default:
        break;
    }
    // Daily, weekly or monthly. Without atHour the emulator keeps the wall-clock time at which the trigger
    // was created (Apps Script picks a random one); atHour without nearMinute runs at minute 0.
    const created = wallClockAt(this._ws.clock.now(), timeZone);
    const hour = this._hour ?? created.hour;
    const minute = this._minute ?? (this._hour === undefined ? created.minute : 0);
    if (kind === 'everyDays') return { kind: 'days', every, hour, minute, timeZone };
    if (kind === 'onMonthDay')
      return { kind: 'months', monthDay: this._monthDay ?? created.day, hour, minute, timeZone };
    return { kind: 'weeks', every, weekDay: this._weekDay ?? created.weekday, hour, minute, timeZone };
  }
}

/** What ScriptApp.getAuthorizationInfo returns (a snapshot when it was asked for). */
export class AuthorizationInfo
  extends Emulated
  implements Pick<GoogleAppsScript.Script.AuthorizationInfo, 'getAuthorizationUrl'>
{
  constructor(
    ws: Workspace,
    private readonly _status: 'REQUIRED' | 'NOT_REQUIRED',
    private readonly _url: string | null,
    private readonly _scopes: string[],
  ) {
    super(ws, 'AuthorizationInfo');
  }

  getAuthorizationStatus(): GoogleAppsScript.Script.AuthorizationStatus {
    return AuthorizationStatusEnum[this._status] as unknown as GoogleAppsScript.Script.AuthorizationStatus;
  }

  /** Null when nothing is required (the declared type says string). */
  getAuthorizationUrl(): string {
    return this._url as string;
  }

  getAuthorizedScopes(): string[] {
    return [...this._scopes];
  }
}

/** The `ScriptApp` global. */
export class ScriptApp
  extends Emulated
  implements
    Pick<
      GoogleAppsScript.Script.ScriptApp,
      'getProjectTriggers' | 'getUserTriggers' | 'deleteTrigger' | 'getScriptId'
    >
{
  readonly AuthMode = AuthModeEnum;
  readonly AuthorizationStatus = AuthorizationStatusEnum;
  readonly EventType = EventTypeEnum;
  readonly TriggerSource = TriggerSourceEnum;
  readonly WeekDay = WeekDayEnum;

  constructor(
    private readonly _ws: Workspace,
    private readonly _store: ScriptStore,
  ) {
    super(_ws, 'ScriptApp');
  }

  newTrigger(functionName: string): TriggerBuilder {
    this._store._requireAuthorization('newTrigger');
    if (typeof functionName !== 'string' || functionName === '') invalidArgument('functionName');
    return new TriggerBuilder(this._ws, this._store, functionName);
  }

  /** The installable triggers of this project that the current user installed. */
  getProjectTriggers(): Trigger[] {
    this._store._requireAuthorization('getProjectTriggers');
    const user = this._ws.activeUser();
    return this._store._ownedBy(user).map((t) => new Trigger(this._ws, { ...t }));
  }

  /** The current user's triggers of this project on that spreadsheet or form. */
  getUserTriggers(container: { getId(): string } | string): Trigger[] {
    this._store._requireAuthorization('getUserTriggers');
    const id = idOf(container);
    if (id === undefined) throw wrongSignature('ScriptApp.getUserTriggers', [container]);
    return this._store
      ._ownedBy(this._ws.activeUser())
      .filter((t) => t.sourceId === id)
      .map((t) => new Trigger(this._ws, { ...t }));
  }

  deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
    this._store._requireAuthorization('deleteTrigger');
    const record = (trigger as unknown as { _record?: TriggerRecord } | null)?._record;
    if (!record) throw wrongSignature('ScriptApp.deleteTrigger', [trigger]);
    // A script sees only its current user's triggers (getProjectTriggers: "Gets all installable triggers
    // associated with the current project and current user"), so it has no way to delete another user's.
    // Apps Script's behaviour for a Trigger object of another user is not documented: the emulator refuses
    // (unconfirmed; the stricter choice; the wording is the emulator's).
    const live = this._store.get(record.uid);
    if (live && live.owner.toLowerCase() !== this._ws.activeUser().toLowerCase()) {
      throw new Error(
        `ScriptApp.deleteTrigger: trigger ${record.uid} belongs to another user; only they can delete it (emulator)`,
      );
    }
    this._store._delete(record.uid);
  }

  getScriptId(): string {
    return this._ws.scriptId;
  }

  /**
   * https://developers.google.com/apps-script/reference/script/script-app#getAuthorizationInfo(AuthMode,String)
   * and https://developers.google.com/apps-script/reference/script/authorization-info: whether the user must
   * still grant some of the project's scopes (or of `oAuthScopes`), the URL to grant them ("returns null if no
   * authorization is required") and the authorized ones ("If authorization information is requested for a
   * specified list of scopes, returns the authorized scopes from the specified list"). Only AuthMode.FULL can
   * require anything ("no other authorization mode requires that users grant authorization").
   */
  getAuthorizationInfo(authMode: unknown, oAuthScopes?: unknown): AuthorizationInfo {
    const mode = this._mode('ScriptApp.getAuthorizationInfo', authMode, oAuthScopes);
    const wanted = this._scopesArg('ScriptApp.getAuthorizationInfo', authMode, oAuthScopes);
    const run = this._ws.currentExecution();
    const missing = mode === 'FULL' && run ? this._ws.auth.missing(run, wanted) : [];
    const authorized = run ? wanted.filter((s) => !this._ws.auth.missing(run, [s]).length) : [...wanted];
    return new AuthorizationInfo(
      this._ws,
      missing.length > 0 ? 'REQUIRED' : 'NOT_REQUIRED',
      missing.length > 0 ? `https://script.google.com/macros/d/${this._ws.scriptId}/authorize` : null,
      authorized,
    );
  }

  /**
   * https://developers.google.com/apps-script/concepts/scopes#handle-granular: requireScopes "validate[s]
   * permissions and render[s] the authorization prompt"; in the guide's example, "If not, the execution ends
   * and prompts the user for authorization". The emulator has no prompt: a missing scope ends the execution
   * with the "Specified permissions are not sufficient" text naming the missing scopes (the text thrown here
   * is unconfirmed). A scope outside the manifest can never be granted, so it ends the execution too.
   */
  requireScopes(authMode: unknown, oAuthScopes: unknown): void {
    this._mode('ScriptApp.requireScopes', authMode, oAuthScopes);
    if (oAuthScopes === undefined) throw wrongSignature('ScriptApp.requireScopes', [authMode]);
    this._require(this._scopesArg('ScriptApp.requireScopes', authMode, oAuthScopes));
  }

  /** Like requireScopes, for every scope of the project ("if an execution flow relies on all project scopes"). */
  requireAllScopes(authMode: unknown): void {
    this._mode('ScriptApp.requireAllScopes', authMode, undefined);
    this._require(this._ws.auth.manifestScopes());
  }

  private _require(wanted: readonly string[]): void {
    const run = this._ws.currentExecution();
    if (!run) return;
    const project = this._ws.auth.manifestScopes();
    const missing = [
      ...wanted.filter((s) => !project.includes(s)),
      ...this._ws.auth.missing(
        run,
        wanted.filter((s) => project.includes(s)),
      ),
    ];
    if (missing.length > 0) throw notSufficient('ScriptApp.requireScopes', missing);
  }

  private _mode(method: string, authMode: unknown, scopes: unknown): string {
    const name = AUTH_MODE_NAMES.find((n) => AuthModeEnum[n] === authMode);
    if (!name) throw wrongSignature(method, scopes === undefined ? [authMode] : [authMode, scopes]);
    return name;
  }

  private _scopesArg(method: string, authMode: unknown, scopes: unknown): string[] {
    if (scopes === undefined) return this._ws.auth.manifestScopes();
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) {
      throw wrongSignature(method, [authMode, scopes]);
    }
    return [...new Set(scopes as string[])];
  }
}

// ---------------------------------------------------------------------------------------------------
// The store

export interface TriggerSnapshot {
  uid: string;
  handler: string;
  eventType: EventTypeName;
  source: TriggerSourceName;
  sourceId: string | null;
  owner: string;
  schedule: string | null;
  nextDue: string | null;
}

export class ScriptStore {
  /** Installed triggers in creation order. */
  private readonly triggers: TriggerRecord[] = [];
  private seq = 0;
  private facade: ScriptApp | null = null;

  constructor(readonly ws: Workspace) {}

  globals(): Record<string, unknown> {
    this.facade ??= new ScriptApp(this.ws, this);
    return { ScriptApp: this.facade };
  }

  authModes(): typeof AuthModeEnum {
    return AuthModeEnum;
  }

  eventTypes(): typeof EventTypeEnum {
    return EventTypeEnum;
  }

  weekDays(): typeof WeekDayEnum {
    return WeekDayEnum;
  }

  /** Every installed trigger, whoever owns it (copies). */
  list(): TriggerRecord[] {
    return this.triggers.map((t) => ({ ...t }));
  }

  get(uid: string): TriggerRecord | undefined {
    const t = this.triggers.find((x) => x.uid === uid);
    return t ? { ...t } : undefined;
  }

  snapshot(): TriggerSnapshot[] {
    return this.triggers.map((t) => ({
      uid: t.uid,
      handler: t.handler,
      eventType: t.eventType,
      source: t.source,
      sourceId: t.source === 'CLOCK' ? null : t.sourceId,
      owner: t.owner,
      schedule: t.schedule ? describeSchedule(t.schedule) : null,
      nextDue: t.nextDue === undefined ? null : new Date(t.nextDue).toISOString(),
    }));
  }

  /**
   * Runs every trigger installed for `eventType` on `sourceId` (for CLOCK, every clock trigger), in
   * creation order, each as its own execution as its owner. `makeEvent` builds each run's event object.
   */
  fire(
    eventType: EventTypeName,
    sourceId: string,
    makeEvent: (triggerUid: string) => Record<string, unknown>,
    cause?: string,
  ): ExecutionRecord[] {
    const matching = this.triggers.filter(
      (t) => t.eventType === eventType && (eventType === 'CLOCK' || t.sourceId === sourceId),
    );
    const runs: ExecutionRecord[] = [];
    for (const t of matching) {
      // A handler that ran earlier in this round may have deleted a later trigger.
      if (!this.triggers.includes(t)) continue;
      runs.push(this.run(t, makeEvent(t.uid), cause));
      if (t.schedule?.kind === 'once') this._delete(t.uid);
    }
    return runs;
  }

  /**
   * Fires one trigger now. Clock triggers get the time-driven event; others get `event` (or a minimal
   * `{authMode, triggerUid}`). A one-off clock trigger is gone afterwards.
   */
  fireTrigger(uid: string, event?: Record<string, unknown>): ExecutionRecord {
    const t = this.triggers.find((x) => x.uid === uid);
    if (!t) throw new Error(`No trigger ${uid}`);
    const payload =
      event ??
      (t.eventType === 'CLOCK' ? this.clockEvent(t.uid) : { authMode: AuthModeEnum.FULL, triggerUid: t.uid });
    const run = this.run(t, payload);
    if (t.schedule?.kind === 'once') this._delete(t.uid);
    return run;
  }

  /**
   * Moves the clock to `to`, firing each clock trigger as it falls due, in time order (creation order on a
   * tie), with the clock set to the due time while it runs. Triggers created by a handler take part.
   */
  advanceTo(to: Date | number | string): ExecutionRecord[] {
    const target = typeof to === 'number' ? to : new Date(to).getTime();
    if (Number.isNaN(target)) throw new Error(`advanceTo: not a time: ${String(to)}`);
    if (target < this.ws.clock.now()) throw new Error('advanceTo: time never runs backwards in the emulator');
    const runs: ExecutionRecord[] = [];
    for (;;) {
      let next: TriggerRecord | undefined;
      for (const t of this.triggers) {
        if (t.nextDue === undefined || t.nextDue > target) continue;
        if (!next || t.nextDue < (next.nextDue ?? Infinity)) next = t;
      }
      if (!next || next.nextDue === undefined) break;
      if (next.nextDue > this.ws.clock.now()) this.ws.clock.set(next.nextDue);
      const once = next.schedule?.kind === 'once';
      if (once) next.nextDue = undefined;
      else advanceDue(next);
      runs.push(this.run(next, this.clockEvent(next.uid)));
      if (once) this._delete(next.uid);
    }
    if (target > this.ws.clock.now()) this.ws.clock.set(target);
    return runs;
  }

  /** Apps Script's time-driven event object; its date fields are in UTC, as Apps Script sends them. */
  clockEvent(triggerUid: string): Record<string, unknown> {
    const now = this.ws.clock.now();
    const d = new Date(now);
    return {
      authMode: AuthModeEnum.FULL,
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      'day-of-month': d.getUTCDate(),
      'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
      'week-of-year': isoWeekOfYear(now),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      timezone: 'UTC',
      triggerUid,
    };
  }

  /**
   * Runs a trigger as its installer ("Installable triggers always run under the account of the person who
   * created them", https://developers.google.com/apps-script/guides/triggers/installable#restrictions), with
   * the installer's grants; `cause` is the person whose action fired it, if any (the active user).
   */
  private run(t: TriggerRecord, event: Record<string, unknown>, cause?: string): ExecutionRecord {
    const options = {
      user: t.owner,
      kind: 'trigger' as const,
      triggerUid: t.uid,
      ...(cause ? { activeUser: cause } : {}),
    };
    if (this.ws.hasFunction(t.handler)) return this.ws.runRecorded(t.handler, [event], options);
    // Apps Script records a failed execution when a trigger's function no longer exists.
    const now = this.ws.clock.now();
    const record: ExecutionRecord = {
      id: this.ws.executions.length + 1,
      functionName: t.handler,
      kind: 'trigger',
      triggerUid: t.uid,
      user: t.owner,
      startedAt: now,
      endedAt: now,
      status: 'failed',
      error: `Script function not found: ${t.handler}`,
    };
    this.ws.executions.push(record);
    return record;
  }

  // --- used by the facades -----------------------------------------------------------------------

  _ownedBy(user: string): TriggerRecord[] {
    const u = user.toLowerCase();
    return this.triggers.filter((t) => t.owner.toLowerCase() === u);
  }

  /** Simple triggers run without authorization: ScriptApp's trigger methods refuse them. */
  _requireAuthorization(method: string): void {
    if (this.ws.currentExecution()?.kind === 'simple') throw noPermission(method);
  }

  _install(spec: Pick<TriggerRecord, 'handler' | 'eventType' | 'source' | 'sourceId' | 'schedule'>): Trigger {
    this._requireAuthorization('newTrigger');
    const owner = this.ws.activeUser();
    if (this._ownedBy(owner).length >= MAX_TRIGGERS_PER_USER) throw new Error(TOO_MANY_TRIGGERS);
    this.seq += 1;
    const now = this.ws.clock.now();
    const record: TriggerRecord = {
      // Apps Script's unique ids are long decimal strings.
      uid: String(7_000_000_000 + this.seq * 7919),
      handler: spec.handler,
      eventType: spec.eventType,
      source: spec.source,
      sourceId: spec.sourceId,
      owner,
      createdAt: now,
    };
    if (spec.schedule) {
      record.schedule = spec.schedule;
      firstDue(record, spec.schedule, now);
    }
    this.triggers.push(record);
    return new Trigger(this.ws, { ...record });
  }

  _delete(uid: string): void {
    const i = this.triggers.findIndex((t) => t.uid === uid);
    if (i >= 0) this.triggers.splice(i, 1);
  }
}
