/**
 * Retention: `Retention review` lists, in each record file, the closed records past their retention date
 * (domain/retention.ts) and every place each one lives; `Delete a record…` deletes one, with a reason, from
 * all of them. Both are the runner's alone: the review reads the allegation files, and a deletion cannot
 * be undone.
 *
 * A deletion removes, in this order: the form response (first, so that if the form cannot be opened
 * nothing is deleted at all; once it is gone the nightly reconcile has nothing to put back), the row, the
 * file's Index entry and any recent-entry property (so nothing remembers the response), the audit
 * snapshot row (so the nightly audit check does not report a row deleted by hand and put it back), and the
 * text of the incident's rows on the file's Audit sheet, redacted so the chain still verifies
 * (domain/redaction.ts). The audit trail then records the deletion: who, the reason, and what went.
 */
import { cellDate, formatDayMonthYear } from '../domain/cells';
import { makeRowReader, type RegisterEntry } from '../domain/register';
import {
  ADULT_BIRTH_HEADER,
  PUPIL_BIRTH_HEADER,
  RECORD_TYPE_LABELS,
  RETENTION_HEADER_ROW,
  retentionDecision,
  retentionReview,
  retentionSheetRows,
  type RetentionRules,
  type RetentionSubject,
} from '../domain/retention';
import { RECORD_FILE_TITLES, RECORD_FILES, type RecordFile } from '../domain/routing';
import {
  AUDIT_SHEET,
  AUDIT_STATE_SHEET,
  anchorProperty,
  auditTextRows,
  readAuditBody,
  redactOnTrail,
  removeStateRowsOf,
  withDocumentLock,
  writeReportSheet,
} from '../workspace/audit-sheet';
import { now } from '../workspace/clock';
import { withScriptLock } from '../workspace/lock';
import { ensureIndexSheet, forgetRecent, readIndex, removeFromIndex } from '../workspace/record-index';
import { currentAccount, runsAsRunner } from '../workspace/runner';
import { showMessage, ui } from '../workspace/ui';
import { AWAITING_PREFIX } from './alerts';
import { loadContext, openRecordSheet, type RunContext } from './context';

export const RETENTION_SHEET = 'Retention review';
const TITLE = 'Retention review';
const DELETE_TITLE = 'Delete a record';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

interface FileRecords {
  file: RecordFile;
  ss: Spreadsheet;
  sheet: Sheet;
  records: Array<RetentionSubject & { row: number }>;
}

/** 0-based column of an optional header the DSL may add (exact text, case and spaces aside), or -1. */
function optionalColumn(header: readonly unknown[], title: string): number {
  const want = title.trim().toLowerCase();
  return header.findIndex(
    (h) =>
      String(h ?? '')
        .trim()
        .toLowerCase() === want,
  );
}

/** A record file's rows, read once, with the optional dates of birth. */
function readRecords(ctx: RunContext, file: RecordFile): FileRecords | null {
  const opened = openRecordSheet(ctx, file);
  if (!opened) return null;
  const [header = [], ...rows] = opened.sheet.getDataRange().getValues();
  const read = makeRowReader(header, ctx.timeZone);
  const pupil = optionalColumn(header, PUPIL_BIRTH_HEADER);
  const adult = optionalColumn(header, ADULT_BIRTH_HEADER);
  const records: FileRecords['records'] = [];
  rows.forEach((row, i) => {
    const incident: RegisterEntry | null = read(row);
    if (!incident) return;
    records.push({
      file,
      row: i + 2,
      incident,
      pupilBirthDate: pupil >= 0 ? cellDate(row[pupil], ctx.timeZone) : null,
      adultBirthDate: adult >= 0 ? cellDate(row[adult], ctx.timeZone) : null,
    });
  });
  return { file, ...opened, records };
}

function rulesOf(ctx: RunContext): RetentionRules {
  return { retentionYears: ctx.settings.retentionYears, retirementAge: ctx.settings.retirementAge };
}

