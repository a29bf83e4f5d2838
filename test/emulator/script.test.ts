import { Workspace, type WorkspaceOptions } from '../../emulator/workspace';
import { TOO_MANY_TRIGGERS, type ScriptApp as ScriptAppFacade } from '../../emulator/script';

const HOUR = 3_600_000;
const MINUTE = 60_000;

interface Firing {
  handler: string;
  at: string;
  event: Record<string, unknown>;
}

/** A workspace whose script has the given handlers, each recording when it ran and with what event. */
function setUp(handlers: string[] = ['onSubmit', 'onEdit', 'tick', 'tock'], options: WorkspaceOptions = {}) {
  const ws = new Workspace(options);
  const ScriptApp = ws.globals().ScriptApp as ScriptAppFacade;
  const firings: Firing[] = [];
  const fns: Record<string, (...args: unknown[]) => unknown> = {};
  for (const name of handlers) {
    fns[name] = (e: unknown) => {
      firings.push({
        handler: name,
        at: new Date(ws.clock.now()).toISOString(),
        event: e as Record<string, unknown>,
      });
    };
  }
  ws.installScript(fns);
  /** Runs `body` as an execution of the script (as `user`, by default the owner). */
  const asUser = <T>(body: () => T, user: string = ws.owner): T => {
    let result: T | undefined;
    ws.installScript({ ...fns, __body: () => (result = body()) });
    ws.run('__body', [], { user });
    ws.installScript(fns);
    return result as T;
  };
  return { ws, ScriptApp, firings, fns, asUser };
}

