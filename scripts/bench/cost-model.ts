/**
 * A model of how long an operation would take on Apps Script, from the service calls the emulator counted
 * and the cells they moved. Google does not publish per-call latencies; its best-practice guide only says
 * that calls to other services are far slower than JavaScript and that reads and writes should be batched
 * (https://developers.google.com/apps-script/guides/support/best-practices, "Minimize calls to other
 * services", "Use batch operations"). The figures below come from public measurements where there are any,
 * each cited where it is used; a figure marked `estimate: true` is this project's own estimate, with the
 * reasoning beside it. The model is deliberately simple (a cost per call by class, plus a cost per cell
 * moved by bulk reads and writes) and errs on the slow side: it is for comparing designs and spotting
 * anything near the execution-time limit, not for predicting a run to the millisecond.
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
  | 'sheets.handle'
  | 'sheets.extent'
  | 'sheets.read'
  | 'sheets.write'
  | 'sheets.structure'
  | 'sheets.open'
  | 'sheets.search'
  | 'sheets.flush'
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
  | 'local'
  | 'other';

export interface CostClass {
  id: CostClassId;
  what: string;
  /** Modelled milliseconds per call. */
  perCallMs: number;
  /** Modelled milliseconds per cell moved (bulk reads and writes) or scanned (TextFinder). */
  perCellMs?: number;
  /** Where the figure comes from. */
  source: string;
  /** True when the per-call figure is this project's estimate rather than a published measurement. */
  estimate: boolean;
  /** True when the per-cell figure is this project's estimate. */
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
  '(about 5 s for 4,000 setValue calls, i.e. about 1.25 ms per cached write call); adding flush() raised the ' +
  '4,000-cell write from under 50 ms to 610 ms';
const PERALTA =
  'Luis Peralta, "Google Apps Script APIs performance", https://ziritione.org/post/apps_script_performance ' +
  '(100 runs each, average ms)';
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

