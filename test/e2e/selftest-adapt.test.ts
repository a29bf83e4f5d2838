/**
 * What the platform self-test changes, through the built bundle: the product adapts where it can (typed
 * text into plain-text cells when the quote prefix shows; the older email setting when verified collection
 * is refused), the health check shows a difference it cannot adapt to as a problem, Set up offers the
 * self-test until it has run, and no check opens or changes anything of the school's.
 */
import { IMMEDIATE_CHECKS } from '../../src/domain/selftest';
import type { Workspace, WorkspaceOptions } from '../../emulator/workspace';
import {
  SCHOOL,
  configureSchool,
  deploymentIds,
  newSchool,
  ordinaryReport,
  registerRows,
  runSetUp,
  scriptProperties,
  sheetValues,
  submit,
} from '../support/deployment';

function school(options: WorkspaceOptions = {}): Workspace {
  const ws = newSchool(options);
  runSetUp(ws);
  configureSchool(ws);
  runSetUp(ws);
  ws.drive.share(ws.containerId, SCHOOL.deputy, 'editor');
  return ws;
}

function selfTest(ws: Workspace): void {
  ws.run('runPlatformSelfTest', [], { user: SCHOOL.dsl, kind: 'menu' });
  ws.advanceTo(ws.clock.now() + 61_000);
}

function healthLine(ws: Workspace): unknown[] | undefined {
  ws.run('showHealthCheck', [], { user: SCHOOL.dsl, kind: 'menu' });
  return sheetValues(ws, ws.containerId, 'Health').find((r) => r[0] === 'Platform self-test');
}

const FORMULA_TEXT = '=HYPERLINK("http://example.com","click")';

describe('adapting to the tenant', () => {
  it('writes new reports into plain-text cells once the self-test finds the quote prefix shows', () => {
    const ws = school();
    // Google changes under the running deployment: the quote prefix now shows in the cell.
    ws.setPlatform({ quotePrefixHidden: false });
    submit(ws, ordinaryReport({ description: FORMULA_TEXT }));
    expect(registerRows(ws)[0]?.['What happened']).toBe(`'${FORMULA_TEXT}`);
    selfTest(ws);
    expect(JSON.parse(scriptProperties(ws).platformFacts ?? '{}')).toMatchObject({
      textCells: 'format',
      adapted: ['quotePrefix'],
      unresolved: ['quotePrefix'],
    });
    submit(ws, ordinaryReport({ description: FORMULA_TEXT }));
    expect(registerRows(ws)[1]?.['What happened']).toBe(FORMULA_TEXT);
    // Only the register is adapted: the health check keeps saying so until Google is back as assumed.
    expect(healthLine(ws)?.slice(1, 3)).toEqual([
      'Problem',
      'Google behaves differently from what the system assumes: Quote prefix keeps typed text as text. ' +
        'The system has adapted where it can: Quote prefix keeps typed text as text.',
    ]);
    ws.setPlatform({ quotePrefixHidden: true });
    selfTest(ws);
    expect(healthLine(ws)?.slice(1, 3)).toEqual(['OK', 'Google behaves as the system assumes.']);
    submit(ws, ordinaryReport({ description: FORMULA_TEXT }));
    expect(registerRows(ws)[2]?.['What happened']).toBe(FORMULA_TEXT);
  });

  it('falls back from verified email collection once the self-test finds it refused', () => {
    const ws = newSchool({ platform: { verifiedEmailCollection: false } });
    // Set up stops at the refusal (it has made the runner the DSL first), so the self-test can be run.
    expect(() => runSetUp(ws)).toThrow(/Verified email collection is not available/);
    selfTest(ws);
    expect(JSON.parse(scriptProperties(ws).platformFacts ?? '{}')).toMatchObject({
      emailCollection: 'legacy',
    });
    runSetUp(ws);
    configureSchool(ws);
    runSetUp(ws);
    const form = ws.forms.snapshot().find((f) => f.id === deploymentIds(ws).formId) as
      { emailCollection?: string; collectEmail?: boolean } | undefined;
    expect(form).toBeDefined();
    expect(submit(ws, ordinaryReport()).executions.map((e) => e.status)).toEqual(['completed']);
    expect(registerRows(ws)).toHaveLength(1);
  });

  it('shows a difference it cannot adapt to as a health problem (no line before the first run)', () => {
    const ws = school({ platform: { digestHonoursCharset: false } });
    expect(healthLine(ws)).toBeUndefined();
    selfTest(ws);
    expect(healthLine(ws)?.slice(1, 3)).toEqual([
      'Problem',
      'Google behaves differently from what the system assumes: SHA-256 digests.',
    ]);
  });

  it('Set up offers the self-test until it has run once', () => {
    const ws = school();
    const offer = /Run platform self-test/;
    expect(ws.spreadsheets.ui.shown(SCHOOL.dsl).at(-1)?.message).toMatch(offer);
    selfTest(ws);
    runSetUp(ws);
    expect(ws.spreadsheets.ui.shown(SCHOOL.dsl).at(-1)?.message).not.toMatch(offer);
  });
});

