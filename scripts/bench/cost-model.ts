/**
 * A model of how long an operation would take on Apps Script, from the service calls the emulator counted,
 * the order they came in and the cells they moved. Google does not publish per-call latencies; its
 * best-practice guide only says that calls to other services are far slower than JavaScript and that reads
 * and writes should be batched (https://developers.google.com/apps-script/guides/support/best-practices,
 * "Minimize calls to other services", "Use batch operations").
 *
 * Every figure is a range: low, central and high. Where a public measurement exists it is cited beside the
 * figure it gives (a minimum/average/maximum, or two measurements of the same thing); what has no source is
 * marked `estimate: true`, with the reasoning beside it, and gets a wide range. Every modelled time is
 * reported as central (low–high): the low end adds up every low figure, the high end every high one, so the
 * true time of one run is very unlikely to fall outside it, and a comparison whose verdict holds at both ends
 * does not depend on the figures this project had to guess.
 *
 * The model: a start-up charge per execution that grows with the script's size; a cost per call by class;
 * a cost per cell moved by bulk reads and writes; and a commit of the write cache, charged where Apps Script
 * makes one: at the first read after a write ("every time you do a read, we must first empty (commit) the
 * write cache", Google Apps Script blog 2010, cited below), at flush(), or at the end of an execution that
 * left writes pending. A flush() with nothing pending commits nothing.
 */

/** Quotas page (https://developers.google.com/apps-script/guides/services/quotas): "Script runtime 6 min / execution". */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;
/**
 * Simple triggers (onOpen) "cannot run for longer than 30 seconds" (Apps Script guide "Simple triggers",
 * https://developers.google.com/apps-script/guides/triggers, Restrictions).
 */
export const SIMPLE_TRIGGER_LIMIT_MS = 30 * 1000;
/** Quotas page: "Triggers total runtime: 90 min / day" (consumer) and "6 hr / day" (Google Workspace). */
export const DAILY_TRIGGER_RUNTIME_MS = { consumer: 90 * 60 * 1000, workspace: 6 * 60 * 60 * 1000 };
/** An operation is flagged when its modelled time passes this share of its execution limit. */
export const NEAR_LIMIT_SHARE = 0.5;

export type CostClassId =
  | 'startup'
  | 'sheets.handle'
  | 'sheets.extent'
  | 'sheets.read'
  | 'sheets.write'
  | 'sheets.commit'
  | 'sheets.structure'
  | 'sheets.open'
  | 'sheets.search'
  | 'sheets.flush'
  | 'sheets.api'
  | 'ui.show'
  | 'forms.open'
  | 'forms.get'
  | 'forms.fetch'
  | 'forms.write'
  | 'mail.send'
  | 'mail.quota'
  | 'properties.read'
  | 'properties.write'
  | 'cache.read'
  | 'cache.write'
  | 'lock.acquire'
  | 'lock.release'
  | 'triggers.read'
  | 'triggers.write'
  | 'urlfetch'
  | 'local'
  | 'other';

/** Low, central and high figures, in milliseconds. */
export interface Span {
  low: number;
  central: number;
  high: number;
}

export interface CostClass {
  id: CostClassId;
  what: string;
  /** Modelled milliseconds per call (for 'startup': per execution, before any per-KiB part). */
  perCall: Span;
  /** Modelled milliseconds per cell moved (bulk reads and writes) or scanned (TextFinder); 'startup': per KiB. */
  perCell?: Span;
  /** Central milliseconds per call (perCall.central), kept for readers of the JSON report. */
  perCallMs: number;
  /** Central milliseconds per cell (perCell.central). */
  perCellMs?: number;
  /** Where each figure comes from. */
  source: string;
  /** True when the per-call figures are this project's estimate rather than a published measurement. */
  estimate: boolean;
  /** True when the per-cell figures are this project's estimate. */
  perCellEstimate?: boolean;
}

// Sources, cited once and referred to below.
const TRANSCRIPT =
  'Apps Script execution transcript published at https://pastebin.com/VzZLHRrM (Oct 2016): the first ' +
  'Range.getValues() took 0.175 s; SpreadsheetApp.getActiveSpreadsheet(), Sheet.getRange(), getActiveSheet() ' +
  'and the later (cached) getValues() calls each show "[0 seconds]"';
