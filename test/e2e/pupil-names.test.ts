/**
 * One pupil-name rule through the built bundle: "Amira Khan (7H)" and "Amira Khan" are one pupil in the
 * chronology and in the Summary's frequent pupils, and a zero-width character does not split a name.
 */
import { describe, expect, it } from '@jest/globals';
import { ordinaryReport, SCHOOL, sheetValues } from '../support/deployment';
import type { Workspace } from '../../emulator/workspace';
import { clickAsDsl, report, workflowSchool } from './workflow-support';

function chronologyFor(ws: Workspace, name: string): unknown[][] {
  ws.spreadsheets.ui.queueResponse(SCHOOL.dsl, { button: 'OK', text: name });
  clickAsDsl(ws, 'Pupil chronology…');
  return sheetValues(ws, ws.containerId, 'Chronology');
}

describe('one pupil, however the name is typed', () => {
  it('is one pupil in the chronology and in the Summary', () => {
    const ws = workflowSchool();
    const ids = [
      report(ws, ordinaryReport({ pupilsHarmed: 'Amira Khan (7H)', pupilsCausedHarm: '' })),
      report(ws, ordinaryReport({ pupilsHarmed: 'Amira Khan', pupilsCausedHarm: '' })),
      report(ws, ordinaryReport({ pupilsHarmed: 'Ami\u200bra\u00a0Khan', pupilsCausedHarm: '' })),
      report(ws, ordinaryReport({ pupilsHarmed: 'Khan, Amira', pupilsCausedHarm: '' })),
    ];
    const table = chronologyFor(ws, 'Amira Khan').slice(4);
    expect(table.map((r) => r[1]).sort()).toEqual([...ids].sort());

    clickAsDsl(ws, 'Rebuild the summary now');
    const summary = sheetValues(ws, ws.containerId, 'Summary').map((r) => r.map(String));
    const named = summary.filter((r) => /amira/i.test(r[0] ?? ''));
    expect(named).toHaveLength(1);
    expect(named[0]).toContain('4');
  });
});
