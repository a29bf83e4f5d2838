import { Workspace } from '../../emulator/workspace';
import {
  MAX_STORE_BYTES,
  MAX_VALUE_BYTES,
  STORE_QUOTA_EXCEEDED,
  VALUE_TOO_LARGE,
  type PropertiesService as PropertiesServiceFacade,
} from '../../emulator/properties';

function setUp() {
  const ws = new Workspace();
  const PropertiesService = ws.globals().PropertiesService as PropertiesServiceFacade;
  /** Runs `body` as an execution by `user`. */
  const asUser = <T>(user: string, body: () => T): T => {
    ws.installScript({ body });
    return ws.run('body', [], { user }) as T;
  };
  return { ws, PropertiesService, asUser };
}

describe('PropertiesService: reading and writing', () => {
  test('a missing property is null; values are stored as strings', () => {
    const { PropertiesService } = setUp();
    const props = PropertiesService.getScriptProperties();
    expect(props.getProperty('nextIncident')).toBeNull();

    props.setProperty('nextIncident', 42 as unknown as string).setProperty('flag', true as unknown as string);

    expect(props.getProperty('nextIncident')).toBe('42');
    expect(props.getProperty('flag')).toBe('true');
    expect(PropertiesService.getScriptProperties().getProperty('nextIncident')).toBe('42');
  });

  test('getProperties returns a copy; getKeys lists the keys', () => {
    const { PropertiesService } = setUp();
    const props = PropertiesService.getScriptProperties();
    props.setProperties({ a: '1', b: '2' });

    const copy = props.getProperties();
    copy.a = 'changed';
    copy.c = 'added';

    expect(props.getProperties()).toEqual({ a: '1', b: '2' });
    expect(props.getKeys()).toEqual(['a', 'b']);
  });

  test('setProperties merges, or replaces everything with deleteAllOthers', () => {
    const { PropertiesService } = setUp();
    const props = PropertiesService.getScriptProperties();
    props.setProperties({ a: '1', b: '2' });
    props.setProperties({ b: '3', c: '4' });
    expect(props.getProperties()).toEqual({ a: '1', b: '3', c: '4' });

    props.setProperties({ d: '5' }, true);
    expect(props.getProperties()).toEqual({ d: '5' });
  });

  test('deleteProperty and deleteAllProperties', () => {
    const { PropertiesService } = setUp();
    const props = PropertiesService.getScriptProperties();
    props.setProperties({ a: '1', b: '2', c: '3' });
    props.deleteProperty('b').deleteProperty('not-there');
    expect(props.getKeys()).toEqual(['a', 'c']);
    props.deleteAllProperties();
    expect(props.getProperties()).toEqual({});
  });

  test('values last from one execution to the next', () => {
    const { ws, PropertiesService } = setUp();
    ws.installScript({
      write: () => PropertiesService.getScriptProperties().setProperty('lastRun', 'monday'),
      read: () => PropertiesService.getScriptProperties().getProperty('lastRun'),
    });
    ws.run('write');
    expect(ws.run('read')).toBe('monday');
  });

  test('calls are counted per method', () => {
    const { ws, PropertiesService } = setUp();
    const { calls } = ws.calls.measure(() => {
      const props = PropertiesService.getScriptProperties();
      props.setProperty('a', '1');
      props.getProperty('a');
    });
    expect(calls).toEqual({
      'PropertiesService.getScriptProperties': 1,
      'Properties.setProperty': 1,
      'Properties.getProperty': 1,
    });
  });
});