const SCRIPTDB_VS_SHEETS =
  'Stack Overflow answer "What is faster: ScriptDb or SpreadsheetApp?" (mirrored at ' +
  'https://ruby-bash.developreference.com/article/29263774/What+is+faster+ScriptDb+or+SpreadsheetApp): one ' +
  'setValues() of 4,000 cells took under 50 ms; cell by cell was "two orders of magnitude" slower ' +
  '(about 5 s for 4,000 setValue calls, i.e. about 1.25 ms per cached write call); adding one flush() raised the ' +
  '4,000-cell write from under 50 ms to 610 ms; a flush() after each of 400 ten-cell rows took almost 12 s ' +
  'against 164 ms without (about 30 ms per one-row commit)';
const BUGBUGNOW =
  'bugbugnow.net, "GoogleAppsScriptのスプレッドシート処理を高速化する" (2019), ' +
  'https://www.bugbugnow.net/2019/03/GoogleAppsScript-speed-up.html: a loop calling getLastRow() on every ' +
  'pass over 1,000 rows took 160 s (about 160 ms a call); getRange(i, 1).getValue() for 1,000 rows took ' +
  '3.06 s (about 3 ms a read once the look-ahead cache holds the rows); 1,000 Logger.log calls took under 0.78 s';
const QIITA_120K =
  'shi-suzuki, Qiita, https://qiita.com/shi-suzuki/items/d23c6c7e4a0bbe2831af: getValues() of 120,000 rows × ' +
  '2 columns of plain text took 7.38 s (about 31 µs a cell), the Sheets API 6.03 s (25 µs a cell); the ' +
  "author's earlier measurement on a sheet with formulas and formatting took 24 s (100 µs a cell)";
const PERALTA =
  'Luis Peralta, "Google Apps Script APIs performance", https://ziritione.org/post/apps_script_performance ' +
  '(100 runs each: min / average / max ms)';
const OUTBOX =
  'Small Outbox add-on FAQ, https://sites.google.com/quickfixters.com/add-onsuniverse/faq: "An email with ' +
  'total size of 100KB will take about 1.2 seconds to send"';
const TANAIKE_10M =
  'Kanshi Tanaike, "Handling 10,000,000 cells in Google Spreadsheet using Google Apps Script", ' +
  'https://gist.github.com/tanaikech/cc4380692790150cc090114553e38a0e: reading the max row and column of a ' +
  '10,000,000-cell sheet took 0.3 s on average';
const BLOG_2010 =
  'Google Apps Script blog, "Optimizing Spreadsheet Operations" (June 2010), ' +
  'http://googleappsscript.blogspot.com/2010/06/optimizing-spreadsheet-operations.html: look-ahead read ' +
  'caching and write caching; every read first commits the write cache';

function span(low: number, central: number, high: number): Span {
  return { low, central, high };
}

type ClassSpec = Omit<CostClass, 'id' | 'perCallMs' | 'perCellMs'>;

function costClass(id: CostClassId, spec: ClassSpec): CostClass {
  return {
    id,
    ...spec,
    perCallMs: spec.perCall.central,
    ...(spec.perCell ? { perCellMs: spec.perCell.central } : {}),
  };
}