describe('ScriptApp: installing event triggers', () => {
  test('a form-submit trigger runs its handler as its own execution, as the user who installed it', () => {
    const { ws, ScriptApp, firings } = setUp();
    const formId = ws.drive.create('form', 'Report an incident', ws.owner).id;
    const trigger = ScriptApp.newTrigger('onSubmit').forForm(formId).onFormSubmit().create();

    const runs = ws.script.fire('ON_FORM_SUBMIT', formId, (uid) => ({ triggerUid: uid, answer: 'yes' }));

    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      functionName: 'onSubmit',
      kind: 'trigger',
      user: ws.owner,
      status: 'completed',
    });
    expect(runs[0]?.triggerUid).toBe(trigger.getUniqueId());
    expect(firings.map((f) => f.event)).toEqual([{ triggerUid: trigger.getUniqueId(), answer: 'yes' }]);
  });

  test('a trigger reports its handler, event type, source and source id as enum objects', () => {
    const { ws, ScriptApp } = setUp();
    const formId = ws.drive.create('form', 'Form', ws.owner).id;
    const trigger = ScriptApp.newTrigger('onSubmit').forForm(formId).onFormSubmit().create();

    expect(trigger.getHandlerFunction()).toBe('onSubmit');
    expect(trigger.getEventType()).toBe(ScriptApp.EventType.ON_FORM_SUBMIT);
    expect(String(trigger.getEventType())).toBe('ON_FORM_SUBMIT');
    // As on Apps Script, an enum value is not the string of its name.
    expect((trigger.getEventType() as unknown) === 'ON_FORM_SUBMIT').toBe(false);
    expect(trigger.getTriggerSource()).toBe(ScriptApp.TriggerSource.FORMS);
    expect(trigger.getTriggerSourceId()).toBe(formId);
    expect(trigger.getUniqueId()).toMatch(/^\d+$/);
    expect(JSON.stringify({ type: trigger.getEventType() })).toBe('{"type":"ON_FORM_SUBMIT"}');
  });

  test('forSpreadsheet accepts a spreadsheet object or its id, and each event type fires only its own triggers', () => {
    const { ws, ScriptApp, firings } = setUp();
    const other = ws.drive.create('spreadsheet', 'Other', ws.owner).id;
    const spreadsheet = { getId: () => ws.containerId };
    ScriptApp.newTrigger('onEdit').forSpreadsheet(spreadsheet).onEdit().create();
    const change = ScriptApp.newTrigger('tick').forSpreadsheet(ws.containerId).onChange().create();
    ScriptApp.newTrigger('tock').forSpreadsheet(other).onEdit().create();
    const open = ScriptApp.newTrigger('tock').forSpreadsheet(ws.containerId).onOpen().create();
    const submit = ScriptApp.newTrigger('tock').forSpreadsheet(ws.containerId).onFormSubmit().create();

    expect(change.getEventType()).toBe(ScriptApp.EventType.ON_CHANGE);
    expect(open.getEventType()).toBe(ScriptApp.EventType.ON_OPEN);
    expect(submit.getEventType()).toBe(ScriptApp.EventType.ON_FORM_SUBMIT);
    expect(change.getTriggerSource()).toBe(ScriptApp.TriggerSource.SPREADSHEETS);

    ws.script.fire('ON_EDIT', ws.containerId, (uid) => ({ triggerUid: uid }));
    expect(firings.map((f) => f.handler)).toEqual(['onEdit']);
  });

  test('triggers on one event fire in creation order, each as its owner', () => {
    const { ws, ScriptApp, firings, asUser } = setUp();
    const formId = ws.drive.create('form', 'Form', ws.owner).id;
    asUser(
      () => ScriptApp.newTrigger('tock').forForm(formId).onFormSubmit().create(),
      'deputy@school.example',
    );
    asUser(() => ScriptApp.newTrigger('tick').forForm(formId).onFormSubmit().create());

    const runs = ws.script.fire('ON_FORM_SUBMIT', formId, (uid) => ({ triggerUid: uid }));

    expect(firings.map((f) => f.handler)).toEqual(['tock', 'tick']);
    expect(runs.map((r) => r.user)).toEqual(['deputy@school.example', ws.owner]);
    expect(new Set(runs.map((r) => r.id)).size).toBe(2);
  });

  test('with the real form and spreadsheet stores: a Form object installs a trigger that a submission fires', () => {
    const { ws, ScriptApp, firings } = setUp();
    const formId = ws.forms.createForm('Report an incident', ws.owner, true).id;
    const form = ws.forms.openFacade(formId);
    const spreadsheet = ws.spreadsheets.openFacade(ws.containerId);

    const { result: trigger, calls } = ws.calls.measure(() =>
      ScriptApp.newTrigger('onSubmit').forForm(form).onFormSubmit().create(),
    );
    ScriptApp.newTrigger('onEdit').forSpreadsheet(spreadsheet).onEdit().create();
    const submitted = ws.forms.submit(formId, { answers: {} });

    // Reading the form's id is the emulator's business, not a call the script made.
    expect(calls['Form.getId']).toBeUndefined();
    expect(trigger.getTriggerSourceId()).toBe(formId);
    expect(submitted.executions.map((r) => [r.functionName, r.triggerUid])).toEqual([
      ['onSubmit', trigger.getUniqueId()],
    ]);
    expect(firings[0]?.event.triggerUid).toBe(trigger.getUniqueId());
    expect(ScriptApp.getUserTriggers(spreadsheet).map((t) => t.getHandlerFunction())).toEqual(['onEdit']);

    ws.drive.get(ws.containerId)?.editors.add('teacher@school.example');
    const edit = ws.spreadsheets._userEdit('teacher@school.example', ws.containerId, 'Sheet1', 'A1', 'x');
    // The installable edit trigger runs as the user who installed it, not as the editor.
    expect(edit.installable.map((r) => [r.functionName, r.user])).toEqual([['onEdit', ws.owner]]);
  });

  test('a failing handler is recorded as failed and the other triggers still run', () => {
    const { ws, ScriptApp, fns } = setUp(['ok']);
    ws.installScript({
      ...fns,
      broken: () => {
        throw new Error('Sheet not found');
      },
    });
    const formId = ws.drive.create('form', 'Form', ws.owner).id;
    ScriptApp.newTrigger('broken').forForm(formId).onFormSubmit().create();
    ScriptApp.newTrigger('ok').forForm(formId).onFormSubmit().create();

    const runs = ws.script.fire('ON_FORM_SUBMIT', formId, (uid) => ({ triggerUid: uid }));

    expect(runs.map((r) => [r.functionName, r.status, r.error])).toEqual([
      ['broken', 'failed', 'Sheet not found'],
      ['ok', 'completed', undefined],
    ]);
  });

  test("a trigger whose function no longer exists records a failed execution with Apps Script's message", () => {
    const { ws, ScriptApp } = setUp(['kept']);
    const formId = ws.drive.create('form', 'Form', ws.owner).id;
    const trigger = ScriptApp.newTrigger('removedHandler').forForm(formId).onFormSubmit().create();

    const runs = ws.script.fire('ON_FORM_SUBMIT', formId, (uid) => ({ triggerUid: uid }));

    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      functionName: 'removedHandler',
      status: 'failed',
      kind: 'trigger',
      triggerUid: trigger.getUniqueId(),
      error: 'Script function not found: removedHandler',
    });
    expect(ws.executions).toContainEqual(runs[0]);
  });
});

