/**
 * Nothing lost, nothing doubled, nothing silent (issue 12, item 5), through the built bundle with people
 * emulated: the register is found by the mark Set up put on it, not by its name; a copy is never used; a
 * deleted row comes back under its original ID without a second alert; a form in the bin is told the same day.
 */
import { RESTORED_STATUS } from '../../src/handlers/intake';
import {
  deploymentIds,
  ordinaryReport,
  registerRows,
  runSetUp,
  SCHOOL,
  sheetValues,
  submit,
} from '../support/deployment';
import { anHourPasses, healthEmails, healthSheet, usualSchool } from './health-support';

const FLAGGED = ordinaryReport({ childAtRisk: 'Yes', description: 'A pupil was asked for photos.' });

function rowsOf(ws: ReturnType<typeof usualSchool>, sheet: string): string[][] {
  return sheetValues(ws, ws.containerId, sheet)
    .slice(1)
    .filter((r) => r.some((v) => v !== ''))
    .map((r) => r.map(String));
}

function reconcile(ws: ReturnType<typeof usualSchool>): Record<string, unknown> {
  return ws.run('reconcileMissedReports', [], { kind: 'trigger' }) as Record<string, unknown>;
}

describe('the register is found by its mark, not its name', () => {
  test('renamed "Register 2025-26", it keeps working: reports land there and Set up makes no other', () => {
    const ws = usualSchool();
    submit(ws, ordinaryReport({ description: 'Before the rename.' }));
    ws.spreadsheets._userRenameSheet(SCHOOL.dsl, ws.containerId, 'Register', 'Register 2025-26');
    submit(ws, ordinaryReport({ description: 'After the rename.' }));
    runSetUp(ws);
    expect(reconcile(ws)).toMatchObject({ added: 0 });
    const names = (ws.spreadsheets.snapshot() as Array<{ id: string; sheets: Array<{ name: string }> }>)
      .find((b) => b.id === ws.containerId)!
      .sheets.map((s) => s.name);
    expect(names).toContain('Register 2025-26');
    expect(names).not.toContain('Register');
    expect(rowsOf(ws, 'Register 2025-26').map((r) => r[0])).toEqual(['OSI-2026-0001', 'OSI-2026-0002']);
  });

  test('a copy made by hand (Duplicate, renamed "Register 2025-26") is never written to or re-recorded', () => {
    const ws = usualSchool();
    submit(ws, ordinaryReport({ description: 'The first.' }));
    ws.spreadsheets._userDuplicateSheet(SCHOOL.dsl, ws.containerId, 'Register', 'Register 2025-26');
    expect(reconcile(ws)).toMatchObject({ added: 0, restored: 0 });
    submit(ws, ordinaryReport({ description: 'The second.' }));
    expect(reconcile(ws)).toMatchObject({ added: 0, restored: 0 });
    expect(rowsOf(ws, 'Register 2025-26').map((r) => r[0])).toEqual(['OSI-2026-0001']);
    expect(registerRows(ws).map((r) => r['Incident ID'])).toEqual(['OSI-2026-0001', 'OSI-2026-0002']);
  });
});

describe('a deleted register row', () => {
  test.each([
    ['deleted the same day (before the nightly check indexed it)', false],
    ['deleted after a nightly check had indexed it', true],
  ])('%s: put back under its original ID, marked, never re-alerted', (_name, indexedFirst) => {
    const ws = usualSchool();
    submit(ws, ordinaryReport({ description: 'Kept.' }));
    submit(ws, FLAGGED);
    if (indexedFirst) reconcile(ws);
    const alertsBefore = ws.mail.sent.filter((m) => m.subject.includes('OSI-2026-0002')).length;
    expect(alertsBefore).toBeGreaterThan(0);

    ws.spreadsheets._userDeleteRows(SCHOOL.dsl, ws.containerId, 'Register', 3);
    expect(registerRows(ws).map((r) => r['Incident ID'])).toEqual(['OSI-2026-0001']);
    expect(reconcile(ws)).toMatchObject({ added: 0, restored: 1 });

    const rows = registerRows(ws);
    expect(rows.map((r) => r['Incident ID'])).toEqual(['OSI-2026-0001', 'OSI-2026-0002']);
    const restored = rows[1]!;
    expect(restored['Alert status']).toBe(RESTORED_STATUS);
    expect(String(restored['Alert log'])).toMatch(/had been deleted.*original incident ID/s);
    expect(restored['What happened']).toBe('A pupil was asked for photos.');
    // …and the putting back is on the audit trail, by its ID alone.
    const audit = sheetValues(ws, ws.containerId, 'Audit').slice(1);
    const entry = audit.find((r) => r[2] === 'OSI-2026-0002' && r[4] === '(deleted)');
    expect(entry?.[1]).toBe('the nightly check');
    expect(audit.flat().join(' ')).not.toContain('photos');
    // Neither the reconcile nor the hourly retry sends its alert again.
    anHourPasses(ws);
    expect(ws.mail.sent.filter((m) => m.subject.includes('OSI-2026-0002')).length).toBe(alertsBefore);
    // Numbering carries on after it: nothing was reserved for it twice.
    submit(ws, ordinaryReport({ description: 'Next.' }));
    expect(registerRows(ws).at(-1)!['Incident ID']).toBe('OSI-2026-0003');
  });
});

describe('a form moved to the bin', () => {
  test('the DSL is emailed that day (content-free), and the Health sheet says what to do', () => {
    const ws = usualSchool();
    submit(ws, ordinaryReport({ description: 'A report that must not appear in the email.' }));
    ws.drive.trash(deploymentIds(ws).formId);
    anHourPasses(ws);
    const emails = healthEmails(ws);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.to).toEqual([SCHOOL.dsl]);
    expect(emails[0]!.body).toContain('Report form');
    expect(emails[0]!.body).not.toMatch(/must not appear|Amira|Jordan/);
    const form = healthSheet(ws).get('Report form')!;
    expect(form.status).toBe('Problem');
    expect(form.found).toMatch(/bin/);
    expect(form.todo).toMatch(/Bin.*Set up \/ repair/);
  });
});