const SPECS: Record<CostClassId, ClassSpec> = {
  startup: {
    what: 'starting an execution: loading and compiling the script project (per execution, plus per KiB of script)',
    perCall: span(50, 200, 1000),
    perCell: span(0.1, 0.5, 2),
    source:
      'Estimate: Google publishes no start-up time and no public measurement separates it from the first ' +
      'call. Per execution: a server picking up the job and the runtime starting, 50 ms to 1 s. Per KiB: ' +
      'fetching and compiling the source; V8 itself compiles far faster than 0.1 ms/KiB, the range allows for ' +
      'storage and sandboxing. Both sides of a comparison pay the per-execution part; the per-KiB part is what ' +
      'a bigger bundle costs',
    estimate: true,
    perCellEstimate: true,
  },
  'sheets.handle': {
    what: 'getting a spreadsheet/sheet/range object or a property the runtime already holds; builder steps',
    perCall: span(0, 1, 5),
    source: `${TRANSCRIPT}. Estimate: 1 ms for "[0 seconds]", up to 5 ms`,
    estimate: true,
  },
  'sheets.extent': {
    what: 'getLastRow/getLastColumn/getMaxRows/getMaxColumns/getDataRange (the server must know the extent)',
    perCall: span(50, 160, 300),
    source: `Central: ${BUGBUGNOW}. High: ${TANAIKE_10M}. Low: estimate (a small sheet, a warm server)`,
    estimate: false,
  },
  'sheets.read': {
    what: 'reading values or formats (getValues, getValue, getBackgrounds…); the cells are charged apart',
    perCall: span(3, 175, 400),
    perCell: span(0.01, 0.031, 0.1),
    source:
      `Per call: low ${BUGBUGNOW} (a read the look-ahead cache answers); central ${TRANSCRIPT} (an uncached ` +
      `read); high an estimate. Per cell: central and high ${QIITA_120K}; low an estimate (the write rate of ` +
      `${SCRIPTDB_VS_SHEETS})`,
    estimate: false,
    perCellEstimate: false,
  },
  'sheets.write': {
    what: 'writing values or formats (setValues, setValue, appendRow, setBackground…), held in the write cache',
    perCall: span(0.5, 1.25, 5),
    perCell: span(0.005, 0.0125, 0.05),
    source:
      `Central: ${SCRIPTDB_VS_SHEETS} (1.25 ms a cached call; 4,000 cells in under 50 ms). Low and high: ` +
      `estimates around it. Write caching: ${BLOG_2010}`,
    estimate: false,
    perCellEstimate: false,
  },
  'sheets.commit': {
    what: 'committing the write cache: at the first read after a write, at flush(), or at the end of the run',
    perCall: span(30, 100, 800),
    source:
      `Low: ${SCRIPTDB_VS_SHEETS} (about 30 ms a one-row commit). High: estimate above the 560 ms that one ` +
      'commit of 4,000 cells added there, for a sheet with rules and protections. Central: estimate between',
    estimate: true,
  },
  'sheets.flush': {
    what: 'SpreadsheetApp.flush() itself; the commit it causes, if anything is pending, is charged as sheets.commit',
    perCall: span(0, 1, 30),
    source: 'Estimate: with nothing pending there is nothing to send',
    estimate: true,
  },
  'sheets.structure': {
    what: 'changing the grid or its rules (insertSheet, insertRows, protect, removeEditors, conditional formats, charts)',
    perCall: span(30, 100, 500),
    source:
      'Estimate: server-side structural edits, slower than a cached value write, cheaper than opening a file',
    estimate: true,
  },
  'sheets.open': {
    what: 'opening or creating another spreadsheet (SpreadsheetApp.openById, create)',
    perCall: span(200, 400, 1500),
    source: 'Estimate: a Drive lookup and a document load, a few times an uncached read',
    estimate: true,
  },
  'sheets.search': {
    what: 'TextFinder.findNext/findAll, developer-metadata find: one round trip; the server scans the range',
    perCall: span(20, 175, 400),
    perCell: span(0.0001, 0.0005, 0.003),
    source:
      `Per call: as an uncached read (${TRANSCRIPT}). Per cell scanned: estimate, 1/60 of moving a cell ` +
      '(the scan runs beside the data and returns only the match), up to 1/10',
    estimate: true,
    perCellEstimate: true,
  },
  // A batchUpdate is charged per call only. Its requests (formats, widths, dropdowns, colour rules,
  // protections) are applied over ranges on the server: no cell value travels through the script, so the
  // per-cell cost (moving values) does not apply; the only cells it could carry are values, and no request
  // kind that carries values is emulated. It is no SpreadsheetApp write either: it never fills the write cache
  // (the product flushes SpreadsheetApp first, and that flush's commit is charged as sheets.commit).
  'sheets.api': {
    what: 'the Sheets advanced service (Sheets.Spreadsheets.Values.batchGet, batchUpdate…): one HTTP round trip',
    perCall: span(100, 300, 1000),
    perCell: span(0.01, 0.025, 0.1),
    source: `Per cell: central ${QIITA_120K}. Per call: estimate (an authenticated REST call)`,
    estimate: true,
    perCellEstimate: false,
  },
  'ui.show': {
    what: 'showing something in the editor (Menu.addToUi, Ui.alert); time a person takes to answer is not counted',
    perCall: span(20, 50, 300),
    source: 'Estimate: one round trip to the open editor',
    estimate: true,
  },
  'forms.open': {
    what: 'opening or creating a form (FormApp.openById, FormApp.create)',
    perCall: span(200, 500, 1500),
    source: 'Estimate: a Drive lookup and a form load',
    estimate: true,
  },
  'forms.get': {
    what: 'reading a property of a form object already loaded (Item.getId, ItemResponse.getResponse…)',
    perCall: span(0, 1, 5),
    source: 'Estimate: as sheets.handle',
    estimate: true,
  },
  'forms.fetch': {
    what: 'fetching form content (getItems, getResponses, getItemResponses, getResponse)',
    perCall: span(5, 20, 150),
    source: 'Estimate: a small read from the Forms backend',
    estimate: true,
  },
  'forms.write': {
    what: 'editing the form (add*Item, setTitle, setChoices, setHelpText…)',
    perCall: span(30, 100, 500),
    source: 'Estimate: each edit is saved to the form at once (Forms has no write cache in Apps Script)',
    estimate: true,
  },
  'mail.send': {
    what: 'MailApp.sendEmail',
    perCall: span(300, 1200, 2500),
    source: `Central: ${OUTBOX}. Low and high: estimates (a short alert is smaller than 100 KB; a busy day)`,
    estimate: false,
  },
  'mail.quota': {
    what: 'MailApp.getRemainingDailyQuota',
    perCall: span(20, 30, 84),
    source: `Estimate: as a property read (${PERALTA})`,
    estimate: true,
  },
  'properties.read': {
    what: 'PropertiesService reads (getProperty, getProperties, getKeys)',
    perCall: span(20, 30, 84),
    source: `${PERALTA}: getScriptProperties().getProperty 20 / 30 / 84 ms`,
    estimate: false,
  },
  'properties.write': {
    what: 'PropertiesService writes (setProperty, setProperties, deleteProperty)',
    perCall: span(43, 62, 231),
    source: `${PERALTA}: getScriptProperties().setProperty 43 / 62 / 231 ms`,
    estimate: false,
  },
  'cache.read': {
    what: 'CacheService get/getAll',
    perCall: span(3, 3, 7),
    source: `${PERALTA}: getScriptCache().get 3 / 3 / 7 ms`,
    estimate: false,
  },
  'cache.write': {
    what: 'CacheService put/putAll/remove',
    perCall: span(73, 93, 281),
    source: `${PERALTA}: getScriptCache().put 73 / 93 / 281 ms`,
    estimate: false,
  },
  'lock.acquire': {
    what: 'Lock.waitLock/tryLock when nobody holds the lock',
    perCall: span(20, 50, 300),
    source: 'Estimate: one round trip to the lock service, about a property write',
    estimate: true,
  },
  'lock.release': {
    what: 'Lock.releaseLock',
    perCall: span(10, 30, 100),
    source: 'Estimate: as a property read',
    estimate: true,
  },
  'triggers.read': {
    what: 'ScriptApp.getProjectTriggers',
    perCall: span(30, 100, 300),
    source: 'Estimate',
    estimate: true,
  },
  'triggers.write': {
    what: 'creating or deleting a trigger',
    perCall: span(100, 300, 1000),
    source: 'Estimate',
    estimate: true,
  },
  urlfetch: {
    what: 'UrlFetchApp.fetch/fetchAll: an HTTP round trip from Google to the address',
    perCall: span(50, 300, 2000),
    source: 'Estimate: depends on the far end; nothing in this product calls it today',
    estimate: true,
  },
  local: {
    what: 'Session, Utilities, Logger and ScriptApp lookups answered inside the runtime',
    perCall: span(0, 1, 2),
    source: `${BUGBUGNOW} (Logger.log under 0.78 ms). Others: estimate, no data leaves the runtime`,
    estimate: true,
  },
  other: {
    what: 'any call the table does not classify (listed in the output so it can be added)',
    perCall: span(5, 20, 200),
    source: 'Estimate: a small service round trip',
    estimate: true,
  },
};

