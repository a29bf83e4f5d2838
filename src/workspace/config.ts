/**
 * What Set up records about the deployment in the script properties: the ids of the form and the
 * restricted files, the form's item ids by schema key, and the incident number sequence. One
 * `getProperties()` read gives a handler all of it (one service call, whatever the register's size).
 */
import { RESTRICTED_FILES, type RecordFile, type RestrictedFile } from '../domain/routing';

export interface DeploymentConfig {
  formId: string;
  /** Schema key → the form item's id, so answers are mapped by item, never by position or title. */
  itemIds: Record<string, number>;
  /** Spreadsheet holding allegations about staff (shared with the Headteacher and the DSLs). */
  staffAllegationsId: string;
  /** Spreadsheet holding concerns about the DSL or a deputy (the Headteacher's; no other lead's). */
  leadAllegationsId: string;
  /** Spreadsheet holding allegations about the Headteacher (never shared with the Headteacher). */
  headteacherAllegationsId: string;
}

const KEYS = {
  formId: 'formId',
  itemIds: 'itemIds',
  staffAllegationsId: 'staffAllegationsId',
  leadAllegationsId: 'leadAllegationsId',
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
    leadAllegationsId: props[KEYS.leadAllegationsId] ?? '',
    headteacherAllegationsId: props[KEYS.headteacherAllegationsId] ?? '',
  };
}

export function saveConfig(config: DeploymentConfig): void {
  PropertiesService.getScriptProperties().setProperties({
    [KEYS.formId]: config.formId,
    [KEYS.itemIds]: JSON.stringify(config.itemIds),
    [KEYS.staffAllegationsId]: config.staffAllegationsId,
    [KEYS.leadAllegationsId]: config.leadAllegationsId,
    [KEYS.headteacherAllegationsId]: config.headteacherAllegationsId,
  });
}

/**
 * The property holding the last number issued in `year` for one record file. The register keeps the key
 * it always had (so a school's numbering carries on); each allegation file has its own.
 */
function sequenceKey(file: RecordFile, year: number): string {
  return file === 'register' ? `${SEQUENCE_PREFIX}${year}` : `${SEQUENCE_PREFIX}${file}:${year}`;
}

/** The last number issued in `year` for `file` (0 when none), from an already-read property map. */
export function lastSequence(props: Record<string, string>, file: RecordFile, year: number): number {
  const n = Number(props[sequenceKey(file, year)] ?? '0');
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/**
 * Records the last issued number for `file` (one call), and in `props`, the map already read this run.
 * Called under the script lock, before the row is written, so a run that dies later leaves a gap in the
 * numbers rather than a duplicate ID.
 */
export function saveSequence(
  props: Record<string, string>,
  file: RecordFile,
  year: number,
  seq: number,
  alongside: Record<string, string> = {},
): void {
  const key = sequenceKey(file, year);
  // Anything else the caller must keep with the number goes in the same call (the submit path's mark).
  if (Object.keys(alongside).length === 0)
    PropertiesService.getScriptProperties().setProperty(key, String(seq));
  else PropertiesService.getScriptProperties().setProperties({ ...alongside, [key]: String(seq) });
  props[key] = String(seq);
}

/**
 * Records a restricted file's id the moment the file exists (one call), so a Set up that stops later
 * (a share refused, a timeout) leaves no file nobody knows about, and the next one finds it.
 */
export function saveRestrictedFileId(file: RestrictedFile, id: string): void {
  PropertiesService.getScriptProperties().setProperty(KEYS[ID_FIELDS[file]], id);
}

/** Which DeploymentConfig field holds each restricted file's id. */
const ID_FIELDS = {
  'staff-allegations': 'staffAllegationsId',
  'lead-allegations': 'leadAllegationsId',
  'headteacher-allegations': 'headteacherAllegationsId',
} as const satisfies Record<RestrictedFile, keyof DeploymentConfig>;

/** The id of one restricted file ('' when Set up has not made it). */
export function restrictedFileId(
  config: Pick<DeploymentConfig, (typeof ID_FIELDS)[RestrictedFile]>,
  file: RestrictedFile,
): string {
  return config[ID_FIELDS[file]];
}

/** Every restricted file's id, by file ('' for one Set up has not made). */
export function restrictedFileIds(
  config: Pick<DeploymentConfig, (typeof ID_FIELDS)[RestrictedFile]>,
): Record<RestrictedFile, string> {
  const ids = {} as Record<RestrictedFile, string>;
  for (const file of RESTRICTED_FILES) ids[file] = restrictedFileId(config, file);
  return ids;
}
