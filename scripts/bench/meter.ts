/**
 * Measures one operation on the emulator: the service calls it made (the workspace's CallLog), the cells
 * its bulk reads and writes moved and its TextFinder searches scanned (for the per-cell part of the cost
 * model), and the Node CPU and wall time it took.
 *
 * The CallLog counts calls but not their size, so the meter wraps the bulk methods of the emulator's Range,
 * Sheet and TextFinder facades once (their prototypes, in this process only) to add up cells while a
 * measurement is running. The facades' behaviour is unchanged.
 */
import { serviceOf } from '../../emulator/core';
import type { Workspace } from '../../emulator/workspace';
import { RangeFacade } from '../../emulator/sheets/range';
import { SheetFacade } from '../../emulator/sheets/sheet';
import { TextFinderFacade } from '../../emulator/sheets/textfinder';
import { SheetsValues } from '../../emulator/sheets-api';
import { cellsInReply, type BatchGetValuesResponse } from '../../emulator/sheets-api-values';
import type { Rect } from '../../emulator/sheets/a1';
import type { SheetState } from '../../emulator/sheets/model';

/** Range methods that move one value per cell of the range. */
const RANGE_BULK_METHODS = [
  'getValues',
  'getDisplayValues',
  'getFormulas',
  'getBackgrounds',
  'getNotes',
  'getNumberFormats',
  'getFontWeights',
  'getDataValidations',
  'setValues',
  'setFormulas',
  'setBackgrounds',
  'setNotes',
  'setNumberFormats',
  'setFontWeights',
  'setDataValidations',
] as const;
const SEARCH_METHODS = ['findNext', 'findAll', 'findPrevious'] as const;

let active: Map<string, number> | null = null;
let installed = false;

function tally(call: string, cells: number): void {
  if (active && cells > 0) active.set(call, (active.get(call) ?? 0) + cells);
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Replaces `proto[name]` with a wrapper that first reports the cells the call touches. */
function wrap(
  proto: object,
  name: string,
  cellsOf: (self: unknown, args: unknown[]) => number,
  call: string,
): void {
  const original = (proto as Record<string, unknown>)[name];
  if (typeof original !== 'function') throw new Error(`meter: no method ${call} to wrap`);
  const method = original as Method;
  Object.defineProperty(proto, name, {
    configurable: true,
    writable: true,
    value: function metered(this: unknown, ...args: unknown[]): unknown {
      tally(call, cellsOf(this, args));
      return method.apply(this, args);
    },
  });
}

function rectCells(rect: Rect): number {
  return rect.numRows * rect.numCols;
}

/** Installs the cell counters (once per process). */
export function installCellMeter(): void {
  if (installed) return;
  installed = true;
  for (const name of RANGE_BULK_METHODS) {
    wrap(RangeFacade.prototype, name, (self) => rectCells((self as { _rect: Rect })._rect), `Range.${name}`);
  }
  wrap(
    SheetFacade.prototype,
    'appendRow',
    (_self, args) => (Array.isArray(args[0]) ? args[0].length : 0),
    'Sheet.appendRow',
  );
  // Sheets.Spreadsheets.Values.batchGet: the cells its reply carries (known only once it answers). An
  // open-ended range covers the whole grid below it, but the API sends back neither trailing empty rows
  // nor trailing empty cells, so what it moves — and what the per-cell figure prices — is the reply.
  const batchGet = (SheetsValues.prototype as unknown as Record<string, Method>).batchGet;
  if (typeof batchGet !== 'function') throw new Error('meter: no method SheetsValues.batchGet to wrap');
  Object.defineProperty(SheetsValues.prototype, 'batchGet', {
    configurable: true,
    writable: true,
    value: function metered(this: unknown, ...args: unknown[]): unknown {
      const reply = batchGet.apply(this, args) as BatchGetValuesResponse;
      tally('SheetsValues.batchGet', cellsInReply(reply));
      return reply;
    },
  });
  for (const name of SEARCH_METHODS) {
    // The part of the searched range that holds content is what the server has to scan.
    wrap(
      TextFinderFacade.prototype,
      name,
      (self) => {
        const finder = self as unknown as { _rect: Rect; _sheet: SheetState };
        const rows = Math.max(
          0,
          Math.min(finder._rect.numRows, finder._sheet.lastRow() - finder._rect.row + 1),
        );
        const cols = Math.max(
          0,
          Math.min(finder._rect.numCols, finder._sheet.lastColumn() - finder._rect.col + 1),
        );
        return rows * cols;
      },
      `TextFinder.${name}`,
    );
  }
}

export interface Measurement<T> {
  result: T;
  /** Calls by `Class.method`. */
  calls: Record<string, number>;
  /** Calls by Apps Script service. */
  byService: Record<string, number>;
  total: number;
  /** Every call in the order it was made (for where the write cache is committed). */
  sequence: string[];
  /** Cells moved (bulk reads/writes, appendRow) or scanned (TextFinder), by `Class.method`. */
  cells: Record<string, number>;
  /** Node CPU time (user + system) the operation took in the emulator, ms. */
  cpuMs: number;
  wallMs: number;
}

/** Calls by Apps Script service, with the CallLog's own class → service mapping (Range → SpreadsheetApp). */
export function byServiceOf(calls: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, n] of Object.entries(calls)) {
    const service = serviceOf(name.split('.')[0] ?? name);
    out[service] = (out[service] ?? 0) + n;
  }
  return out;
}

/** Runs `fn` and measures it. Calls made outside `fn` (set-up, pre-filling) are not part of the figures. */
export function measure<T>(ws: Workspace, fn: () => T): Measurement<T> {
  installCellMeter();
  const cells = new Map<string, number>();
  const previous = active;
  active = cells;
  // The CallLog counts; the order is kept here, for this measurement only.
  const sequence: string[] = [];
  const log = ws.calls;
  const record = log.record.bind(log);
  log.record = (name: string): void => {
    sequence.push(name);
    record(name);
  };
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  try {
    const { result, calls, total } = ws.calls.measure(fn);
    const cpu = process.cpuUsage(cpuBefore);
    return {
      result,
      calls,
      byService: byServiceOf(calls),
      total,
      sequence,
      cells: Object.fromEntries(cells),
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - wallBefore,
    };
  } finally {
    active = previous;
    // Back to the prototype's method.
    delete (log as { record?: unknown }).record;
  }
}