describe("the checks never touch the school's files", () => {
  it('lists every file each check opened or created: the spreadsheet (its scratch sheet) and the scratch form', () => {
    const ws = school();
    const ids = deploymentIds(ws);
    const schoolFiles: string[] = [ids.formId, ids.staffAllegationsId, ids.headteacherAllegationsId].filter(
      (id) => id,
    );
    const before = JSON.stringify(ws.spreadsheets.snapshot());
    const formsBefore = JSON.stringify(ws.forms.snapshot().filter((f) => schoolFiles.includes(String(f.id))));
    const opened: Record<string, string[]> = {};
    for (const id of IMMEDIATE_CHECKS) {
      ws.run('runPlatformCheck', [id], { user: SCHOOL.dsl, kind: 'editor' });
      const run = ws.executions.at(-1)?.id;
      const scratchForm = scriptProperties(ws)['selfTest.formId'] ?? '';
      const names = (fileId: string): string =>
        fileId === ws.containerId
          ? 'spreadsheet'
          : fileId === scratchForm
            ? 'scratch form'
            : `OTHER ${fileId}`;
      opened[id] = [
        ...new Set(ws.fileAccess.filter((a) => a.execution === run).map((a) => names(a.fileId))),
      ].sort();
    }
    expect(opened).toEqual({
      quotePrefix: ['spreadsheet'],
      plainTextFormat: ['spreadsheet'],
      zoneChange: ['spreadsheet'],
      newProtection: ['spreadsheet'],
      emptyEditorRemoval: ['spreadsheet'],
      metadataVisibility: ['spreadsheet'],
      emailCollection: ['scratch form', 'spreadsheet'],
      formPublishing: ['scratch form', 'spreadsheet'],
      sha256: ['spreadsheet'],
      intlTimeZones: ['spreadsheet'],
      activeUser: ['spreadsheet'],
      refusedShare: ['scratch form', 'spreadsheet'],
    });
    // The spreadsheet is as it was (its time zone put back, the scratch sheet gone); the school's forms too.
    expect(JSON.stringify(ws.spreadsheets.snapshot())).toBe(before);
    expect(JSON.stringify(ws.forms.snapshot().filter((f) => schoolFiles.includes(String(f.id))))).toBe(
      formsBefore,
    );
    // The whole run, follow-up included, opens nothing else either.
    const first = ws.executions.length;
    selfTest(ws);
    const scratchForm = scriptProperties(ws)['selfTest.formId'];
    const touched = ws.fileAccess.filter((a) => a.execution > first).map((a) => a.fileId);
    expect([...new Set(touched)].sort()).toEqual([ws.containerId, scratchForm].sort());
  });

  it('clears the scratch sheet and reports the errors when checks throw', () => {
    const ws = school();
    // The runner has not granted Forms: the form checks throw half-way through the run.
    ws.auth.grant(
      SCHOOL.dsl,
      ws.auth.manifestScopes().filter((s) => !s.endsWith('/auth/forms')),
    );
    const start = ws.run('runPlatformSelfTest', [], { user: SCHOOL.dsl, kind: 'menu' }) as {
      outcomes: Array<{ id: string; status: string; seen: string }>;
      waiting: boolean;
    };
    expect(start.waiting).toBe(false);
    const failed = start.outcomes.filter((o) => o.status !== 'OK').map((o) => [o.id, o.status]);
    expect(failed).toEqual([
      ['emailCollection', 'Differs'],
      ['formPublishing', 'Differs'],
      ['refusedShare', 'Differs'],
      ['scriptSubmission', 'Not checked'],
    ]);
    expect(start.outcomes.find((o) => o.id === 'emailCollection')?.seen).toMatch(
      /^The check stopped with an error/,
    );
    const names = (ws.spreadsheets.snapshot() as Array<{ id: string; sheets: Array<{ name: string }> }>)
      .find((s) => s.id === ws.containerId)
      ?.sheets.map((s) => s.name);
    expect(names).not.toContain('Self-test scratch');
    expect(ws.script.snapshot().map((t) => t.handler)).not.toContain('finishPlatformSelfTest');
    expect(ws.mail.sent.filter((m) => /platform self-test/.test(m.subject)).map((m) => m.subject)).toEqual([
      'Hillside Primary: platform self-test — 3 difference(s) found',
    ]);
  });
});
