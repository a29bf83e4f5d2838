/**
 * What Set up records about the deployment in the script properties: the ids of the form and the
 * restricted files, the form's item ids by schema key, and the incident number sequence. One
 * `getProperties()` read gives a handler all of it (one service call, whatever the register's size).
 */

export interface DeploymentConfig {
  formId: string;
  /** Schema key → the form item's id, so answers are mapped by item, never by position or title. */
  itemIds: Record<string, number>;
  /** Spreadsheet holding allegations about staff (shared with the Headteacher and the DSLs). */
  staffAllegationsId: string;
  /** Spreadsheet holding allegations about the Headteacher (never shared with the Headteacher). */
  headteacherAllegationsId: string;
}

const KEYS = {
  formId: 'formId',
  itemIds: 'itemIds',
  staffAllegationsId: 'staffAllegationsId',
  headteacherAllegationsId: 'headteacherAllegationsId',
} as const;

const SEQUENCE_PREFIX = 'incidentSeq:';

/** All script properties in one call. */
export function readAllProperties(): Record<string, string> {
  return PropertiesService.getScriptProperties().getProperties();
}

export function configFrom(props: Record<string, string>): DeploymentConfig {
  let itemIds: Record<string, number> = {};
  try {
    const parsed: unknown = JSON.parse(props[KEYS.itemIds] ?? '{}');
    if (parsed && typeof parsed === 'object') itemIds = parsed as Record<string, number>;
  } catch {
    itemIds = {};
  }
  return {
    formId: props[KEYS.formId] ?? '',
    itemIds,
    staffAllegationsId: props[KEYS.staffAllegationsId] ?? '',
    headteacherAllegationsId: props[KEYS.headteacherAllegationsId] ?? '',
  };
}

export function saveConfig(config: DeploymentConfig): void {
  PropertiesService.getScriptProperties().setProperties({
    [KEYS.formId]: config.formId,
    [KEYS.itemIds]: JSON.stringify(config.itemIds),
    [KEYS.staffAllegationsId]: config.staffAllegationsId,
    [KEYS.headteacherAllegationsId]: config.headteacherAllegationsId,
  });
}

/** The last incident number issued in `year` (0 when none), from an already-read property map. */
export function lastSequence(props: Record<string, string>, year: number): number {
  const n = Number(props[`${SEQUENCE_PREFIX}${year}`] ?? '0');
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** Records the last issued number. Called under the script lock, before the row is written, so a run
 * that dies later leaves a gap in the numbers rather than a duplicate ID. */
export function saveSequence(year: number, seq: number): void {
  PropertiesService.getScriptProperties().setProperty(`${SEQUENCE_PREFIX}${year}`, String(seq));
}