export const COST_CLASSES: Record<CostClassId, CostClass> = Object.fromEntries(
  Object.entries(SPECS).map(([id, spec]) => [id, costClass(id as CostClassId, spec)]),
) as Record<CostClassId, CostClass>;

// ---- Classification -----------------------------------------------------------------------------------

const SHEETS_CLASSES = new Set([
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'RangeList',
  'TextFinder',
  'Protection',
  'EmbeddedChart',
  'DataValidation',
  'ConditionalFormatRule',
  'User',
]);
/** Built locally, sent only with the call that uses them. */
const BUILDER_CLASSES = new Set([
  'DataValidationBuilder',
  'ConditionalFormatRuleBuilder',
  'EmbeddedChartBuilder',
  'BooleanCondition',
  'ChartOptions',
  'ContainerInfo',
  'Charts',
  'Menu',
  'PromptResponse',
  'TriggerBuilder',
  'FormTriggerBuilder',
  'SpreadsheetTriggerBuilder',
  'ClockTriggerBuilder',
  'CheckboxValidationBuilder',
  'TextValidationBuilder',
  'ParagraphTextValidationBuilder',
]);

const SHEET_READS = new Set([
  'getValue',
  'getValues',
  'getDisplayValue',
  'getDisplayValues',
  'getFormula',
  'getFormulas',
  'getBackground',
  'getBackgrounds',
  'getNote',
  'getNotes',
  'getNumberFormat',
  'getNumberFormats',
  'getFontWeight',
  'getFontWeights',
  'getFontColor',
  'getFontSize',
  'getFontStyle',
  'getWrap',
  'getWrapStrategy',
  'getHorizontalAlignment',
  'getVerticalAlignment',
  'getDataValidation',
  'getDataValidations',
  'getConditionalFormatRules',
  'getProtections',
  'getCharts',
  'getEditors',
  'getSheetValues',
  'getColumnWidth',
  'isBlank',
]);
const SHEET_EXTENT = new Set(['getLastRow', 'getLastColumn', 'getMaxRows', 'getMaxColumns', 'getDataRange']);
const SHEET_STRUCTURE = new Set([
  'insertSheet',
  'deleteSheet',
  'duplicateActiveSheet',
  'insertRows',
  'insertRowsAfter',
  'insertRowsBefore',
  'insertRowAfter',
  'insertRowBefore',
  'insertColumns',
  'insertColumnsAfter',
  'insertColumnsBefore',
  'insertColumnAfter',
  'insertColumnBefore',
  'deleteRows',
  'deleteRow',
  'deleteColumns',
  'deleteColumn',
  'protect',
  'remove',
  'removeEditor',
  'removeEditors',
  'addEditor',
  'addEditors',
  'setDomainEdit',
  'setWarningOnly',
  'setUnprotectedRanges',
  'setConditionalFormatRules',
  'clearConditionalFormatRules',
  'insertChart',
  'updateChart',
  'removeChart',
  'hideSheet',
  'showSheet',
  'setName',
  'moveActiveSheet',
  'addViewer',
  'addViewers',
]);
const SHEET_SEARCH = new Set(['findNext', 'findAll', 'findPrevious']);
const WRITE_PREFIX = /^(set|append|clear|insert|add|remove|hide|show|auto|activate|copy|merge|sort)/;