/** The response IDs the form holds now (null when the form cannot be opened). */
function formResponseIds(ctx: RunContext): Set<string> | null {
  if (!ctx.config.formId) return null;
  try {
    return new Set(
      FormApp.openById(ctx.config.formId)
        .getResponses()
        .map((r) => r.getId()),
    );
  } catch {
    return null;
  }
}

/** The incident IDs the file's audit snapshot holds (one read). */
function snapshotIds(ss: Spreadsheet): Set<string> {
  const sheet = ss.getSheetByName(AUDIT_STATE_SHEET);
  const last = sheet ? sheet.getLastRow() : 0;
  if (!sheet || last < 2) return new Set();
  return new Set(
    sheet
      .getRange(2, 1, last - 1, 1)
      .getValues()
      .map((r) => String(r[0] ?? '')),
  );
}

export function showRetentionReview(): void {
  if (!runsAsRunner('showRetentionReview')) return;
  const ctx = loadContext();
  const rules = rulesOf(ctx);
  const at = now();
  const builtAt = formatDayMonthYear(at, ctx.timeZone);
  const responses = formResponseIds(ctx);
  const lines: string[] = [];
  let found = false;
  for (const file of RECORD_FILES) {
    const records = readRecords(ctx, file);
    if (!records) continue;
    found = true;
    const index = readIndex(ensureIndexSheet(records.ss));
    const auditSheet = records.ss.getSheetByName(AUDIT_SHEET);
    const auditBody = auditSheet ? readAuditBody(auditSheet) : [];
    const snapshot = snapshotIds(records.ss);
    const title = RECORD_FILE_TITLES[file];
    const subjects = records.records.map((r) => {
      const places = [`${title}: row ${r.row}`];
      const responseId = r.incident.responseId;
      if (responses === null) places.push('Form response: the form cannot be opened to check');
      else if (responses.has(responseId)) places.push('Form response');
      if (index.has(responseId)) places.push(`Index sheet of the ${title.toLowerCase()} file`);
      if (snapshot.has(r.incident.incidentId)) places.push('Audit state (hidden snapshot)');
      const text = auditTextRows(auditBody, r.incident.incidentId);
      if (text > 0) places.push(`Audit sheet: ${text} row(s) with its text`);
      return { ...r, places };
    });
    const review = retentionReview(subjects, rules, at, ctx.timeZone);
    const listed = review.due.length + review.undated.length;
    // The register's review is always written; an allegation file's only when it has something to list
    // (or a review there already), in that file, so an allegation is never named where others look.
    if (file === 'register' || listed > 0 || records.ss.getSheetByName(RETENTION_SHEET)) {
      writeReportSheet(
        records.ss,
        RETENTION_SHEET,
        retentionSheetRows(review, builtAt, title.toLowerCase()),
        {
          headerRow: RETENTION_HEADER_ROW,
          dateColumns: [3, 4, 5],
          widths: [120, 150, 110, 100, 100, 360, 260, 60],
        },
      );
    }
    lines.push(
      `${title}: ${review.due.length} record(s) past their retention date` +
        (review.undated.length > 0 ? `, ${review.undated.length} whose date cannot be worked out` : '') +
        (listed > 0 ? ` — listed on its "${RETENTION_SHEET}" sheet.` : '.'),
    );
  }
  if (!found) {
    showMessage(TITLE, 'There is no Register sheet yet: choose Online Safety › Set up / repair first.');
    return;
  }
  const problems =
    ctx.settingsProblems.length > 0 ? `\n\nSettings need attention:\n${ctx.settingsProblems.join('\n')}` : '';
  showMessage(
    TITLE,
    `${lines.join('\n')}\n\nNothing has been deleted. To delete a record, choose Online Safety › Delete a record…${problems}`,
  );
}

/** Asks one question; null when the person cancels. */
function ask(question: string): string | null {
  const screen = ui();
  if (!screen) return null;
  const answer = screen.prompt(DELETE_TITLE, question, screen.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== screen.Button.OK) return null;
  return answer.getResponseText().trim();
}

