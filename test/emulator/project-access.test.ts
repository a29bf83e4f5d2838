/**
 * What an editor of the container spreadsheet can do to the bound script project: read and change its
 * script properties (and its code), so a trigger the DSL installed would then act on that person's settings
 * as the DSL. The product's promises must be stated against this; these tests pin the capability down.
 */
import { Workspace } from '../../emulator/workspace';

const DSL = 'dsl@school.example';
const DEPUTY = 'deputy@school.example';
const VIEWER = 'governor@school.example';
const STRANGER = 'someone@elsewhere.example';

function setUp(): Workspace {
  const ws = new Workspace();
  ws.drive.share(ws.containerId, DEPUTY, 'editor');
  ws.drive.share(ws.containerId, VIEWER, 'viewer');
  return ws;
}

describe('the script project and its editors', () => {
  test('exactly the editors of the container spreadsheet can edit the script', () => {
    // Bound scripts: "Any editors of the container file can edit the script"
    // (https://developers.google.com/apps-script/guides/bound).
    const ws = setUp();
    expect(ws.project.canEditScript(DSL)).toBe(true);
    expect(ws.project.canEditScript(DEPUTY)).toBe(true);
    expect(ws.project.canEditScript(VIEWER)).toBe(false);
    expect(ws.project.canEditScript(STRANGER)).toBe(false);
    ws.drive.unshare(ws.containerId, DEPUTY);
    expect(ws.project.canEditScript(DEPUTY)).toBe(false);
  });

  test("an editor's change to the script properties is what the DSL's trigger then reads, as the DSL", () => {
    const ws = setUp();
    const read: Array<{ as: string; route: string | null }> = [];
    const props = ws.globals().PropertiesService as GoogleAppsScript.Properties.PropertiesService;
    ws.installScript({
      nightly: () =>
        read.push({ as: ws.activeUser(), route: props.getScriptProperties().getProperty('route') }),
    });
    ws.run('nightly', [], { user: DSL, kind: 'trigger' });
    ws.properties.scriptStore().set('old', 'x');
    const before = ws.calls.total();
    ws.project.setScriptPropertiesAs(DEPUTY, { route: 'deputy@school.example', old: null });
    expect(ws.calls.total()).toBe(before);
    ws.run('nightly', [], { user: DSL, kind: 'trigger' });
    expect(read).toEqual([
      { as: DSL, route: null },
      { as: DSL, route: 'deputy@school.example' },
    ]);
    expect(ws.project.scriptPropertiesAs(DSL)).toEqual({ route: 'deputy@school.example' });
    expect(ws.project.tampering).toEqual([
      {
        user: DEPUTY,
        at: '2026-09-07T08:00:00.000Z',
        changes: { route: 'deputy@school.example', old: null },
      },
    ]);
  });

  test('a viewer or a stranger can neither read nor change the script properties', () => {
    const ws = setUp();
    ws.properties.scriptStore().set('route', 'dsl@school.example');
    for (const who of [VIEWER, STRANGER]) {
      expect(() => ws.project.scriptPropertiesAs(who)).toThrow(/cannot open the script project/);
      expect(() => ws.project.setScriptPropertiesAs(who, { route: who })).toThrow(
        /cannot open the script project/,
      );
    }
    expect(ws.project.scriptPropertiesAs(DEPUTY)).toEqual({ route: 'dsl@school.example' });
    expect(ws.project.tampering).toEqual([]);
  });
});
