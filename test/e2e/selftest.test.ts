/**
 * The platform self-test through the built bundle on the emulator: every check passes against the
 * emulator's model of Google; each check reports a difference when the emulator is made to behave the other
 * way (its failing twin, emulator/platform.ts); the follow-up run finishes a minute later, writes the
 * Self-test sheet and emails the runner; scratch objects are cleared, also when a check throws; no check
 * opens or changes anything of the school's.
 */
import { CHECK_IDS, IMMEDIATE_CHECKS, type CheckId, type CheckOutcome } from '../../src/domain/selftest';
import type { PlatformSwitch } from '../../emulator/platform';
import type { Workspace, WorkspaceOptions } from '../../emulator/workspace';
import {
  SCHOOL,
  configureSchool,
  newSchool,
  runSetUp,
  scriptProperties,
  sheetValues,
} from '../support/deployment';

interface Start {
  outcomes: CheckOutcome[];
  waiting: boolean;
}

/** A configured school with the deputy an editor of the spreadsheet (so a protection has someone to keep out). */
function school(options: WorkspaceOptions = {}): Workspace {
  const ws = newSchool(options);
  runSetUp(ws);
  configureSchool(ws);
  runSetUp(ws);
  ws.drive.share(ws.containerId, SCHOOL.deputy, 'editor');
  return ws;
}

function runSelfTest(ws: Workspace, user: string = SCHOOL.dsl): Start | null {
  return ws.run('runPlatformSelfTest', [], { user, kind: 'menu' }) as Start | null;
}

function statusById(outcomes: readonly CheckOutcome[]): Record<string, string> {
  return Object.fromEntries(outcomes.map((o) => [o.id, o.status]));
}

function selfTestTriggers(ws: Workspace): string[] {
  return ws.script
    .snapshot()
    .map((t) => t.handler)
    .filter((h) => h === 'selfTestFormSubmit' || h === 'finishPlatformSelfTest');
}

function sheetNames(ws: Workspace): string[] {
  const snap = ws.spreadsheets.snapshot() as Array<{ id: string; sheets: Array<{ name: string }> }>;
  return snap.find((s) => s.id === ws.containerId)?.sheets.map((s) => s.name) ?? [];
}

describe('platform self-test on the emulated Google', () => {
  let ws: Workspace;
  let start: Start | null;
  beforeAll(() => {
    ws = school();
    start = runSelfTest(ws);
  });

  it('passes every immediate check, then waits for the follow-up', () => {
    expect(start?.waiting).toBe(true);
    expect(statusById(start?.outcomes ?? [])).toEqual(
      Object.fromEntries(IMMEDIATE_CHECKS.map((id) => [id, 'OK'])),
    );
    const rows = sheetValues(ws, ws.containerId, 'Self-test');
    expect(String(rows[0]?.[0])).toMatch(/started/);
    expect(rows.find((r) => r[0] === "A script's own form submission")?.[3]).toBe('Waiting');
    expect(selfTestTriggers(ws).sort()).toEqual(['finishPlatformSelfTest', 'selfTestFormSubmit']);
    expect(sheetNames(ws)).not.toContain('Self-test scratch');
  });

  it('finishes a minute later: the sheet, the email to the runner, the facts, and nothing left behind', () => {
    const executions = ws.advanceTo(ws.clock.now() + 61_000);
    expect(executions.map((e) => [e.functionName, e.status])).toContainEqual([
      'finishPlatformSelfTest',
      'completed',
    ]);
    const rows = sheetValues(ws, ws.containerId, 'Self-test');
    expect(String(rows[0]?.[0])).toMatch(/finished/);
    expect(rows[1]).toEqual([
      'Check',
      'Expected (what the system assumes)',
      'Seen on this Google account',
      'Result',
      'What a difference would break',
      'What to do',
    ]);
    expect(rows.slice(2).map((r) => r[3])).toEqual(CHECK_IDS.map(() => 'OK'));
    expect(rows[2]?.[1]).toBe(
      "Text the script writes as '=1+1 reads back as the text =1+1, never a formula.",
    );
    const mail = ws.mail.sent.filter((m) => /platform self-test/.test(m.subject));
    expect(mail.map((m) => m.to)).toEqual([[SCHOOL.dsl]]);
    expect(mail[0]?.subject).toBe(
      `Hillside Primary: platform self-test — all ${CHECK_IDS.length} checks as expected`,
    );
    const facts = JSON.parse(scriptProperties(ws).platformFacts ?? '{}') as Record<string, unknown>;
    expect(facts).toMatchObject({
      textCells: 'quote',
      emailCollection: 'verified',
      unresolved: [],
      adapted: [],
    });
    expect(selfTestTriggers(ws)).toEqual([]);
    const formId = scriptProperties(ws)['selfTest.formId'] ?? '';
    expect(ws.forms.responses(formId)).toEqual([]);
  });

  it('reuses the one scratch form on the next run', () => {
    const formId = scriptProperties(ws)['selfTest.formId'];
    runSelfTest(ws);
    ws.advanceTo(ws.clock.now() + 61_000);
    expect(scriptProperties(ws)['selfTest.formId']).toBe(formId);
  });

  it('is refused to anyone but the runner, who is named', () => {
    ws.drive.share(ws.containerId, SCHOOL.itAdmin, 'editor');
    const before = ws.spreadsheets.ui.log.length;
    expect(runSelfTest(ws, SCHOOL.deputy)).toBeNull();
    const shown = ws.spreadsheets.ui.log.slice(before);
    expect(shown.map((l) => l.title)).toEqual(['Run platform self-test']);
  });
});