describe('PropertiesService: the three stores', () => {
  test('script, document and user stores are separate', () => {
    const { PropertiesService } = setUp();
    PropertiesService.getScriptProperties().setProperty('k', 'script');
    PropertiesService.getDocumentProperties().setProperty('k', 'document');
    PropertiesService.getUserProperties().setProperty('k', 'user');

    expect(PropertiesService.getScriptProperties().getProperty('k')).toBe('script');
    expect(PropertiesService.getDocumentProperties().getProperty('k')).toBe('document');
    expect(PropertiesService.getUserProperties().getProperty('k')).toBe('user');
  });

  test('each user sees only their own user properties; all share the script properties', () => {
    const { ws, PropertiesService, asUser } = setUp();
    asUser('dsl@school.example', () => {
      PropertiesService.getUserProperties().setProperty('draft', 'dsl draft');
      PropertiesService.getScriptProperties().setProperty('shared', 'yes');
    });

    const teacherSees = asUser('teacher@school.example', () => [
      PropertiesService.getUserProperties().getProperty('draft'),
      PropertiesService.getScriptProperties().getProperty('shared'),
    ]);
    const dslSees = asUser('DSL@school.example', () =>
      PropertiesService.getUserProperties().getProperty('draft'),
    );

    expect(teacherSees).toEqual([null, 'yes']);
    expect(dslSees).toBe('dsl draft');
    expect(ws.properties.snapshot()).toEqual({
      script: { shared: 'yes' },
      document: {},
      user: { 'dsl@school.example': { draft: 'dsl draft' } },
    });
  });
});

describe('PropertiesService: limits', () => {
  test("a value may be 9 KB; one byte more fails with Apps Script's message and stores nothing", () => {
    const { PropertiesService } = setUp();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('big', 'x'.repeat(MAX_VALUE_BYTES));
    expect(props.getProperty('big')).toHaveLength(9 * 1024);

    expect(() => props.setProperty('big', 'y'.repeat(MAX_VALUE_BYTES + 1))).toThrow(
      'Argument too large: value',
    );
    expect(VALUE_TOO_LARGE).toBe('Argument too large: value');
    expect(props.getProperty('big')).toBe('x'.repeat(MAX_VALUE_BYTES));
  });

  test('the value limit counts UTF-8 bytes, not characters', () => {
    const { PropertiesService } = setUp();
    const props = PropertiesService.getScriptProperties();
    const emoji = '\u{1F600}'; // four bytes in UTF-8
    props.setProperty('ok', emoji.repeat(MAX_VALUE_BYTES / 4));
    expect(() => props.setProperty('tooBig', emoji.repeat(MAX_VALUE_BYTES / 4) + 'x')).toThrow(
      VALUE_TOO_LARGE,
    );
  });

  test('a store holds at most 500 KB; the write that would pass it fails and changes nothing', () => {
    const { PropertiesService, ws } = setUp();
    const props = PropertiesService.getScriptProperties();
    const value = 'v'.repeat(9000);
    let stored = 0;
    let error: unknown;
    try {
      for (;;) {
        props.setProperty(`key${String(stored).padStart(3, '0')}`, value);
        stored += 1;
      }
    } catch (e) {
      error = e;
    }

    expect((error as Error).message).toBe(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(STORE_QUOTA_EXCEEDED).toBe((error as Error).message);
    // 56 entries of 9006 bytes fit in 500 KB; the 57th does not.
    expect(stored).toBe(Math.floor(MAX_STORE_BYTES / (9000 + 6)));
    expect(props.getKeys()).toHaveLength(stored);
    expect(ws.properties.bytesUsed(ws.properties.scriptStore())).toBeLessThanOrEqual(MAX_STORE_BYTES);

    // Overwriting a key counts its new size, not both; other stores have their own quota.
    props.setProperty('key000', 'small');
    props.setProperty('another', value);
    expect(() => PropertiesService.getUserProperties().setProperty('mine', value)).not.toThrow();
  });

  test('setProperties is all or nothing', () => {
    const { PropertiesService } = setUp();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('keep', 'me');
    expect(() => props.setProperties({ a: '1', b: 'x'.repeat(MAX_VALUE_BYTES + 1) }, true)).toThrow(
      VALUE_TOO_LARGE,
    );
    expect(props.getProperties()).toEqual({ keep: 'me' });
  });
});