describe('ScriptApp: listing and deleting triggers', () => {
  test("getProjectTriggers lists only the current user's triggers; getUserTriggers only those on a file", () => {
    const { ws, ScriptApp, asUser } = setUp();
    const formId = ws.drive.create('form', 'Form', ws.owner).id;
    asUser(() => {
      ScriptApp.newTrigger('onSubmit').forForm(formId).onFormSubmit().create();
      ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
    });
    asUser(
      () => ScriptApp.newTrigger('tock').timeBased().everyDays(1).atHour(6).create(),
      'deputy@school.example',
    );

    const ownersView = asUser(() => ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction()));
    const deputysView = asUser(
      () => ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction()),
      'deputy@school.example',
    );
    const onForm = asUser(() => ScriptApp.getUserTriggers(formId).map((t) => t.getHandlerFunction()));
    const onFormObject = asUser(() => ScriptApp.getUserTriggers({ getId: () => formId }).length);

    expect(ownersView).toEqual(['onSubmit', 'tick']);
    expect(deputysView).toEqual(['tock']);
    expect(onForm).toEqual(['onSubmit']);
    expect(onFormObject).toBe(1);
    expect(ws.script.list().map((t) => [t.handler, t.owner])).toEqual([
      ['onSubmit', ws.owner],
      ['tick', ws.owner],
      ['tock', 'deputy@school.example'],
    ]);
  });

  test('a clock trigger has no source id', () => {
    const { ScriptApp } = setUp();
    const trigger = ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
    expect(trigger.getTriggerSource()).toBe(ScriptApp.TriggerSource.CLOCK);
    expect(trigger.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(trigger.getTriggerSourceId()).toBeNull();
  });

  test('deleteTrigger removes a trigger found by getProjectTriggers, so it no longer fires', () => {
    const { ws, ScriptApp, firings } = setUp();
    const formId = ws.drive.create('form', 'Form', ws.owner).id;
    ScriptApp.newTrigger('onSubmit').forForm(formId).onFormSubmit().create();
    ScriptApp.newTrigger('tick').forForm(formId).onFormSubmit().create();

    for (const t of ScriptApp.getProjectTriggers()) {
      if (t.getHandlerFunction() === 'onSubmit') ScriptApp.deleteTrigger(t);
    }
    ws.script.fire('ON_FORM_SUBMIT', formId, (uid) => ({ triggerUid: uid }));

    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['tick']);
    expect(firings.map((f) => f.handler)).toEqual(['tick']);
  });

  test('a handler that deletes a later trigger of the same event stops it firing', () => {
    const { ws, ScriptApp, fns, firings } = setUp(['second']);
    ws.installScript({
      ...fns,
      first: () => {
        for (const t of ScriptApp.getProjectTriggers())
          if (t.getHandlerFunction() === 'second') ScriptApp.deleteTrigger(t);
      },
    });
    const formId = ws.drive.create('form', 'Form', ws.owner).id;
    ScriptApp.newTrigger('first').forForm(formId).onFormSubmit().create();
    ScriptApp.newTrigger('second').forForm(formId).onFormSubmit().create();

    const runs = ws.script.fire('ON_FORM_SUBMIT', formId, (uid) => ({ triggerUid: uid }));

    expect(runs.map((r) => r.functionName)).toEqual(['first']);
    expect(firings).toEqual([]);
  });

  test("a user may install 20 triggers; the 21st fails with Apps Script's message, other users are not affected", () => {
    const { ws, ScriptApp, asUser } = setUp();
    for (let i = 0; i < 20; i += 1) ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();

    expect(() => ScriptApp.newTrigger('tick').timeBased().everyHours(1).create()).toThrow(TOO_MANY_TRIGGERS);
    expect(TOO_MANY_TRIGGERS).toBe(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    expect(ws.script.list()).toHaveLength(20);

    asUser(() => ScriptApp.newTrigger('tock').timeBased().everyHours(1).create(), 'deputy@school.example');
    expect(ws.script.list()).toHaveLength(21);

    const first = ScriptApp.getProjectTriggers()[0];
    if (!first) throw new Error('no trigger');
    ScriptApp.deleteTrigger(first);
    expect(() => ScriptApp.newTrigger('tick').timeBased().everyHours(1).create()).not.toThrow();
  });

  test('a simple trigger may not manage triggers (no authorization)', () => {
    const { ws, ScriptApp, fns } = setUp();
    ws.installScript({ ...fns, onOpen: () => ScriptApp.getProjectTriggers() });

    const run = ws.runRecorded('onOpen', [{}], { kind: 'simple' });

    expect(run.status).toBe('failed');
    expect(run.error).toBe(
      'You do not have permission to call ScriptApp.getProjectTriggers. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
    );
    ws.installScript({ ...fns, onOpen: () => ScriptApp.newTrigger('tick') });
    expect(ws.runRecorded('onOpen', [{}], { kind: 'simple' }).error).toMatch(
      /permission to call ScriptApp.newTrigger/,
    );
  });

  test('getScriptId, call counting and members that are not emulated', () => {
    const { ws, ScriptApp } = setUp([], { scriptId: 'my-script-id' });
    expect(ScriptApp.getScriptId()).toBe('my-script-id');

    const { calls } = ws.calls.measure(() => ScriptApp.newTrigger('tick').timeBased().everyHours(1).create());
    expect(calls).toEqual({
      'ScriptApp.newTrigger': 1,
      'TriggerBuilder.timeBased': 1,
      'ClockTriggerBuilder.everyHours': 1,
      'ClockTriggerBuilder.create': 1,
    });
    expect(() => (ScriptApp as unknown as { getService(): unknown }).getService()).toThrow(
      'not emulated: ScriptApp.getService',
    );
  });
});