const FORM_OPEN = new Set(['openById', 'openByUrl', 'create', 'getActiveForm']);
const FORM_FETCH = new Set([
  'getItems',
  'getResponses',
  'getResponse',
  'getItemResponses',
  'getItemById',
  'getPublishedUrl',
  'getEditUrl',
]);
const FORM_WRITE_PREFIX = /^(add|set|create|delete|move|remove|submit|duplicate|clear|show|require)/;

/** The cost class of one counted call, e.g. `Range.getValues` → sheets.read. */
export function classify(call: string): CostClassId {
  const [cls = '', method = ''] = call.split('.');
  if (BUILDER_CLASSES.has(cls)) {
    if (cls === 'Menu' && method === 'addToUi') return 'ui.show';
    if (method === 'create' && cls.endsWith('TriggerBuilder')) return 'triggers.write';
    return 'sheets.handle';
  }
  // Developer metadata: the finder is built locally and searched in one round trip; the entries it returns
  // carry their key, value and location.
  if (cls === 'DeveloperMetadataFinder') return method === 'find' ? 'sheets.search' : 'sheets.handle';
  if (cls === 'DeveloperMetadata' || cls === 'DeveloperMetadataLocation')
    return /^(set|remove|move)/.test(method) ? 'sheets.write' : 'sheets.handle';
  if (method === 'createDeveloperMetadataFinder') return 'sheets.handle';
  // Asking which permissions were granted: answered by the runtime.
  if (cls === 'AuthorizationInfo') return 'local';
  if (cls === 'Ui')
    return ['alert', 'prompt', 'showModalDialog', 'showModelessDialog', 'showSidebar'].includes(method)
      ? 'ui.show'
      : 'sheets.handle';
  // The Sheets advanced service (emulator/sheets-api.ts): every method is one REST round trip.
  if (cls === 'SheetsSpreadsheets' || cls === 'SheetsValues') return 'sheets.api';
  if (SHEETS_CLASSES.has(cls)) {
    if (method === 'flush') return 'sheets.flush';
    if (cls === 'SpreadsheetApp' && ['openById', 'openByUrl', 'open', 'create'].includes(method))
      return 'sheets.open';
    if (SHEET_SEARCH.has(method)) return 'sheets.search';
    if (SHEET_EXTENT.has(method)) return 'sheets.extent';
    if (SHEET_READS.has(method)) return 'sheets.read';
    if (SHEET_STRUCTURE.has(method)) return 'sheets.structure';
    if (cls === 'SpreadsheetApp' || cls === 'User') return 'sheets.handle';
    if (WRITE_PREFIX.test(method) && !(cls === 'TextFinder')) return 'sheets.write';
    return 'sheets.handle';
  }
  switch (cls) {
    case 'FormApp':
      return FORM_OPEN.has(method) ? 'forms.open' : 'forms.get';
    case 'Form':
    case 'FormResponse':
      if (FORM_FETCH.has(method)) return 'forms.fetch';
      return FORM_WRITE_PREFIX.test(method) ? 'forms.write' : 'forms.get';
    case 'MailApp':
      return method === 'sendEmail' ? 'mail.send' : 'mail.quota';
    case 'PropertiesService':
      return 'local';
    case 'Properties':
      return /^(set|delete)/.test(method) ? 'properties.write' : 'properties.read';
    case 'CacheService':
      return 'local';
    case 'Cache':
      return /^(put|remove)/.test(method) ? 'cache.write' : 'cache.read';
    case 'LockService':
      return 'local';
    case 'Lock':
      if (method === 'waitLock' || method === 'tryLock') return 'lock.acquire';
      return method === 'releaseLock' ? 'lock.release' : 'local';
    case 'ScriptApp':
      if (method === 'getProjectTriggers' || method === 'getUserTriggers') return 'triggers.read';
      return method === 'deleteTrigger' ? 'triggers.write' : 'local';
    case 'UrlFetchApp':
      return 'urlfetch';
    case 'Trigger':
    case 'Session':
    case 'Utilities':
    case 'Logger':
    case 'console':
      return 'local';
  }
  // Form items (CheckboxItem, ItemResponse, Choice…): edits are form writes, getters are local reads.
  // createChoice only builds a value for setChoices, which is the call that saves.
  if (cls.endsWith('Item') || cls === 'ItemResponse' || cls === 'Choice') {
    if (method === 'createChoice') return 'forms.get';
    return FORM_WRITE_PREFIX.test(method) ? 'forms.write' : 'forms.get';
  }
  return 'other';
}