export const COST_CLASSES: Record<CostClassId, CostClass> = {
  'sheets.handle': {
    id: 'sheets.handle',
    what: 'getting a spreadsheet/sheet/range object or a property the runtime already holds; builder steps',
    perCallMs: 1,
    source: `${TRANSCRIPT}. 1 ms is a ceiling for "[0 seconds]"`,
    estimate: true,
  },
  'sheets.extent': {
    id: 'sheets.extent',
    what: 'getLastRow/getLastColumn/getMaxRows/getMaxColumns/getDataRange (the server must know the extent)',
    perCallMs: 50,
    source: `Estimate below ${TANAIKE_10M} (registers here are under 2,000,000 cells)`,
    estimate: true,
  },
  'sheets.read': {
    id: 'sheets.read',
    what: 'reading values or formats (getValues, getValue, getBackgrounds…)',
    perCallMs: 175,
    perCellMs: 0.01,
    source:
      `Per call: ${TRANSCRIPT} (175 ms is the uncached first read; cached reads are faster, so this errs slow). ` +
      `Per cell: estimate of 10 µs a cell, the order of the write rate measured in ${SCRIPTDB_VS_SHEETS}`,
    estimate: false,
    perCellEstimate: true,
  },
  'sheets.write': {
    id: 'sheets.write',
    what: 'writing values or formats (setValues, setValue, appendRow, setBackground…), held in the write cache',
    perCallMs: 1.25,
    perCellMs: 0.01,
    source: `${SCRIPTDB_VS_SHEETS}. Write caching: ${BLOG_2010}`,
    estimate: false,
    perCellEstimate: false,
  },
  'sheets.structure': {
    id: 'sheets.structure',
    what: 'changing the grid or its rules (insertSheet, insertRows, protect, removeEditors, conditional formats, charts)',
    perCallMs: 100,
    source:
      'Estimate: server-side structural edits, slower than a cached value write, cheaper than opening a file',
    estimate: true,
  },
  'sheets.open': {
    id: 'sheets.open',
    what: 'opening or creating another spreadsheet (SpreadsheetApp.openById, create)',
    perCallMs: 400,
    source: 'Estimate: a Drive lookup and a document load, a few times an uncached read',
    estimate: true,
  },
  'sheets.search': {
    id: 'sheets.search',
    what: 'TextFinder.findNext/findAll: one round trip; the server scans the range',
    perCallMs: 175,
    perCellMs: 0.0005,
    source:
      `Per call: as an uncached read (${TRANSCRIPT}). Per cell scanned: estimate, 1/20 of moving a cell, since ` +
      'the scan runs beside the data and returns only the match',
    estimate: true,
    perCellEstimate: true,
  },
  'sheets.flush': {
    id: 'sheets.flush',
    what: 'committing the write cache (SpreadsheetApp.flush, or the end of an execution that wrote)',
    perCallMs: 560,
    source: `${SCRIPTDB_VS_SHEETS}: flush added about 560 ms`,
    estimate: false,
  },
  'ui.show': {
    id: 'ui.show',
    what: 'showing something in the editor (Menu.addToUi, Ui.alert); time a person takes to answer is not counted',
    perCallMs: 50,
    source: 'Estimate: one round trip to the open editor',
    estimate: true,
  },
  'forms.open': {
    id: 'forms.open',
    what: 'opening or creating a form (FormApp.openById, FormApp.create)',
    perCallMs: 500,
    source: 'Estimate: a Drive lookup and a form load',
    estimate: true,
  },
  'forms.get': {
    id: 'forms.get',
    what: 'reading a property of a form object already loaded (Item.getId, ItemResponse.getResponse…)',
    perCallMs: 1,
    source: 'Estimate: as sheets.handle',
    estimate: true,
  },
  'forms.fetch': {
    id: 'forms.fetch',
    what: 'fetching form content (getItems, getResponses, getItemResponses, getResponse)',
    perCallMs: 20,
    source: 'Estimate: a small read from the Forms backend',
    estimate: true,
  },
  'forms.write': {
    id: 'forms.write',
    what: 'editing the form (add*Item, setTitle, setChoices, setHelpText…)',
    perCallMs: 100,
    source: 'Estimate: each edit is saved to the form at once (Forms has no write cache in Apps Script)',
    estimate: true,
  },
  'mail.send': {
    id: 'mail.send',
    what: 'MailApp.sendEmail',
    perCallMs: 1200,
    source: OUTBOX,
    estimate: false,
  },
  'mail.quota': {
    id: 'mail.quota',
    what: 'MailApp.getRemainingDailyQuota',
    perCallMs: 30,
    source: `Estimate: as a property read (${PERALTA})`,
    estimate: true,
  },
  'properties.read': {
    id: 'properties.read',
    what: 'PropertiesService reads (getProperty, getProperties, getKeys)',
    perCallMs: 30,
    source: `${PERALTA}: getScriptProperties().getProperty 30 ms`,
    estimate: false,
  },
  'properties.write': {
    id: 'properties.write',
    what: 'PropertiesService writes (setProperty, setProperties, deleteProperty)',
    perCallMs: 62,
    source: `${PERALTA}: getScriptProperties().setProperty 62 ms`,
    estimate: false,
  },
  'cache.read': {
    id: 'cache.read',
    what: 'CacheService get/getAll',
    perCallMs: 3,
    source: `${PERALTA}: getScriptCache().get 3 ms`,
    estimate: false,
  },
  'cache.write': {
    id: 'cache.write',
    what: 'CacheService put/putAll/remove',
    perCallMs: 93,
    source: `${PERALTA}: getScriptCache().put 93 ms`,
    estimate: false,
  },
  'lock.acquire': {
    id: 'lock.acquire',
    what: 'Lock.waitLock/tryLock when nobody holds the lock',
    perCallMs: 50,
    source: 'Estimate: one round trip to the lock service, about a property write',
    estimate: true,
  },
  'lock.release': {
    id: 'lock.release',
    what: 'Lock.releaseLock',
    perCallMs: 30,
    source: 'Estimate: as a property read',
    estimate: true,
  },
  'triggers.read': {
    id: 'triggers.read',
    what: 'ScriptApp.getProjectTriggers',
    perCallMs: 100,
    source: 'Estimate',
    estimate: true,
  },
  'triggers.write': {
    id: 'triggers.write',
    what: 'creating or deleting a trigger',
    perCallMs: 300,
    source: 'Estimate',
    estimate: true,
  },
  local: {
    id: 'local',
    what: 'Session, Utilities, Logger and ScriptApp lookups answered inside the runtime',
    perCallMs: 1,
    source: 'Estimate: no data leaves the runtime',
    estimate: true,
  },
  other: {
    id: 'other',
    what: 'any call the table does not classify (listed in the output so it can be added)',
    perCallMs: 20,
    source: 'Estimate: a small service round trip',
    estimate: true,
  },
};

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
  totalMs: number;
  /** Milliseconds by cost class (only the classes used). */
  byClass: Partial<Record<CostClassId, number>>;
  /** Calls the table had to put in 'other' (to be classified). */
  unclassified: string[];
  /** True when a commit of the write cache was added for an operation that wrote but never flushed. */
  implicitFlush: boolean;
}

/**
 * Modelled Apps Script time for `calls` (counts by `Class.method`) and `cells` (cells moved or scanned, by
 * `Class.method`). An operation that wrote to a sheet without calling flush() still pays one commit when its
 * execution ends.
 */
export function modelTime(calls: Record<string, number>, cells: Record<string, number> = {}): ModelledTime {
  const byClass: Partial<Record<CostClassId, number>> = {};
  const unclassified: string[] = [];
  const add = (id: CostClassId, ms: number): void => {
    byClass[id] = (byClass[id] ?? 0) + ms;
  };
  let wrote = false;
  let flushed = false;
  for (const [call, count] of Object.entries(calls)) {
    const id = classify(call);
    const cls = COST_CLASSES[id];
    add(id, cls.perCallMs * count);
    if (id === 'other') unclassified.push(call);
    if (id === 'sheets.write' || id === 'sheets.structure') wrote = true;
    if (id === 'sheets.flush') flushed = true;
  }
  for (const [call, n] of Object.entries(cells)) {
    const id = classify(call);
    const perCell = COST_CLASSES[id].perCellMs;
    if (perCell !== undefined) add(id, perCell * n);
  }
  const implicitFlush = wrote && !flushed;
  if (implicitFlush) add('sheets.flush', COST_CLASSES['sheets.flush'].perCallMs);
  const totalMs = Object.values(byClass).reduce((sum, ms) => sum + ms, 0);
  return { totalMs, byClass, unclassified, implicitFlush };
}

/** Share of the limit the modelled time takes, and whether that is near it (over NEAR_LIMIT_SHARE). */
export function limitCheck(
  totalMs: number,
  limitMs: number = EXECUTION_LIMIT_MS,
): { share: number; nearLimit: boolean } {
  const share = totalMs / limitMs;
  return { share, nearLimit: share > NEAR_LIMIT_SHARE };
}
