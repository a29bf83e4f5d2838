/**
 * The jobs Set up installs, by handler name: one list, so the health check expects exactly what Set up
 * installs (a job added to one and not the other would go unwatched, or be reported missing for ever).
 */
import type { RecordFile } from './routing';

/** Installed on every deployment. */
export const CORE_JOBS = [
  'onFormSubmit',
  'onRegisterEdit',
  'reconcileMissedReports',
  'rebuildSummary',
  'sendOverdueReminders',
  'retryPendingAlerts',
  'sendWeeklyDigest',
  'checkAuditTrail',
  'nightlyOversight',
] as const;

export type CoreJob = (typeof CORE_JOBS)[number];

/** Each restricted file's own edit job (its audit trail lives in that file), installed once the file exists. */
export const FILE_EDIT_JOBS = {
  'staff-allegations': 'onStaffAllegationsEdit',
  'lead-allegations': 'onLeadAllegationsEdit',
  'headteacher-allegations': 'onHeadteacherAllegationsEdit',
} as const satisfies Record<Exclude<RecordFile, 'register'>, string>;

/** The handlers Set up installs for a deployment whose restricted files are the ones present. */
export function expectedJobs(present: Readonly<Record<Exclude<RecordFile, 'register'>, boolean>>): string[] {
  const files = (Object.keys(FILE_EDIT_JOBS) as Array<keyof typeof FILE_EDIT_JOBS>).filter((f) => present[f]);
  return [...CORE_JOBS, ...files.map((f) => FILE_EDIT_JOBS[f])];
}
