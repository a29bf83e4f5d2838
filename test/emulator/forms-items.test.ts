/** Form items: adding, finding, moving, deleting, casting, choices and navigation, validations, answers. */
import type { Workspace } from '../../emulator/workspace';
import type { EmulatedFormApp } from '../../emulator/forms';
import { asItem, formsWorkspace } from './support';

type F = GoogleAppsScript.Forms.Form;

function setup(): { ws: Workspace; FormApp: EmulatedFormApp; form: F } {
  const { ws, FormApp } = formsWorkspace();
  return { ws, FormApp, form: FormApp.create('Report', true) };
}

describe('adding and finding items', () => {
  test('every add…Item appends an item of its type, in order', () => {
    const { FormApp, form } = setup();
    form.addCheckboxItem();
    form.addMultipleChoiceItem();
    form.addListItem();
    form.addTextItem();
    form.addParagraphTextItem();
    form.addDateItem();
    form.addDateTimeItem();
    form.addTimeItem();
    form.addPageBreakItem();
    form.addSectionHeaderItem();
    const T = FormApp.ItemType;
    expect(form.getItems().map((i) => i.getType())).toEqual([
      T.CHECKBOX,
      T.MULTIPLE_CHOICE,
      T.LIST,
      T.TEXT,
      T.PARAGRAPH_TEXT,
      T.DATE,
      T.DATETIME,
      T.TIME,
      T.PAGE_BREAK,
      T.SECTION_HEADER,
    ]);
    expect(form.getItems().map((i) => i.getIndex())).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('a new item has an empty title and help text and is not required', () => {
    const { form } = setup();
    const text = form.addTextItem();
    expect([text.getTitle(), text.getHelpText(), text.isRequired()]).toEqual(['', '', false]);
    text.setTitle('What happened?').setHelpText('Facts only').setRequired(true);
    expect([text.getTitle(), text.getHelpText(), text.isRequired()]).toEqual([
      'What happened?',
      'Facts only',
      true,
    ]);
  });

  test('getItems(type) filters; getItemById finds by id and answers null for an unknown id', () => {
    const { FormApp, form } = setup();
    const a = form.addTextItem().setTitle('A');
    form.addCheckboxItem().setTitle('B');
    const c = form.addTextItem().setTitle('C');
    expect(form.getItems(FormApp.ItemType.TEXT).map((i) => i.getTitle())).toEqual(['A', 'C']);
    expect(form.getItems(FormApp.ItemType.GRID)).toEqual([]);
    expect(form.getItemById(c.getId())?.getTitle()).toBe('C');
    expect(form.getItemById(a.getId())?.getIndex()).toBe(0);
    expect(form.getItemById(42)).toBeNull();
    expect(() => form.getItems('TEXT' as never)).toThrow(
      "don't match the method signature for FormApp.Form.getItems",
    );
  });

  test('item ids are integers that stay the same when items move', () => {
    const { form } = setup();
    const first = form.addTextItem().setTitle('first');
    const second = form.addTextItem().setTitle('second');
    const ids = [first.getId(), second.getId()];
    expect(ids.every(Number.isInteger)).toBe(true);
    expect(ids[0]).not.toBe(ids[1]);
    form.moveItem(1, 0);
    expect(form.getItems().map((i) => i.getId())).toEqual([ids[1], ids[0]]);
    expect(first.getIndex()).toBe(1);
    expect(second.getIndex()).toBe(0);
  });

  test('getItems returns generic Items', () => {
    const { form } = setup();
    form.addTextItem();
    const item = form.getItems()[0] as unknown as Record<string, unknown>;
    expect(String(item)).toBe('Item');
    expect(() => (item.setRequired as (b: boolean) => void)(true)).toThrow('not emulated: Item.setRequired');
  });
});

describe('moving and deleting', () => {
  test('moveItem(from, to) and moveItem(item, to) return the moved item', () => {
    const { form } = setup();
    ['a', 'b', 'c'].forEach((t) => form.addTextItem().setTitle(t));
    expect(form.moveItem(0, 2).getTitle()).toBe('a');
    expect(form.getItems().map((i) => i.getTitle())).toEqual(['b', 'c', 'a']);
    const c = form.getItems()[1] as GoogleAppsScript.Forms.Item;
    expect(form.moveItem(c, 0).getTitle()).toBe('c');
    expect(form.getItems().map((i) => i.getTitle())).toEqual(['c', 'b', 'a']);
    expect(() => form.moveItem(0, 3)).toThrow('Invalid argument: to');
    expect(() => form.moveItem(5, 0)).toThrow('Invalid argument: from');
  });

  test('deleteItem by index or by item; a deleted item’s facade fails loudly', () => {
    const { form } = setup();
    const a = form.addTextItem().setTitle('a');
    const b = form.addTextItem().setTitle('b');
    form.addTextItem().setTitle('c');
    form.deleteItem(2);
    form.deleteItem(asItem(a));
    expect(form.getItems().map((i) => i.getTitle())).toEqual(['b']);
    expect(b.getIndex()).toBe(0);
    expect(() => a.getTitle()).toThrow('has been deleted');
    expect(() => form.deleteItem(asItem(a))).toThrow('Invalid argument: item');
    expect(() => form.deleteItem(1)).toThrow('Invalid argument: index');
  });

  test('an item from another form is not this form’s item', () => {
    const { FormApp, form } = setup();
    const other = FormApp.create('Other').addTextItem();
    form.addTextItem();
    expect(() => form.deleteItem(asItem(other))).toThrow('Invalid argument: item');
  });

  test('duplicate appends a copy with a new id', () => {
    const { form } = setup();
    const mc = form
      .addMultipleChoiceItem()
      .setTitle('Where?')
      .setChoiceValues(['School', 'Home'])
      .setRequired(true);
    form.addTextItem().setTitle('last');
    const copy = mc.duplicate();
    expect(copy.getIndex()).toBe(2);
    expect(copy.getId()).not.toBe(mc.getId());
    expect(copy.getTitle()).toBe('Where?');
    expect(copy.isRequired()).toBe(true);
    expect(copy.getChoices().map((c) => c.getValue())).toEqual(['School', 'Home']);
    copy.setChoiceValues(['Online']);
    expect(mc.getChoices().map((c) => c.getValue())).toEqual(['School', 'Home']);
  });
});

describe('casting a generic Item', () => {
  test('the right as…Item gives the typed item; the wrong one throws Apps Script’s error', () => {
    const { form } = setup();
    form.addCheckboxItem().setTitle('Categories');
    form.addPageBreakItem().setTitle('Page 2');
    const [checkbox, pageBreak] = form.getItems() as [
      GoogleAppsScript.Forms.Item,
      GoogleAppsScript.Forms.Item,
    ];
    expect(checkbox.asCheckboxItem().setRequired(true).isRequired()).toBe(true);
    expect(String(checkbox.asCheckboxItem())).toBe('CheckboxItem');
    expect(() => checkbox.asTextItem()).toThrow('Invalid conversion for item type: CHECKBOX');
    expect(() => checkbox.asMultipleChoiceItem()).toThrow('Invalid conversion for item type: CHECKBOX');
    expect(() => pageBreak.asListItem()).toThrow('Invalid conversion for item type: PAGE_BREAK');
    expect(pageBreak.asPageBreakItem().getTitle()).toBe('Page 2');
  });

  test('each cast works on its own type', () => {
    const { form } = setup();
    form.addMultipleChoiceItem();
    form.addListItem();
    form.addTextItem();
    form.addParagraphTextItem();
    form.addDateItem();
    form.addDateTimeItem();
    form.addTimeItem();
    form.addSectionHeaderItem();
    const items = form.getItems();
    const casts = [
      items[0]?.asMultipleChoiceItem(),
      items[1]?.asListItem(),
      items[2]?.asTextItem(),
      items[3]?.asParagraphTextItem(),
      items[4]?.asDateItem(),
      items[5]?.asDateTimeItem(),
      items[6]?.asTimeItem(),
      items[7]?.asSectionHeaderItem(),
    ];
    expect(casts.map(String)).toEqual([
      'MultipleChoiceItem',
      'ListItem',
      'TextItem',
      'ParagraphTextItem',
      'DateItem',
      'DateTimeItem',
      'TimeItem',
      'SectionHeaderItem',
    ]);
  });

  test('layout items cannot be required', () => {
    const { form } = setup();
    const pb = form.addPageBreakItem() as unknown as Record<string, (b: boolean) => void>;
    const header = form.addSectionHeaderItem() as unknown as Record<string, () => boolean>;
    expect(() => pb.setRequired?.(true)).toThrow('not emulated: PageBreakItem.setRequired');
    expect(() => header.isRequired?.()).toThrow('not emulated: SectionHeaderItem.isRequired');
  });
});

describe('choices', () => {
  test('setChoiceValues and setChoices replace the choices', () => {
    const { form } = setup();
    const cb = form.addCheckboxItem().setChoiceValues(['Grooming', 'Bullying']);
    expect(cb.getChoices().map((c) => c.getValue())).toEqual(['Grooming', 'Bullying']);
    cb.setChoices([cb.createChoice('Sexting'), cb.createChoice('Other harm')]);
    expect(cb.getChoices().map((c) => c.getValue())).toEqual(['Sexting', 'Other harm']);
  });

  test('empty choice lists and empty values are refused', () => {
    const { form } = setup();
    const list = form.addListItem();
    expect(() => list.setChoiceValues([])).toThrow('Invalid argument: values');
    expect(() => list.setChoices([])).toThrow('Invalid argument: choices');
    expect(() => list.setChoiceValues(['ok', ''])).toThrow('Invalid data updating form.');
  });

  test('multiple-choice and list choices can lead to a page or a navigation type', () => {
    const { FormApp, form } = setup();
    const mc = form.addMultipleChoiceItem().setTitle('Is a child at risk?');
    const risk = form.addPageBreakItem().setTitle('Risk');
    const list = form.addListItem();
    mc.setChoices([
      mc.createChoice('Yes', risk),
      mc.createChoice('No', FormApp.PageNavigationType.SUBMIT),
      mc.createChoice('Not sure'),
    ]);
    const [yes, no, unsure] = mc.getChoices() as [
      GoogleAppsScript.Forms.Choice,
      GoogleAppsScript.Forms.Choice,
      GoogleAppsScript.Forms.Choice,
    ];
    expect(yes.getGotoPage().getId()).toBe(risk.getId());
    expect(yes.getPageNavigationType()).toBe(FormApp.PageNavigationType.GO_TO_PAGE);
    expect(no.getGotoPage()).toBeNull();
    expect(no.getPageNavigationType()).toBe(FormApp.PageNavigationType.SUBMIT);
    expect(unsure.getPageNavigationType()).toBeNull();
    list.setChoices([list.createChoice('Restart', FormApp.PageNavigationType.RESTART)]);
    expect(String(list.getChoices()[0]?.getPageNavigationType())).toBe('RESTART');
  });

  test('navigation is refused where Forms refuses it', () => {
    const { FormApp, form } = setup();
    const cb = form.addCheckboxItem();
    const mc = form.addMultipleChoiceItem();
    const page = form.addPageBreakItem();
    const elsewhere = FormApp.create('Other').addPageBreakItem();
    expect(() => cb.createChoice('x', page as never)).toThrow(
      "The parameters (String,FormApp.PageBreakItem) don't match the method signature for FormApp.CheckboxItem.createChoice.",
    );
    expect(() => mc.createChoice('x', FormApp.PageNavigationType.GO_TO_PAGE)).toThrow(
      'Invalid argument: navigationType',
    );
    expect(() => mc.createChoice('x', elsewhere)).toThrow('Invalid argument: navigationItem');
    expect(() => mc.createChoice('x', 'SUBMIT' as never)).toThrow("don't match the method signature");
    expect(() => mc.createChoice('x', true)).toThrow(
      'not emulated: MultipleChoiceItem.createChoice(value, isCorrect)',
    );
    // A choice that leads somewhere cannot be put on a checkbox item.
    expect(() => cb.setChoices([mc.createChoice('x', FormApp.PageNavigationType.SUBMIT)])).toThrow(
      'Invalid argument: choices',
    );
  });

  test('a choice that led to a deleted page leads on (CONTINUE)', () => {
    const { FormApp, form } = setup();
    const mc = form.addMultipleChoiceItem();
    const page = form.addPageBreakItem();
    mc.setChoices([mc.createChoice('Yes', page)]);
    form.deleteItem(asItem(page));
    expect(mc.getChoices()[0]?.getPageNavigationType()).toBe(FormApp.PageNavigationType.CONTINUE);
    expect(mc.getChoices()[0]?.getGotoPage()).toBeNull();
  });

  test('checkbox and multiple-choice items can show "Other"; list items cannot', () => {
    const { form } = setup();
    const cb = form.addCheckboxItem();
    const mc = form.addMultipleChoiceItem();
    expect(cb.hasOtherOption()).toBe(false);
    expect(cb.showOtherOption(true).hasOtherOption()).toBe(true);
    expect(mc.showOtherOption(true).hasOtherOption()).toBe(true);
    const list = form.addListItem() as unknown as Record<string, (b: boolean) => void>;
    expect(() => list.showOtherOption?.(true)).toThrow('not emulated: ListItem.showOtherOption');
  });
});

describe('page breaks', () => {
  test('setGoToPage takes a page or a navigation type', () => {
    const { FormApp, form } = setup();
    const p2 = form.addPageBreakItem().setTitle('Two');
    const p3 = form.addPageBreakItem().setTitle('Three');
    expect(p2.getPageNavigationType()).toBe(FormApp.PageNavigationType.CONTINUE);
    expect(p2.getGoToPage()).toBeNull();
    p2.setGoToPage(p3);
    expect(p2.getGoToPage().getTitle()).toBe('Three');
    expect(p2.getPageNavigationType()).toBe(FormApp.PageNavigationType.GO_TO_PAGE);
    p3.setGoToPage(FormApp.PageNavigationType.SUBMIT);
    expect(p3.getGoToPage()).toBeNull();
    expect(String(p3.getPageNavigationType())).toBe('SUBMIT');
    expect(() => p3.setGoToPage(FormApp.PageNavigationType.GO_TO_PAGE)).toThrow(
      'Invalid argument: navigationType',
    );
    form.deleteItem(asItem(p3));
    expect(p2.getPageNavigationType()).toBe(FormApp.PageNavigationType.CONTINUE);
  });
});

describe('validations', () => {
  test('a checkbox validation limits how many boxes; build needs a requirement', () => {
    const { ws, FormApp, form } = setup();
    const cb = form.addCheckboxItem().setTitle('Categories').setChoiceValues(['a', 'b', 'c', 'd']);
    const builder = FormApp.createCheckboxValidation();
    expect(() => builder.build()).toThrow('no requirement');
    cb.setValidation(builder.setHelpText('Tick up to three').requireSelectAtMost(3).build());
    const items = (ws.forms.snapshot() as { items: { validation: string | null }[] }[])[0]?.items;
    expect(items?.[0]?.validation).toBe('select at most 3 ("Tick up to three")');
    cb.clearValidation();
    expect(
      (ws.forms.snapshot() as { items: { validation: unknown }[] }[])[0]?.items[0]?.validation,
    ).toBeNull();
  });

  test('text and paragraph validations describe length and pattern rules', () => {
    const { ws, FormApp, form } = setup();
    form
      .addTextItem()
      .setValidation(FormApp.createTextValidation().requireTextMatchesPattern('Y[0-9]+').build());
    form
      .addParagraphTextItem()
      .setValidation(FormApp.createParagraphTextValidation().requireTextLengthLessThanOrEqualTo(500).build());
    form.addTextItem().setValidation(FormApp.createTextValidation().requireNumberBetween(1, 13).build());
    const items = (ws.forms.snapshot() as { items: { validation: string }[] }[])[0]?.items ?? [];
    expect(items.map((i) => i.validation)).toEqual([
      'matches /Y[0-9]+/',
      'length <= 500',
      'number between 1 and 13',
    ]);
  });

  test('a validation of the wrong kind, or a bad pattern, is refused', () => {
    const { FormApp, form } = setup();
    const text = form.addTextItem();
    const checkboxRule = FormApp.createCheckboxValidation().requireSelectExactly(1).build();
    expect(() => text.setValidation(checkboxRule as never)).toThrow('Invalid argument: validation');
    expect(() => FormApp.createTextValidation().requireTextMatchesPattern('(')).toThrow(
      'Invalid argument: pattern',
    );
    expect(() => FormApp.createCheckboxValidation().requireSelectAtLeast(-1)).toThrow(
      'Invalid argument: number',
    );
  });
});

describe('date items', () => {
  test('include the year unless told not to', () => {
    const { form } = setup();
    const date = form.addDateItem();
    const dateTime = form.addDateTimeItem();
    expect([date.includesYear(), dateTime.includesYear()]).toEqual([true, true]);
    date.setIncludesYear(false);
    expect(date.includesYear()).toBe(false);
  });
});

describe('createResponse on each answerable item', () => {
  test('text, paragraph, choice and checkbox answers keep Apps Script’s shapes', () => {
    const { form } = setup();
    const text = form.addTextItem().setTitle('Platform');
    const para = form.addParagraphTextItem();
    const mc = form.addMultipleChoiceItem().setChoiceValues(['Yes', 'No']);
    const list = form.addListItem().setChoiceValues(['Y7', 'Y8']);
    const cb = form.addCheckboxItem().setChoiceValues(['a', 'b', 'c']);
    expect(text.createResponse('TikTok').getResponse()).toBe('TikTok');
    expect(text.createResponse('TikTok').getItem().getTitle()).toBe('Platform');
    expect(para.createResponse('line 1\nline 2').getResponse()).toBe('line 1\nline 2');
    expect(mc.createResponse('No').getResponse()).toBe('No');
    expect(list.createResponse('Y8').getResponse()).toBe('Y8');
    expect(cb.createResponse(['c', 'a']).getResponse()).toEqual(['c', 'a']);
  });

  test('an answer a choice item does not offer is refused (unless it has "Other")', () => {
    const { form } = setup();
    const mc = form.addMultipleChoiceItem().setChoiceValues(['Yes', 'No']);
    const list = form.addListItem().setChoiceValues(['Y7']);
    const cb = form.addCheckboxItem().setChoiceValues(['a']);
    expect(() => mc.createResponse('Maybe')).toThrow('Invalid argument: response');
    expect(() => list.createResponse('Y9')).toThrow('Invalid argument: response');
    expect(() => cb.createResponse(['a', 'z'])).toThrow('Invalid argument: responses');
    mc.showOtherOption(true);
    cb.showOtherOption(true);
    expect(mc.createResponse('Maybe').getResponse()).toBe('Maybe');
    expect(cb.createResponse(['a', 'z']).getResponse()).toEqual(['a', 'z']);
    expect(() => cb.createResponse(['y', 'z'])).toThrow('Invalid argument: responses');
    expect(() => cb.createResponse('a' as never)).toThrow("don't match the method signature");
  });

  test('date, date-time and time answers are strings in the script’s time zone', () => {
    const { ws, form } = setup();
    // 23:30 UTC is 00:30 the next day in London (BST).
    const late = ws.newDate(Date.parse('2026-09-07T23:30:45Z'));
    expect(form.addDateItem().createResponse(late).getResponse()).toBe('2026-09-08');
    expect(form.addDateTimeItem().createResponse(late).getResponse()).toBe('2026-09-08 00:30');
    expect(form.addDateItem().setIncludesYear(false).createResponse(late).getResponse()).toBe('09-08');
    expect(form.addDateTimeItem().setIncludesYear(false).createResponse(late).getResponse()).toBe(
      '09-08 00:30',
    );
    const time = form.addTimeItem();
    expect(time.createResponse(9, 5).getResponse()).toBe('09:05');
    expect(() => time.createResponse(24, 0)).toThrow('Invalid argument: hour');
    expect(() => time.createResponse(9, 60)).toThrow('Invalid argument: minute');
    expect(() => form.addDateItem().createResponse('2026-09-08' as never)).toThrow(
      "don't match the method signature",
    );
  });

  test('getResponse hands out a copy', () => {
    const { form } = setup();
    const cb = form.addCheckboxItem().setChoiceValues(['a', 'b']);
    const response = cb.createResponse(['a']);
    (response.getResponse() as string[]).push('b');
    expect(response.getResponse()).toEqual(['a']);
  });
});

describe('item snapshot', () => {
  test('lists items with ids, types, choices and where they lead', () => {
    const { ws, FormApp, form } = setup();
    const mc = form.addMultipleChoiceItem().setTitle('Risk?').setRequired(true);
    const page = form.addPageBreakItem().setTitle('Details');
    mc.setChoices([mc.createChoice('Yes', page), mc.createChoice('No', FormApp.PageNavigationType.SUBMIT)]);
    mc.showOtherOption(true);
    page.setGoToPage(FormApp.PageNavigationType.SUBMIT);
    const snap = (ws.forms.snapshot() as { items: unknown[] }[])[0];
    expect(snap?.items).toEqual([
      {
        id: mc.getId(),
        index: 0,
        type: 'MULTIPLE_CHOICE',
        title: 'Risk?',
        helpText: '',
        required: true,
        choices: [
          { value: 'Yes', goTo: 'Details' },
          { value: 'No', goTo: 'SUBMIT' },
        ],
        otherOption: true,
        validation: null,
        goToPage: null,
      },
      {
        id: page.getId(),
        index: 1,
        type: 'PAGE_BREAK',
        title: 'Details',
        helpText: '',
        required: null,
        choices: [],
        otherOption: false,
        validation: null,
        goToPage: 'SUBMIT',
      },
    ]);
  });
});

describe('call counts on items', () => {
  test('items count under their own class names', () => {
    const { ws, form } = setup();
    const { calls } = ws.calls.measure(() => {
      const cb = form.addCheckboxItem();
      cb.setTitle('x').setChoiceValues(['a']);
      form.getItems()[0]?.asCheckboxItem().getChoices()[0]?.getValue();
    });
    expect(calls).toEqual({
      'Form.addCheckboxItem': 1,
      'CheckboxItem.setTitle': 1,
      'CheckboxItem.setChoiceValues': 1,
      'Form.getItems': 1,
      'Item.asCheckboxItem': 1,
      'CheckboxItem.getChoices': 1,
      'Choice.getValue': 1,
    });
  });
});