export function deleteRecord(): void {
  if (!runsAsRunner('deleteRecord')) return;
  const id = ask(
    'The incident ID of the record to delete (e.g. OSI-2026-0042). Its row, its form response, its index ' +
      'entry and its text on the Audit sheet are deleted; this cannot be undone.',
  );
  if (id === null || id === '') return;
  const reason = ask(
    `Why is ${id} being deleted? (e.g. "past its retention date, reviewed"; "allegation found malicious"). ` +
      'The reason is kept on the audit trail.',
  );
  if (reason === null) return;
  if (reason === '') {
    showMessage(DELETE_TITLE, `Nothing was deleted: a deletion needs a reason.`);
    return;
  }
  showMessage(
    DELETE_TITLE,
    withScriptLock(() => deleteUnderLock(id, reason)),
  );
}

/** The deletion, under the script lock (the submit path and the nightly reconcile take it too). */
function deleteUnderLock(wanted: string, reason: string): string {
  const ctx = loadContext();
  const key = wanted.trim().toUpperCase();
  let target: { records: FileRecords; record: FileRecords['records'][number] } | null = null;
  for (const file of RECORD_FILES) {
    const records = readRecords(ctx, file);
    const record = records?.records.find((r) => r.incident.incidentId.trim().toUpperCase() === key);
    if (records && record) {
      target = { records, record };
      break;
    }
  }
  if (!target) return `Nothing was deleted: no record has the incident ID ${wanted}.`;
  const { records, record } = target;
  const { incidentId, responseId } = record.incident;

  // 1. The form response, first: if the form cannot be opened, nothing at all is deleted.
  let response = 'it had no form response';
  if (ctx.config.formId && responseId) {
    let form: GoogleAppsScript.Forms.Form;
    try {
      form = FormApp.openById(ctx.config.formId);
    } catch {
      return `Nothing was deleted: the report form cannot be opened, so ${incidentId}'s form response cannot be deleted (and the nightly check would put the record back). Choose Online Safety › Set up / repair, then try again.`;
    }
    let exists = true;
    try {
      form.getResponse(responseId);
    } catch {
      exists = false;
    }
    if (exists) form.deleteResponse(responseId);
    response = exists ? 'its form response was deleted' : 'its form response had already gone';
  }

  const at = now();
  const decision = retentionDecision(record, rulesOf(ctx), ctx.timeZone);
  const until = decision.keepUntil;
  const early = until !== null && until.getTime() > at.getTime();
  const retention = until
    ? `kept until ${formatDayMonthYear(until, ctx.timeZone)}${decision.estimated ? ' (estimated)' : ''}${early ? ': deleted before that date' : ''}`
    : 'its retention date could not be worked out';
  const { ss, sheet, file } = records;
  let redacted = 0;
  withDocumentLock(() => {
    // 2. The row, 3. the audit snapshot, 4. the audit text, then the deletion on the trail.
    sheet.deleteRow(record.row);
    removeStateRowsOf(ss, incidentId);
    redacted = redactOnTrail(ss, anchorProperty(file === 'register' ? undefined : ss.getId()), incidentId, {
      time: at,
      who: currentAccount(),
      incidentId,
      column: '(whole record)',
      oldValue: '',
      newValue: '(deleted under the retention policy)',
      note:
        `Deleted by the DSL who runs the system. Reason: ${reason}. ${RECORD_TYPE_LABELS[decision.type]} record, ` +
        `${retention}. The row, its form response, its index entry and the text of its audit rows were removed.`,
    });
  });
  // 5. Nothing remembers the response any more, so the nightly check has nothing to put back.
  removeFromIndex(ensureIndexSheet(ss), responseId);
  forgetRecent([responseId]);
  PropertiesService.getScriptProperties().deleteProperty(AWAITING_PREFIX + responseId);
  SpreadsheetApp.flush();
  return (
    `${incidentId} was deleted from the ${RECORD_FILE_TITLES[file].toLowerCase()}: its row, and ${response}; ` +
    `its index entry, and the text of ${redacted} audit row(s) (the audit trail still verifies). ` +
    `The deletion and your reason are on the audit trail. (${RECORD_TYPE_LABELS[decision.type]} record, ${retention}.)` +
    '\n\nA Chronology or Retention review sheet built before now may still show it: build them again.'
  );
}