// ---- Modelled time ------------------------------------------------------------------------------------

export interface ModelledTime {
  /** Central modelled milliseconds. */
  totalMs: number;
  /** Every figure at its low end, and at its high end. */
  lowMs: number;
  highMs: number;
  /** Central milliseconds by cost class (only the classes used). */
  byClass: Partial<Record<CostClassId, number>>;
  /** Calls the table had to put in 'other' (to be classified). */
  unclassified: string[];
  /** Commits of the write cache charged (at a read after a write, a flush with writes pending, or the end). */
  commits: number;
  /** True when writes were still pending at the end, so the end of the execution committed them. */
  implicitFlush: boolean;
}

export interface ModelOptions {
  /** The calls in the order they were made; without it, every write is taken to be committed once, at the end. */
  sequence?: readonly string[];
  /** The script's size: when given, the execution's start-up is charged (per execution and per KiB). */
  scriptKiB?: number;
}

/** Classes whose call makes Apps Script commit the write cache first (a read of the sheet, or a flush). */
const COMMITTING: ReadonlySet<CostClassId> = new Set([
  'sheets.read',
  'sheets.extent',
  'sheets.search',
  'sheets.flush',
]);
const WRITING: ReadonlySet<CostClassId> = new Set(['sheets.write', 'sheets.structure']);