describe('ScriptApp: builder errors', () => {
  test("everyMinutes and everyHours accept only Apps Script's intervals", () => {
    const { ScriptApp } = setUp();
    const clock = () => ScriptApp.newTrigger('tick').timeBased();
    for (const n of [1, 5, 10, 15, 30]) expect(() => clock().everyMinutes(n)).not.toThrow();
    for (const n of [0, 2, 20, 60]) {
      expect(() => clock().everyMinutes(n)).toThrow(
        'The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.',
      );
    }
    for (const n of [1, 2, 4, 6, 8, 12]) expect(() => clock().everyHours(n)).not.toThrow();
    for (const n of [0, 3, 24])
      expect(() => clock().everyHours(n)).toThrow('The value you passed to everyHours was invalid.');
  });

  test('hours, minutes, days and time zones out of range are invalid arguments', () => {
    const { ScriptApp } = setUp();
    const clock = () => ScriptApp.newTrigger('tick').timeBased();
    expect(() => clock().atHour(24)).toThrow('Invalid argument: hour');
    expect(() => clock().atHour(-1)).toThrow('Invalid argument: hour');
    expect(() => clock().nearMinute(60)).toThrow('Invalid argument: minute');
    expect(() => clock().everyDays(0)).toThrow('Invalid argument: n');
    expect(() => clock().inTimezone('Mars/Olympus_Mons')).toThrow('Invalid argument: timezone');
    expect(() => clock().after(-1)).toThrow('Invalid argument: durationMilliseconds');
    expect(() => ScriptApp.newTrigger('')).toThrow('Invalid argument: functionName');
  });

  test('onWeekDay takes a ScriptApp.WeekDay value, not its name', () => {
    const { ScriptApp } = setUp();
    expect(() =>
      ScriptApp.newTrigger('tick')
        .timeBased()
        .onWeekDay('MONDAY' as never),
    ).toThrow(
      "The parameters (String) don't match the method signature for ScriptApp.ClockTriggerBuilder.onWeekDay.",
    );
    expect(() =>
      ScriptApp.newTrigger('tick')
        .timeBased()
        .onWeekDay(ScriptApp.WeekDay.MONDAY as never),
    ).not.toThrow();
  });

  test('invalid combinations fail on create()', () => {
    const { ws, ScriptApp } = setUp();
    const clock = () => ScriptApp.newTrigger('tick').timeBased();
    expect(() => clock().create()).toThrow(/needs a schedule/);
    expect(() => clock().atHour(7).create()).toThrow(/needs a schedule/);
    expect(() => clock().everyMinutes(5).atHour(7).create()).toThrow(/atHour needs everyDays/);
    expect(() => clock().everyHours(1).atHour(7).create()).toThrow(/atHour needs everyDays/);
    expect(() => clock().after(1000).nearMinute(5).create()).toThrow(/nearMinute needs everyDays/);
    expect(() => clock().everyDays(1).everyHours(2).create()).toThrow(
      /everyDays and everyHours were both given/,
    );
    expect(() =>
      clock()
        .everyDays(1)
        .onWeekDay(ScriptApp.WeekDay.FRIDAY as never)
        .create(),
    ).toThrow(/both given/);
    expect(() => ScriptApp.newTrigger('tick').forForm('some-form').create()).toThrow(/needs an event/);
    expect(() => ScriptApp.newTrigger('tick').forSpreadsheet(ws.containerId).create()).toThrow(
      /needs an event/,
    );
    expect(ws.script.list()).toEqual([]);
  });
});

