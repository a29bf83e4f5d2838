/**
 * The emulated logs: the `Logger` service and the `console` object. Both write to one record of
 * entries — level, message, time and execution — so tests can assert what reached the logs (and
 * that no pupil's name ever does).
 *
 * `Logger` is an Apps Script service, so its calls are counted; `console` is plain JavaScript and is
 * not.
 */
import { format as nodeFormat } from 'node:util';
import { Emulated, isDate, type Counted } from './core';
import { formatJavaDate, signatureError } from './utilities';
import type { Clock, ExecutionRecord } from './workspace';

export type LogLevel = 'debug' | 'log' | 'info' | 'warn' | 'error';

export interface LogEntry {
  /** Which API wrote it. */
  source: 'Logger' | 'console';
  /** `Logger.log` writes at info level; console methods at their own. */
  level: LogLevel;
  message: string;
  /** Simulated time, ISO 8601. */
  at: string;
  /** The execution that wrote it, or null outside any execution. */
  executionId: number | null;
}

/** What the logs need from the workspace. */
export interface LogHost extends Counted {
  readonly clock: Pick<Clock, 'now'>;
  readonly timeZone: string;
  currentExecution(): Pick<ExecutionRecord, 'id'> | undefined;
}

/** The plain-JavaScript console the script sees. */
export interface ScriptConsole {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}

/** How Logger shows a Date: Java's Date.toString, in the script's time zone. */
const JAVA_DATE_TO_STRING = 'EEE MMM dd HH:mm:ss z yyyy';
/** The timestamp before each line of Logger.getLog(), as Apps Script prints it. */
const GET_LOG_STAMP = 'yy-MM-dd HH:mm:ss:SSS z';

/**
 * A value as Logger prints it: objects the way a Java map prints ({key=value, other=[1, 2]}), as the
 * Apps Script reference shows for `Logger.log({key: 'value'})`.
 */
function loggerText(value: unknown, timeZone: string, seen: Set<unknown> = new Set()): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return String(value);
  if (typeof value !== 'object') return String(value);
  if (isDate(value)) return formatJavaDate(value.getTime(), timeZone, JAVA_DATE_TO_STRING);
  if (seen.has(value)) return '(cycle)';
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((v) => loggerText(v, timeZone, seen)).join(', ')}]`;
    const fields = Object.entries(value).map(([k, v]) => `${k}=${loggerText(v, timeZone, seen)}`);
    return `{${fields.join(', ')}}`;
  } finally {
    seen.delete(value);
  }
}

/** Logger.log(data): an object with a `message` property logs that message (Apps Script reference). */
function loggerMessage(data: unknown, timeZone: string): string {
  if (
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    !isDate(data) &&
    'message' in data
  ) {
    return loggerText((data as { message: unknown }).message, timeZone);
  }
  return loggerText(data, timeZone);
}

export class LogStore {
  private readonly log: LogEntry[] = [];
  /** Per execution (null: outside any), the index in `log` where Logger.getLog() starts after a clear(). */
  private readonly loggerClearedAt = new Map<number | null, number>();
  private readonly loggerFacade: Logger;
  private readonly scriptConsole: ScriptConsole;

  constructor(readonly ws: LogHost) {
    this.loggerFacade = new Logger(ws, this);
    const write =
      (level: LogLevel) =>
      (...args: unknown[]): void => {
        this._write('console', level, nodeFormat(...args));
      };
    this.scriptConsole = {
      log: write('log'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      debug: write('debug'),
    };
  }

  globals(): Record<string, unknown> {
    return { Logger: this.loggerFacade, console: this.scriptConsole };
  }

  /** Every entry written, oldest first (copies). */
  entries(): LogEntry[] {
    return this.log.map((e) => ({ ...e }));
  }

  snapshot(): LogEntry[] {
    return this.entries();
  }

  _write(source: LogEntry['source'], level: LogLevel, message: string): void {
    this.log.push({
      source,
      level,
      message,
      at: new Date(this.ws.clock.now()).toISOString(),
      executionId: this.executionId(),
    });
  }

  /** Logger.getLog(): this execution's Logger lines since its last Logger.clear(). */
  _loggerText(): string {
    const executionId = this.executionId();
    const from = this.loggerClearedAt.get(executionId) ?? 0;
    let text = '';
    for (const entry of this.log.slice(from)) {
      if (entry.source !== 'Logger' || entry.executionId !== executionId) continue;
      const stamp = formatJavaDate(Date.parse(entry.at), this.ws.timeZone, GET_LOG_STAMP);
      text += `[${stamp}] ${entry.message}\n`;
    }
    return text;
  }

  /** Logger.clear(): empties what getLog returns; what was written stays in the record (as in Cloud Logging). */
  _clearLogger(): void {
    this.loggerClearedAt.set(this.executionId(), this.log.length);
  }

  _timeZone(): string {
    return this.ws.timeZone;
  }

  private executionId(): number | null {
    return this.ws.currentExecution()?.id ?? null;
  }
}

/** The `Logger` global. */
export class Logger extends Emulated implements GoogleAppsScript.Base.Logger {
  constructor(
    ctx: Counted,
    private readonly _store: LogStore,
  ) {
    super(ctx, 'Logger');
  }

  /**
   * log(data) or log(format, ...values): each %s in the format takes the next value, converted to text
   * as Logger prints values.
   */
  log(...args: unknown[]): this {
    if (args.length === 0) throw signatureError('Logger.log', args);
    const timeZone = this._store._timeZone();
    const [first, ...values] = args;
    let message: string;
    if (values.length === 0) {
      message = loggerMessage(first, timeZone);
    } else {
      let next = 0;
      message = loggerText(first, timeZone).replace(/%s/g, (placeholder) =>
        next < values.length ? loggerText(values[next++], timeZone) : placeholder,
      );
    }
    this._store._write('Logger', 'info', message);
    return this;
  }

  getLog(): string {
    return this._store._loggerText();
  }

  clear(): void {
    this._store._clearLogger();
  }
}