/** Each check's failing twin: the emulator flipped the other way, and what else the flip needs. */
const TWINS: Array<{
  check: CheckId;
  flip: PlatformSwitch | 'noEmailCollectionType';
  blockOutside?: true;
  /** A check that rests on the same behaviour and so differs too. */
  alsoDiffers?: CheckId[];
}> = [
  { check: 'quotePrefix', flip: 'quotePrefixHidden' },
  { check: 'plainTextFormat', flip: 'plainTextFormatKeepsText' },
  { check: 'zoneChange', flip: 'zoneChangeKeepsWallClock' },
  // A protection restricted at once has nothing left to mirror when nobody is removed.
  { check: 'newProtection', flip: 'newProtectionMirrorsFile', alsoDiffers: ['emptyEditorRemoval'] },
  { check: 'emptyEditorRemoval', flip: 'emptyRemovalKeepsMirroring' },
  { check: 'metadataVisibility', flip: 'metadataDefaultDocument' },
  { check: 'emailCollection', flip: 'noEmailCollectionType' },
  { check: 'formPublishing', flip: 'formsStartUnpublished' },
  { check: 'sha256', flip: 'digestHonoursCharset' },
  { check: 'intlTimeZones', flip: 'intlTimeZones' },
  { check: 'activeUser', flip: 'activeUserShownToRunner' },
  { check: 'refusedShare', flip: 'refusedShareThrows', blockOutside: true },
  { check: 'scriptSubmission', flip: 'scriptSubmissionFiresNoTrigger' },
];

describe('each check fails when the emulator behaves the other way', () => {
  it('has a twin for every check', () => {
    expect(TWINS.map((t) => t.check).sort()).toEqual([...CHECK_IDS].sort());
  });

  it.each(TWINS)(
    '$check differs when $flip is flipped',
    ({ check, flip, blockOutside, alsoDiffers = [] }) => {
      const options: WorkspaceOptions =
        flip === 'noEmailCollectionType'
          ? { formsEmailCollectionType: false }
          : { platform: { [flip]: false } };
      const ws = school(options);
      if (blockOutside) ws.drive.setOutsideSharingPolicy('blocked');
      runSelfTest(ws);
      ws.advanceTo(ws.clock.now() + 61_000);
      const rows = sheetValues(ws, ws.containerId, 'Self-test').slice(2);
      const results = Object.fromEntries(CHECK_IDS.map((id, i) => [id, rows[i]?.[3]]));
      expect(results[check]).toBe('DIFFERS');
      // The flip is about that one check: the others still pass.
      const others = CHECK_IDS.filter((id) => id !== check && results[id] !== 'OK');
      expect(others).toEqual(alsoDiffers);
    },
  );
});
