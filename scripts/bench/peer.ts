/**
 * The fair peer: what schools actually copy from tutorials. The form writes its own response sheet (Google
 * Forms does that, no script runs for it), and a sheet-bound installable form-submit trigger reads the
 * event's `namedValues`, stamps an incident number beside the response and sends one email when the report is
 * flagged. It keeps every answer, allegations included, in a sheet anyone with the spreadsheet can read, which
 * the product must not do; it is here to show what the product's guarantees cost against the cheapest
 * handler that does the job at all. It lives in the benchmark, never in src/.
 *
 * The event is the one a spreadsheet's form-submit trigger receives: `range` (the response's row), `values`
 * and `namedValues` (question title → answers), as the Apps Script guide "Event objects" describes for
 * Google Sheets form submit (https://developers.google.com/apps-script/guides/triggers/events). The emulator
 * does not write rows to a form's destination sheet, so the benchmark writes the response row itself, outside
 * the measurement, as Forms would, and hands the peer that event.
 */
import type { Workspace } from '../../emulator/workspace';
import { defaultSettings } from '../../src/domain/settings';

export const PEER_FUNCTION = 'peerOnFormSubmit';
/** The response sheet Google Forms makes in the spreadsheet it is linked to. */
export const PEER_SHEET = 'Form responses 1';

interface Services {
  MailApp: GoogleAppsScript.Mail.MailApp;
}

export interface PeerEvent {
  range: GoogleAppsScript.Spreadsheet.Range;
  values: string[];
  namedValues: Record<string, string[]>;
}

/** What a tutorial hard-codes: the DSL's address, two question titles and the column it numbers in. */
export interface PeerConfig {
  dslEmail: string;
  childAtRiskTitle: string;
  categoriesTitle: string;
  idColumn: number;
}

/** The peer's handler: four calls, five when it emails. */
export function peerHandler(ws: Workspace, config: PeerConfig): (e: PeerEvent) => void {
  const { MailApp } = ws.globals() as unknown as Services;
  // The categories the product always treats as child protection: the peer flags on the same answers.
  const alwaysFlagged = defaultSettings(ws.timeZone)
    .categories.filter((c) => c.alwaysChildProtection)
    .map((c) => c.name);
  return function peerOnFormSubmit(e: PeerEvent): void {
    const sheet = e.range.getSheet();
    const row = e.range.getRow();
    // Numbered by the response's row, as tutorials do.
    const id = `OSI-${new Date().getFullYear()}-${String(row - 1).padStart(4, '0')}`;
    sheet.getRange(row, config.idColumn).setValue(id);
    const atRisk = (e.namedValues[config.childAtRiskTitle]?.[0] ?? '') === 'Yes';
    const categories = (e.namedValues[config.categoriesTitle]?.[0] ?? '').split(', ');
    if (atRisk || categories.some((c) => alwaysFlagged.includes(c))) {
      MailApp.sendEmail(
        config.dslEmail,
        `Online safety concern ${id}`,
        'A report needs your attention: see the responses sheet.',
      );
    }
  };
}

/** The peer's script as a school would paste it: its size, for the start-up charge. */
export function peerScriptKiB(): number {
  return peerHandler.toString().length / 1024;
}
