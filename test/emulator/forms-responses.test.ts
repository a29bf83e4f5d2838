/** FormResponse and ItemResponse: reading responses, and a script building and submitting its own. */
import type { Workspace } from '../../emulator/workspace';
import type { EmulatedForm, EmulatedFormApp } from '../../emulator/forms';
import { asItem, formsWorkspace } from './support';

interface Fixture {
  ws: Workspace;
  FormApp: EmulatedFormApp;
  form: EmulatedForm;
  platform: GoogleAppsScript.Forms.TextItem;
  categories: GoogleAppsScript.Forms.CheckboxItem;
  when: GoogleAppsScript.Forms.DateItem;
}

function setup(): Fixture {
  const { ws, FormApp } = formsWorkspace();
  const form = FormApp.create('Report', true);
  const platform = form.addTextItem().setTitle('Platform');
  const categories = form
    .addCheckboxItem()
    .setTitle('Categories')
    .setChoiceValues(['Bullying', 'Grooming', 'Scam']);
  const when = form.addDateItem().setTitle('When');
  return { ws, FormApp, form, platform, categories, when };
}

/** Installs an onFormSubmit trigger whose handler records the events it receives. */
function recordSubmits(ws: Workspace, form: EmulatedForm): unknown[] {
  const events: unknown[] = [];
  ws.installScript({ onSubmit: (e: unknown) => void events.push(e) });
  const ScriptApp = ws.globals().ScriptApp as GoogleAppsScript.Script.ScriptApp;
  ScriptApp.newTrigger('onSubmit').forForm(form).onFormSubmit().create();
  return events;
}

describe('a response the script builds itself', () => {
  test('is unsubmitted until submit(): no id, no timestamp, nothing stored', () => {
    const { form, platform } = setup();
    const draft = form.createResponse().withItemResponse(platform.createResponse('Roblox'));
    expect(draft.getId()).toBeNull();
    expect(draft.getTimestamp()).toBeNull();
    expect(draft.getItemResponses().map((r) => r.getResponse())).toEqual(['Roblox']);
    expect(form.getResponses()).toHaveLength(0);
  });

  test('submit() stores it with the clock’s time and gives it an id', () => {
    const { ws, form, platform } = setup();
    ws.clock.set('2026-09-08T10:15:00Z');
    const submitted = form.createResponse().withItemResponse(platform.createResponse('Roblox')).submit();
    expect(typeof submitted.getId()).toBe('string');
    expect(submitted.getTimestamp().getTime()).toBe(Date.parse('2026-09-08T10:15:00Z'));
    expect(submitted.getRespondentEmail()).toBe('');
    const [stored] = form.getResponses();
    expect(stored?.getId()).toBe(submitted.getId());
    expect(form.getResponse(submitted.getId()).getItemResponses()[0]?.getResponse()).toBe('Roblox');
  });

  test('a script’s own submission fires no form-submit trigger', () => {
    const { ws, form, platform } = setup();
    const events = recordSubmits(ws, form);
    form.createResponse().withItemResponse(platform.createResponse('x')).submit();
    expect(events).toHaveLength(0);
    expect(ws.executions).toHaveLength(0);
  });

  test('an unpublished form takes no submission', () => {
    const { form, platform } = setup();
    form.setPublished(false);
    const draft = form.createResponse().withItemResponse(platform.createResponse('x'));
    expect(() => draft.submit()).toThrow('Operation not supported on unpublished form');
  });

  test('item responses come back in form order, whatever order they were added in', () => {
    const { ws, form, platform, categories, when } = setup();
    const response = form
      .createResponse()
      .withItemResponse(when.createResponse(ws.newDate(Date.parse('2026-09-01T12:00:00Z'))))
      .withItemResponse(categories.createResponse(['Scam']))
      .withItemResponse(platform.createResponse('WhatsApp'))
      .submit();
    expect(response.getItemResponses().map((r) => [r.getItem().getTitle(), r.getResponse()])).toEqual([
      ['Platform', 'WhatsApp'],
      ['Categories', ['Scam']],
      ['When', '2026-09-01'],
    ]);
  });

  test('withItemResponse replaces an earlier answer to the same question', () => {
    const { form, platform } = setup();
    const response = form
      .createResponse()
      .withItemResponse(platform.createResponse('first'))
      .withItemResponse(platform.createResponse('second'))
      .submit();
    expect(response.getItemResponses().map((r) => r.getResponse())).toEqual(['second']);
  });

  test('an answer built on another form’s item is refused', () => {
    const { FormApp, form } = setup();
    const foreign = FormApp.create('Other', true).addTextItem().createResponse('x');
    expect(() => form.createResponse().withItemResponse(foreign)).toThrow('Invalid argument: response');
    expect(() => form.createResponse().withItemResponse('x' as never)).toThrow(
      "don't match the method signature",
    );
  });

  test('editing a submitted response keeps its id and replaces its answers', () => {
    const { ws, form, platform, categories } = setup();
    const original = form.createResponse().withItemResponse(platform.createResponse('Snapchat')).submit();
    ws.clock.advance(60_000);
    form
      .getResponse(original.getId())
      .withItemResponse(categories.createResponse(['Bullying']))
      .submit();
    const responses = form.getResponses();
    expect(responses).toHaveLength(1);
    expect(responses[0]?.getId()).toBe(original.getId());
    expect(responses[0]?.getItemResponses().map((r) => r.getResponse())).toEqual(['Snapchat', ['Bullying']]);
    expect(responses[0]?.getTimestamp().getTime()).toBe(ws.clock.now());
  });
});