describe('ScriptApp: clock triggers', () => {
  test('everyMinutes(15) fires every 15 minutes from creation, with the clock at each due time', () => {
    const { ws, ScriptApp, firings } = setUp();
    ScriptApp.newTrigger('tick').timeBased().everyMinutes(15).create();

    const runs = ws.advanceTo(ws.clock.now() + HOUR + 5 * MINUTE);

    expect(firings.map((f) => f.at)).toEqual([
      '2026-09-07T08:15:00.000Z',
      '2026-09-07T08:30:00.000Z',
      '2026-09-07T08:45:00.000Z',
      '2026-09-07T09:00:00.000Z',
    ]);
    expect(runs.map((r) => r.kind)).toEqual(['trigger', 'trigger', 'trigger', 'trigger']);
    expect(new Date(ws.clock.now()).toISOString()).toBe('2026-09-07T09:05:00.000Z');
  });

  test('triggers fall due in time order across triggers, creation order on a tie', () => {
    const { ws, ScriptApp, firings } = setUp();
    ScriptApp.newTrigger('tock').timeBased().everyMinutes(30).create();
    ScriptApp.newTrigger('tick').timeBased().everyMinutes(15).create();

    ws.advanceTo(ws.clock.now() + HOUR);

    expect(firings.map((f) => `${f.at.slice(11, 16)} ${f.handler}`)).toEqual([
      '08:15 tick',
      '08:30 tock',
      '08:30 tick',
      '08:45 tick',
      '09:00 tock',
      '09:00 tick',
    ]);
  });

  test('everyHours(6) fires four times a day', () => {
    const { ws, ScriptApp, firings } = setUp();
    ScriptApp.newTrigger('tick').timeBased().everyHours(6).create();
    ws.advanceTo(ws.clock.now() + 24 * HOUR);
    expect(firings.map((f) => f.at.slice(11, 16))).toEqual(['14:00', '20:00', '02:00', '08:00']);
  });

  test('everyHours(1).nearMinute(30) fires at half past each hour', () => {
    const { ws, ScriptApp, firings } = setUp();
    ScriptApp.newTrigger('tick').timeBased().everyHours(1).nearMinute(30).create();
    ws.advanceTo(ws.clock.now() + 3 * HOUR);
    expect(firings.map((f) => f.at.slice(11, 16))).toEqual(['08:30', '09:30', '10:30']);
  });

  test('a daily 07:00 Europe/London trigger fires at 06:00Z in summer time and 07:00Z after the clocks go back', () => {
    const { ws, ScriptApp, firings } = setUp(['tick'], {
      now: '2026-10-22T12:00:00Z',
      timeZone: 'Europe/London',
    });
    ScriptApp.newTrigger('tick').timeBased().everyDays(1).atHour(7).create();

    ws.advanceTo('2026-10-28T12:00:00Z');

    // UK clocks go back at 02:00 BST on Sunday 25 October 2026.
    expect(firings.map((f) => f.at)).toEqual([
      '2026-10-23T06:00:00.000Z',
      '2026-10-24T06:00:00.000Z',
      '2026-10-25T07:00:00.000Z',
      '2026-10-26T07:00:00.000Z',
      '2026-10-27T07:00:00.000Z',
      '2026-10-28T07:00:00.000Z',
    ]);
  });

  test('the daily trigger keeps its local time when the clocks go forward in spring', () => {
    const { ws, ScriptApp, firings } = setUp(['tick'], {
      now: '2027-03-26T12:00:00Z',
      timeZone: 'Europe/London',
    });
    ScriptApp.newTrigger('tick').timeBased().everyDays(1).atHour(7).nearMinute(30).create();

    ws.advanceTo('2027-03-30T00:00:00Z');

    // UK clocks go forward at 01:00 GMT on Sunday 28 March 2027.
    expect(firings.map((f) => f.at)).toEqual([
      '2027-03-27T07:30:00.000Z',
      '2027-03-28T06:30:00.000Z',
      '2027-03-29T06:30:00.000Z',
    ]);
  });

  test('inTimezone sets the zone of atHour; everyDays(2) skips a day', () => {
    const { ws, ScriptApp, firings } = setUp();
    ScriptApp.newTrigger('tick')
      .timeBased()
      .inTimezone('America/New_York')
      .everyDays(2)
      .atHour(9)
      .nearMinute(15)
      .create();

    ws.advanceTo('2026-09-12T00:00:00Z');

    // 09:15 EDT is 13:15Z; the trigger was created at 04:00 New York time, so the first run is the same day.
    expect(firings.map((f) => f.at)).toEqual([
      '2026-09-07T13:15:00.000Z',
      '2026-09-09T13:15:00.000Z',
      '2026-09-11T13:15:00.000Z',
    ]);
  });

  test('onWeekDay(MONDAY).atHour(8) fires on Mondays at 08:00 local time only', () => {
    const { ws, ScriptApp, firings } = setUp();
    // Created on Monday at 09:00 BST: today's 08:00 has passed, so the first run is next Monday.
    ScriptApp.newTrigger('tick')
      .timeBased()
      .onWeekDay(ScriptApp.WeekDay.MONDAY as never)
      .atHour(8)
      .create();

    ws.advanceTo('2026-09-29T00:00:00Z');

    expect(firings.map((f) => f.at)).toEqual([
      '2026-09-14T07:00:00.000Z',
      '2026-09-21T07:00:00.000Z',
      '2026-09-28T07:00:00.000Z',
    ]);
    expect(firings.map((f) => f.event['day-of-week'])).toEqual([1, 1, 1]);
  });

  test('everyWeeks(2).onWeekDay(FRIDAY) fires every other Friday', () => {
    const { ws, ScriptApp, firings } = setUp();
    ScriptApp.newTrigger('tick')
      .timeBased()
      .everyWeeks(2)
      .onWeekDay(ScriptApp.WeekDay.FRIDAY as never)
      .atHour(17)
      .create();

    ws.advanceTo('2026-10-10T00:00:00Z');

    expect(firings.map((f) => f.at)).toEqual([
      '2026-09-11T16:00:00.000Z',
      '2026-09-25T16:00:00.000Z',
      '2026-10-09T16:00:00.000Z',
    ]);
  });

  test('onMonthDay(31) runs on the 31st and skips shorter months', () => {
    const { ws, ScriptApp, firings } = setUp();
    ScriptApp.newTrigger('tick').timeBased().onMonthDay(31).atHour(6).create();

    ws.advanceTo('2027-01-01T00:00:00Z');

    expect(firings.map((f) => f.at.slice(0, 10))).toEqual(['2026-10-31', '2026-12-31']);
  });

  test('at(date) and after(ms) fire once, then the trigger is gone', () => {
    const { ws, ScriptApp, firings } = setUp();
    ScriptApp.newTrigger('tick').timeBased().at(new Date('2026-09-07T10:00:00Z')).create();
    ScriptApp.newTrigger('tock')
      .timeBased()
      .after(90 * MINUTE)
      .create();
    ScriptApp.newTrigger('tick').timeBased().atDate(2026, 9, 9).create();

    ws.advanceTo('2026-09-20T00:00:00Z');

    expect(firings.map((f) => `${f.handler} ${f.at}`)).toEqual([
      'tock 2026-09-07T09:30:00.000Z',
      'tick 2026-09-07T10:00:00.000Z',
      // atDate: near midnight, local time (BST).
      'tick 2026-09-08T23:00:00.000Z',
    ]);
    expect(ws.script.list()).toEqual([]);
  });

  test('the time-driven event carries the time (UTC), the trigger id and authMode FULL', () => {
    const { ws, ScriptApp, firings } = setUp();
    const trigger = ScriptApp.newTrigger('tick')
      .timeBased()
      .after(HOUR + 30 * 1000)
      .create();

    ws.advanceTo('2026-09-08T00:00:00Z');

    expect(firings[0]?.event).toEqual({
      authMode: ScriptApp.AuthMode.FULL,
      year: 2026,
      month: 9,
      'day-of-month': 7,
      'day-of-week': 1,
      'week-of-year': 37,
      hour: 9,
      minute: 0,
      second: 30,
      timezone: 'UTC',
      triggerUid: trigger.getUniqueId(),
    });
  });

  test('a handler may create a trigger that falls due within the same advance', () => {
    const { ws, ScriptApp, fns, firings } = setUp(['followUp']);
    ws.installScript({
      ...fns,
      daily: () => {
        ScriptApp.newTrigger('followUp')
          .timeBased()
          .after(10 * MINUTE)
          .create();
      },
    });
    ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(12).create();

    const runs = ws.advanceTo('2026-09-08T00:00:00Z');

    expect(runs.map((r) => `${r.functionName} ${new Date(r.startedAt).toISOString()}`)).toEqual([
      'daily 2026-09-07T11:00:00.000Z',
      'followUp 2026-09-07T11:10:00.000Z',
    ]);
    expect(firings).toHaveLength(1);
  });

  test('fireTrigger runs one trigger now without moving the clock; a one-off trigger is then gone', () => {
    const { ws, ScriptApp, firings } = setUp();
    const daily = ScriptApp.newTrigger('tick').timeBased().everyDays(1).atHour(7).create();
    const once = ScriptApp.newTrigger('tock').timeBased().after(HOUR).create();
    const before = ws.clock.now();

    const run = ws.script.fireTrigger(daily.getUniqueId());
    ws.script.fireTrigger(once.getUniqueId());

    expect(run).toMatchObject({ functionName: 'tick', kind: 'trigger', triggerUid: daily.getUniqueId() });
    expect(ws.clock.now()).toBe(before);
    expect(firings.map((f) => f.event.triggerUid)).toEqual([daily.getUniqueId(), once.getUniqueId()]);
    expect(ws.script.list().map((t) => t.uid)).toEqual([daily.getUniqueId()]);
    expect(() => ws.script.fireTrigger('nope')).toThrow('No trigger nope');
  });

  test('advanceTo never goes back; with no triggers it only moves the clock', () => {
    const { ws } = setUp();
    expect(ws.advanceTo('2026-09-08T00:00:00Z')).toEqual([]);
    expect(ws.clock.now()).toBe(Date.parse('2026-09-08T00:00:00Z'));
    expect(() => ws.advanceTo('2026-09-07T00:00:00Z')).toThrow(/never runs backwards/);
  });

  test('snapshot describes each trigger, its owner and its schedule', () => {
    const { ws, ScriptApp } = setUp();
    const formId = ws.drive.create('form', 'Form', ws.owner).id;
    ScriptApp.newTrigger('onSubmit').forForm(formId).onFormSubmit().create();
    ScriptApp.newTrigger('tick')
      .timeBased()
      .onWeekDay(ScriptApp.WeekDay.MONDAY as never)
      .atHour(7)
      .create();

    expect(ws.script.snapshot()).toEqual([
      expect.objectContaining({
        handler: 'onSubmit',
        eventType: 'ON_FORM_SUBMIT',
        source: 'FORMS',
        sourceId: formId,
        schedule: null,
      }),
      expect.objectContaining({
        handler: 'tick',
        eventType: 'CLOCK',
        source: 'CLOCK',
        sourceId: null,
        owner: ws.owner,
        schedule: 'every week on MONDAY at 07:00 Europe/London',
        nextDue: '2026-09-14T06:00:00.000Z',
      }),
    ]);
    expect(JSON.parse(JSON.stringify(ws.script.snapshot()))).toEqual(ws.script.snapshot());
  });
});
