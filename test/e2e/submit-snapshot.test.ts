/**
 * The submit path's shortcuts (issue 15), through the built bundle, with the people who could upset them:
 * Settings and the register's header kept between submissions in the runner's cache, and the duplicate check
 * answered from the script properties instead of a search of the register. Each test changes something a
 * person can change — Settings through the sheet or behind the edit trigger's back, a column inserted
 * without any trigger firing, a planted snapshot, a response fired again a week later — and checks what a
 * user would notice: who is alerted, and that each answer lands under its own header, once.
 */
import { describe, expect, it } from '@jest/globals';
import type { Workspace } from '../../emulator/workspace';
import {
  deploymentIds,
  ordinaryReport,
  registerRows,
  SCHOOL,
  sheetValues,
  submit,
} from '../support/deployment';
import { editSettingsAs, flaggedReport, setUpSchool } from './alerts-support';

const DAY = 24 * 60 * 60 * 1000;
const NEW_DSL = 'new.dsl@school.example';

function alertedAddresses(ws: Workspace, from: number): string[] {
  return [...new Set(ws.mail.sent.slice(from).flatMap((m) => m.to))].sort();
}

/** The register's rows keyed by the header as it stands now. */
function rowsByHeader(ws: Workspace): Record<string, unknown>[] {
  const [header = [], ...rows] = sheetValues(ws, ws.containerId, 'Register');
  return rows
    .filter((r) => r.some((v) => v !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? ''])));
}

function fire(ws: Workspace, handler: string): void {
  const trigger = ws.script.list().find((t) => t.handler === handler);
  if (!trigger) throw new Error(`no ${handler} trigger`);
  expect(ws.script.fireTrigger(trigger.uid).status).toBe('completed');
}

describe('Settings kept between submissions', () => {
  it('the DSL changes the DSL email in the sheet: the very next report alerts the new address', () => {
    const { ws } = setUpSchool();
    submit(ws, ordinaryReport()); // the first report after Set up keeps the snapshot
    editSettingsAs(ws, SCHOOL.dsl, { 'DSL email': NEW_DSL });
    const before = ws.mail.sent.length;
    submit(ws, flaggedReport({ description: 'Asked for photos.' }));
    expect(alertedAddresses(ws, before)).toContain(NEW_DSL);
    expect(alertedAddresses(ws, before)).not.toContain(SCHOOL.dsl);
  });

  it('a change the edit trigger cannot see (a script wrote it) is picked up once the nightly check finds it', () => {
    const { ws } = setUpSchool();
    submit(ws, ordinaryReport());
    // Written test side, as a script would: no edit trigger fires.
    const rows = sheetValues(ws, ws.containerId, 'Settings');
    const at = rows.findIndex((r) => String(r[0]) === 'DSL email');
    const app = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    app
      .openById(ws.containerId)
      .getSheetByName('Settings')!
      .getRange(at + 1, 2)
      .setValue(NEW_DSL);
    fire(ws, 'checkAuditTrail');
    const before = ws.mail.sent.length;
    submit(ws, flaggedReport({ description: 'Asked for photos.' }));
    expect(alertedAddresses(ws, before)).toContain(NEW_DSL);
    expect(alertedAddresses(ws, before)).not.toContain(SCHOOL.dsl);
  });

  it('a deputy who plants a snapshot naming themselves in the script properties changes nothing', () => {
    const { ws } = setUpSchool();
    submit(ws, ordinaryReport());
    // Any editor can open the script editor's project settings and write script properties.
    const planted = {
      timeZone: 'Europe/London',
      settings: { dslEmail: SCHOOL.deputy, deputyDslEmails: [] },
      problems: [],
      register: null,
    };
    ws.properties.scriptStore().set('onlineSafety.submitSnapshot.v1', JSON.stringify(planted));
    const before = ws.mail.sent.length;
    submit(ws, flaggedReport({ description: 'Asked for photos.' }));
    expect(alertedAddresses(ws, before)).toEqual([SCHOOL.deputy, SCHOOL.dsl].sort());
  });
});

describe('the register header kept between submissions', () => {
  it('a column inserted at the front between two reports (no trigger fires): every value still lands under its header', () => {
    const { ws } = setUpSchool();
    submit(ws, ordinaryReport({ description: 'Before the new column.' }));
    const app = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const sheet = app.openById(ws.containerId).getSheetByName('Register')!;
    sheet.insertColumnsBefore(1, 1);
    sheet.getRange(1, 1).setValue('My notes');
    const { responseId } = submit(ws, ordinaryReport({ description: 'After the new column.' }));
    const rows = rowsByHeader(ws);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      'My notes': '',
      'Response ID': responseId,
      'What happened': 'After the new column.',
      'Incident ID': 'OSI-2026-0002',
    });
  });
});

describe('the duplicate check without a search of the register', () => {
  it('a response fired again a week later, after the nightly check forgot its entry, adds no second row', () => {
    const { ws } = setUpSchool();
    const { responseId } = submit(ws, ordinaryReport());
    ws.clock.advance(8 * DAY);
    fire(ws, 'reconcileMissedReports');
    expect(ws.properties.scriptStore().get(`recorded:${responseId}`)).toBeUndefined();
    ws.forms.refire(deploymentIds(ws).formId, responseId);
    expect(registerRows(ws)).toHaveLength(1);
  });

  it('within the week the entry answers, and the nightly check keeps it', () => {
    const { ws } = setUpSchool();
    const { responseId } = submit(ws, ordinaryReport());
    fire(ws, 'reconcileMissedReports');
    expect(ws.properties.scriptStore().get(`recorded:${responseId}`)).toMatch(/^OSI-2026-0001\|\d+$/);
    ws.forms.refire(deploymentIds(ws).formId, responseId);
    expect(registerRows(ws)).toHaveLength(1);
  });
});