describe('reading responses', () => {
  test('getResponseForItem answers null for an unanswered question', () => {
    const { form, platform, categories } = setup();
    const response = form.createResponse().withItemResponse(platform.createResponse('Discord')).submit();
    expect(response.getResponseForItem(asItem(platform)).getResponse()).toBe('Discord');
    expect(response.getResponseForItem(asItem(categories))).toBeNull();
    const generic = form.getItems()[0] as GoogleAppsScript.Forms.Item;
    expect(response.getResponseForItem(generic).getItem().getId()).toBe(platform.getId());
  });

  test('getResponseForItem refuses another form’s item', () => {
    const { FormApp, form, platform } = setup();
    const response = form.createResponse().withItemResponse(platform.createResponse('x')).submit();
    const foreign = FormApp.create('Other').addTextItem();
    expect(() => response.getResponseForItem(asItem(foreign))).toThrow('Invalid argument: item');
  });

  test('getResponses(since) gives the responses at or after a time, in time order', () => {
    const { ws, form, platform } = setup();
    const times = ['2026-09-08T09:00:00Z', '2026-09-08T10:00:00Z', '2026-09-08T11:00:00Z'];
    for (const [i, t] of times.entries()) {
      ws.clock.set(t);
      form
        .createResponse()
        .withItemResponse(platform.createResponse(`r${i}`))
        .submit();
    }
    const since = form.getResponses(ws.newDate(Date.parse(times[1] as string)));
    expect(since.map((r) => r.getItemResponses()[0]?.getResponse())).toEqual(['r1', 'r2']);
    expect(form.getResponses()).toHaveLength(3);
    expect(() => form.getResponses('yesterday' as never)).toThrow("don't match the method signature");
  });

  test('timestamps are Dates of the script’s realm', () => {
    const { ws, form, platform } = setup();
    class ScriptDate extends Date {}
    ws.realm = { Date: ScriptDate as DateConstructor };
    const response = form.createResponse().withItemResponse(platform.createResponse('x')).submit();
    expect(response.getTimestamp()).toBeInstanceOf(ScriptDate);
  });

  test('getResponse, deleteResponse and deleteAllResponses', () => {
    const { form, platform } = setup();
    const a = form.createResponse().withItemResponse(platform.createResponse('a')).submit();
    form.createResponse().withItemResponse(platform.createResponse('b')).submit();
    expect(() => form.getResponse('nope')).toThrow('Invalid argument: responseId');
    form.deleteResponse(a.getId());
    expect(form.getResponses().map((r) => r.getItemResponses()[0]?.getResponse())).toEqual(['b']);
    expect(() => form.deleteResponse(a.getId())).toThrow('Invalid argument: responseId');
    form.deleteAllResponses();
    expect(form.getResponses()).toEqual([]);
  });

  test('the edit-response URL names the published form and the response', () => {
    const { form, platform } = setup();
    const response = form.createResponse().withItemResponse(platform.createResponse('x')).submit();
    const url = response.getEditResponseUrl();
    expect(url).toContain('/viewform?edit2=');
    expect(url).toContain(response.getId());
    expect(url.startsWith(form.getPublishedUrl())).toBe(true);
  });

  test('an answer to a since-deleted question no longer shows', () => {
    const { form, platform, categories } = setup();
    const response = form
      .createResponse()
      .withItemResponse(platform.createResponse('x'))
      .withItemResponse(categories.createResponse(['Scam']))
      .submit();
    form.deleteItem(asItem(platform));
    expect(
      form
        .getResponse(response.getId())
        .getItemResponses()
        .map((r) => r.getResponse()),
    ).toEqual([['Scam']]);
  });
});

describe('ItemResponse', () => {
  test('getItem is a generic Item to cast; unmodelled members are not emulated', () => {
    const { form, categories } = setup();
    const response = form
      .createResponse()
      .withItemResponse(categories.createResponse(['Scam']))
      .submit();
    const itemResponse = response.getItemResponses()[0] as GoogleAppsScript.Forms.ItemResponse;
    const item = itemResponse.getItem();
    expect(String(item)).toBe('Item');
    expect(item.asCheckboxItem().getChoices()).toHaveLength(3);
    expect(() => itemResponse.getScore()).toThrow('not emulated: ItemResponse.getScore');
  });
});
