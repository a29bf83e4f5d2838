/** Installs the project's triggers idempotently: exactly one trigger per handler function. */

export type TriggerSpec =
  | { handler: string; kind: 'formSubmit'; formId: string }
  | { handler: string; kind: 'spreadsheetEdit'; spreadsheetId: string }
  | { handler: string; kind: 'daily'; hour: number }
  | { handler: string; kind: 'hourly'; everyHours: 1 | 2 | 4 | 6 | 8 | 12 }
  | { handler: string; kind: 'weekly'; weekDay: GoogleAppsScript.Base.Weekday; hour: number };

export interface TriggerChanges {
  created: string[];
  replaced: string[];
  kept: string[];
}

/** What identifies a trigger: its handler, its event and its source (a form must be the current one). */
function describeExisting(t: GoogleAppsScript.Script.Trigger): string {
  const source = t.getTriggerSource() === ScriptApp.TriggerSource.CLOCK ? 'clock' : t.getTriggerSourceId();
  return `${t.getHandlerFunction()}|${String(t.getEventType())}|${source}`;
}

function describeSpec(spec: TriggerSpec): string {
  switch (spec.kind) {
    case 'formSubmit':
      return `${spec.handler}|${String(ScriptApp.EventType.ON_FORM_SUBMIT)}|${spec.formId}`;
    case 'spreadsheetEdit':
      return `${spec.handler}|${String(ScriptApp.EventType.ON_EDIT)}|${spec.spreadsheetId}`;
    default:
      return `${spec.handler}|${String(ScriptApp.EventType.CLOCK)}|clock`;
  }
}

function create(spec: TriggerSpec): void {
  const builder = ScriptApp.newTrigger(spec.handler);
  switch (spec.kind) {
    case 'formSubmit':
      builder.forForm(spec.formId).onFormSubmit().create();
      return;
    case 'spreadsheetEdit':
      builder.forSpreadsheet(spec.spreadsheetId).onEdit().create();
      return;
    case 'daily':
      builder.timeBased().everyDays(1).atHour(spec.hour).create();
      return;
    case 'hourly':
      builder.timeBased().everyHours(spec.everyHours).create();
      return;
    case 'weekly':
      builder.timeBased().onWeekDay(spec.weekDay).atHour(spec.hour).create();
      return;
  }
}

/**
 * Makes the project's triggers exactly `specs`, one per handler: keeps a matching one, replaces one that
 * points at the wrong source (an old form) or schedule, deletes duplicates. Clock schedules are always
 * re-created when `rescheduleClock` is set (the digest day/hour may have changed in Settings).
 */
export function ensureTriggers(specs: TriggerSpec[], rescheduleClock: boolean): TriggerChanges {
  const changes: TriggerChanges = { created: [], replaced: [], kept: [] };
  const wanted = new Map(specs.map((s) => [s.handler, s]));
  const keptHandlers = new Set<string>();
  for (const trigger of ScriptApp.getProjectTriggers()) {
    const handler = trigger.getHandlerFunction();
    const spec = wanted.get(handler);
    const matches =
      spec !== undefined &&
      !keptHandlers.has(handler) &&
      describeExisting(trigger) === describeSpec(spec) &&
      !(rescheduleClock && trigger.getTriggerSource() === ScriptApp.TriggerSource.CLOCK);
    if (matches) {
      keptHandlers.add(handler);
      changes.kept.push(handler);
    } else {
      ScriptApp.deleteTrigger(trigger);
      if (spec) changes.replaced.push(handler);
    }
  }
  for (const spec of specs) {
    if (keptHandlers.has(spec.handler)) continue;
    create(spec);
    if (!changes.replaced.includes(spec.handler)) changes.created.push(spec.handler);
  }
  return changes;
}