/** How many commits the calls cause, and whether writes were left for the end of the execution. */
function commitsOf(
  calls: Record<string, number>,
  sequence: readonly string[] | undefined,
): { commits: number; atEnd: boolean } {
  if (!sequence) {
    const wrote = Object.keys(calls).some((c) => WRITING.has(classify(c)));
    return { commits: wrote ? 1 : 0, atEnd: wrote };
  }
  let commits = 0;
  let pending = false;
  for (const call of sequence) {
    const id = classify(call);
    if (WRITING.has(id)) pending = true;
    else if (pending && COMMITTING.has(id)) {
      commits += 1;
      pending = false;
    }
  }
  return { commits: commits + (pending ? 1 : 0), atEnd: pending };
}

/**
 * Modelled Apps Script time for `calls` (counts by `Class.method`) and `cells` (cells moved or scanned, by
 * `Class.method`), as central (low–high). See the file's head for what is charged.
 */
export function modelTime(
  calls: Record<string, number>,
  cells: Record<string, number> = {},
  options: ModelOptions = {},
): ModelledTime {
  const byClass: Partial<Record<CostClassId, number>> = {};
  const unclassified: string[] = [];
  let lowMs = 0;
  let highMs = 0;
  const add = (id: CostClassId, unit: Span, n: number): void => {
    byClass[id] = (byClass[id] ?? 0) + unit.central * n;
    lowMs += unit.low * n;
    highMs += unit.high * n;
  };
  if (options.scriptKiB !== undefined) {
    const startup = COST_CLASSES.startup;
    add('startup', startup.perCall, 1);
    if (startup.perCell) add('startup', startup.perCell, options.scriptKiB);
  }
  for (const [call, count] of Object.entries(calls)) {
    const id = classify(call);
    add(id, COST_CLASSES[id].perCall, count);
    if (id === 'other') unclassified.push(call);
  }
  for (const [call, n] of Object.entries(cells)) {
    const id = classify(call);
    const perCell = COST_CLASSES[id].perCell;
    if (perCell !== undefined) add(id, perCell, n);
  }
  const { commits, atEnd } = commitsOf(calls, options.sequence);
  if (commits > 0) add('sheets.commit', COST_CLASSES['sheets.commit'].perCall, commits);
  const totalMs = Object.values(byClass).reduce((sum, ms) => sum + ms, 0);
  return { totalMs, lowMs, highMs, byClass, unclassified, commits, implicitFlush: atEnd };
}

/**
 * Modelled time between taking the script lock and releasing it (the first Lock.waitLock/tryLock to the
 * releaseLock after it, both included): how long every other run that needs the lock may be kept waiting.
 * Charged per call and for the commits inside the window; cells are not attributed to the window (the
 * meter counts them per method, not per call), which leaves out little on the submit path. Null when the
 * sequence takes no lock.
 */
export function lockHeldTime(sequence: readonly string[]): ModelledTime | null {
  const start = sequence.findIndex((c) => c === 'Lock.waitLock' || c === 'Lock.tryLock');
  if (start < 0) return null;
  const end = sequence.indexOf('Lock.releaseLock', start);
  const window = sequence.slice(start, end < 0 ? sequence.length : end + 1);
  const calls: Record<string, number> = {};
  for (const call of window) calls[call] = (calls[call] ?? 0) + 1;
  return modelTime(calls, {}, { sequence: window });
}

/** Share of the limit the modelled time takes, and whether that is near it (over NEAR_LIMIT_SHARE). */
export function limitCheck(
  totalMs: number,
  limitMs: number = EXECUTION_LIMIT_MS,
): { share: number; nearLimit: boolean } {
  const share = totalMs / limitMs;
  return { share, nearLimit: share > NEAR_LIMIT_SHARE };
}
