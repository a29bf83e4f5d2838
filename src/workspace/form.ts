/**
 * Applies the schema's form plan to a Google Form, creating or repairing it in place.
 *
 * Items are found again by the ids recorded at the last Set up (schema key → item id), so a repair
 * updates the same items — earlier responses keep pointing at them and still parse — and a category added
 * in Settings becomes a new choice on the existing question, not a new question.
 */
import type { EmailCollectionMode } from '../domain/selftest';
import type { FormPlan, ItemPlan, SectionPlan } from '../domain/schema';

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;
type PageBreakItem = GoogleAppsScript.Forms.PageBreakItem;

/** Verified email collection (2024+); not yet in @types/google-apps-script. */
interface FormWithPublishing extends Form {
  setEmailCollectionType(type: unknown): Form;
  setPublished(published: boolean): Form;
  isPublished(): boolean;
  /** False on a legacy form (made before publishing existed): isPublished/setPublished then throw. */
  supportsAdvancedResponderPermissions(): boolean;
}
interface FormAppWithEmailCollection {
  EmailCollectionType?: { VERIFIED: unknown };
}

export interface AppliedForm {
  form: Form;
  formId: string;
  /** Schema key (and `section:<id>` for page breaks) → item id. */
  itemIds: Record<string, number>;
  created: boolean;
  /** The spreadsheet the form was copying responses into, now unlinked ('' when there was none). */
  unlinkedDestinationId: string;
}

/**
 * Unlinks a response destination someone added by hand: a sheet of raw answers would let anyone with
 * access to that spreadsheet read every report, allegations about staff included. Returns its id, or ''.
 */
function removeResponseDestination(form: Form): string {
  let destinationId: string;
  try {
    destinationId = form.getDestinationId();
  } catch {
    // "The form currently has no response destination.": the normal case.
    return '';
  }
  form.removeDestination();
  return destinationId;
}

function openForm(formId: string): Form | null {
  if (!formId) return null;
  try {
    return FormApp.openById(formId);
  } catch {
    // Deleted, or no longer shared with the person running Set up: a new form is made instead.
    return null;
  }
}

function expectedType(kind: ItemPlan['kind']): GoogleAppsScript.Forms.ItemType {
  switch (kind) {
    case 'text':
      return FormApp.ItemType.TEXT;
    case 'paragraph':
      return FormApp.ItemType.PARAGRAPH_TEXT;
    case 'checkbox':
      return FormApp.ItemType.CHECKBOX;
    case 'multipleChoice':
      return FormApp.ItemType.MULTIPLE_CHOICE;
    case 'list':
      return FormApp.ItemType.LIST;
    case 'dateTime':
      return FormApp.ItemType.DATETIME;
    case 'date':
      return FormApp.ItemType.DATE;
  }
}

function addItem(form: Form, kind: ItemPlan['kind']): Item {
  switch (kind) {
    case 'text':
      return form.addTextItem() as unknown as Item;
    case 'paragraph':
      return form.addParagraphTextItem() as unknown as Item;
    case 'checkbox':
      return form.addCheckboxItem() as unknown as Item;
    case 'multipleChoice':
      return form.addMultipleChoiceItem() as unknown as Item;
    case 'list':
      return form.addListItem() as unknown as Item;
    case 'dateTime':
      return form.addDateTimeItem() as unknown as Item;
    case 'date':
      return form.addDateItem() as unknown as Item;
  }
}

/** Finds a previously made item by id, if it still exists with the type the plan needs. */
function existingItem(
  form: Form,
  id: number | undefined,
  type: GoogleAppsScript.Forms.ItemType,
): Item | null {
  if (id === undefined) return null;
  const item = form.getItemById(id);
  return item && item.getType() === type ? item : null;
}

/**
 * An item of the plan as this run has it: one it added is already of its own type (Forms has no
 * asMultipleChoiceItem() on a MultipleChoiceItem), one it found is a plain Item to convert.
 */
interface PlacedItem {
  item: Item;
  added: boolean;
}

/** The item as its own type: as it is when added in this run, converted (one call) when found. */
function typed<T>(placed: PlacedItem, convert: (item: Item) => T): T {
  return placed.added ? (placed.item as unknown as T) : convert(placed.item);
}

function applyChoices(placed: PlacedItem, plan: ItemPlan, pages: Map<string, PageBreakItem>): void {
  const navigate = (
    goTo: string | undefined,
  ): PageBreakItem | GoogleAppsScript.Forms.PageNavigationType | null => {
    if (goTo === undefined) return null;
    if (goTo === 'submit') return FormApp.PageNavigationType.SUBMIT;
    return pages.get(goTo) ?? FormApp.PageNavigationType.CONTINUE;
  };
  switch (plan.kind) {
    case 'checkbox': {
      const checkbox = typed(placed, (i) => i.asCheckboxItem());
      checkbox.setChoiceValues(plan.choices.map((c) => c.label));
      checkbox.showOtherOption(plan.otherOption);
      if (plan.maxSelections !== undefined) {
        checkbox.setValidation(
          FormApp.createCheckboxValidation()
            .setHelpText(`Tick at most ${plan.maxSelections}.`)
            .requireSelectAtMost(plan.maxSelections)
            .build(),
        );
      }
      return;
    }
    case 'multipleChoice': {
      const mc = typed(placed, (i) => i.asMultipleChoiceItem());
      mc.setChoices(
        plan.choices.map((c) => {
          const to = navigate(c.goTo);
          if (to === null) return mc.createChoice(c.label);
          return typeof to === 'object'
            ? mc.createChoice(c.label, to as PageBreakItem)
            : mc.createChoice(c.label, to);
        }),
      );
      mc.showOtherOption(plan.otherOption);
      return;
    }
    case 'list': {
      const list = typed(placed, (i) => i.asListItem());
      list.setChoices(
        plan.choices.map((c) => {
          const to = navigate(c.goTo);
          if (to === null) return list.createChoice(c.label);
          return typeof to === 'object'
            ? list.createChoice(c.label, to as PageBreakItem)
            : list.createChoice(c.label, to);
        }),
      );
      return;
    }
    default:
      return;
  }
}

function applyItem(placed: PlacedItem, plan: ItemPlan, pages: Map<string, PageBreakItem>): void {
  const { item } = placed;
  item.setTitle(plan.title);
  item.setHelpText(plan.help);
  switch (plan.kind) {
    case 'text':
      typed(placed, (i) => i.asTextItem()).setRequired(plan.required);
      break;
    case 'paragraph':
      typed(placed, (i) => i.asParagraphTextItem()).setRequired(plan.required);
      break;
    case 'checkbox':
      typed(placed, (i) => i.asCheckboxItem()).setRequired(plan.required);
      break;
    case 'multipleChoice':
      typed(placed, (i) => i.asMultipleChoiceItem()).setRequired(plan.required);
      break;
    case 'list':
      typed(placed, (i) => i.asListItem()).setRequired(plan.required);
      break;
    case 'dateTime':
      typed(placed, (i) => i.asDateTimeItem())
        .setRequired(plan.required)
        .setIncludesYear(true);
      break;
    case 'date':
      typed(placed, (i) => i.asDateItem())
        .setRequired(plan.required)
        .setIncludesYear(true);
      break;
  }
  applyChoices(placed, plan, pages);
}

/**
 * Creates the form from the plan, or repairs the one at `formId`: settings, items (same ids where they
 * still exist), order, sections and branching. Items the plan no longer has are deleted; items someone
 * added by hand are left where they are.
 */
export function applyFormPlan(
  formId: string,
  knownItemIds: Record<string, number>,
  plan: FormPlan,
  emailCollection: EmailCollectionMode = 'verified',
): AppliedForm {
  const found = openForm(formId);
  const form = (found ?? FormApp.create(plan.title)) as FormWithPublishing;
  const itemIds: Record<string, number> = found ? { ...knownItemIds } : {};

  form.setTitle(plan.title);
  form.setDescription(plan.description);
  form.setConfirmationMessage(plan.confirmationMessage);
  const emailTypes = (FormApp as unknown as FormAppWithEmailCollection).EmailCollectionType;
  // 'legacy': the platform self-test found verified collection not working on this tenant (domain/selftest.ts).
  if (emailTypes && emailCollection === 'verified') form.setEmailCollectionType(emailTypes.VERIFIED);
  else form.setCollectEmail(true);
  // Only the school's own Workspace accounts can open the form (and each is identified by it).
  form.setRequireLogin(plan.requireSignIn);
  form.setAllowResponseEdits(plan.allowResponseEdits);
  form.setLimitOneResponsePerUser(plan.limitOneResponsePerUser);
  form.setProgressBar(plan.progressBar);
  const unlinkedDestinationId = removeResponseDestination(form);

  // Page breaks first (choices navigate to them), then questions; the first section has no page break.
  const pages = new Map<string, PageBreakItem>();
  const ordered: Item[] = [];
  const placedItems = new Map<string, PlacedItem>();
  const sections: SectionPlan[] = plan.sections;
  sections.forEach((section, index) => {
    if (index > 0) {
      let page =
        existingItem(form, itemIds[section.key], FormApp.ItemType.PAGE_BREAK)?.asPageBreakItem() ?? null;
      if (!page) page = form.addPageBreakItem();
      page.setTitle(section.title).setHelpText(section.help);
      itemIds[section.key] = page.getId();
      pages.set(section.id, page);
      ordered.push(page as unknown as Item);
    }
    for (const itemPlan of section.items) {
      const type = expectedType(itemPlan.kind);
      const existing = existingItem(form, itemIds[itemPlan.key], type);
      const item = existing ?? addItem(form, itemPlan.kind);
      itemIds[itemPlan.key] = item.getId();
      placedItems.set(itemPlan.key, { item, added: !existing });
      ordered.push(item);
    }
  });
  // Where each section goes when its end is reached without a branching choice deciding: set on the page
  // break that *follows* the section (Forms' rule: "after completing the page before this page break").
  sections.forEach((section, index) => {
    const followingBreak = sections[index + 1] ? pages.get(sections[index + 1]!.id) : undefined;
    if (!followingBreak) return;
    const nextInOrder = sections[index + 1]!.id;
    if (section.next === 'submit') followingBreak.setGoToPage(FormApp.PageNavigationType.SUBMIT);
    else if (section.next === nextInOrder) followingBreak.setGoToPage(FormApp.PageNavigationType.CONTINUE);
    else {
      const target = pages.get(section.next);
      if (target) followingBreak.setGoToPage(target);
      else followingBreak.setGoToPage(FormApp.PageNavigationType.CONTINUE);
    }
  });
  sections.forEach((section) => {
    for (const itemPlan of section.items) {
      const placed = placedItems.get(itemPlan.key);
      if (placed) applyItem(placed, itemPlan, pages);
    }
  });

  // Delete what we made before and the plan no longer has.
  const planned = new Set(sections.flatMap((s) => [s.key, ...s.items.map((i) => i.key)]));
  for (const [key, id] of Object.entries(itemIds)) {
    if (planned.has(key)) continue;
    const stale = form.getItemById(id);
    if (stale) form.deleteItem(stale);
    delete itemIds[key];
  }
  // Put our items in plan order at the top; hand-added items keep their relative place after them. A form
  // made in this run holds only the items just added, in plan order: nothing to read or move.
  if (found) {
    ordered.forEach((item, index) => {
      if (item.getIndex() !== index) form.moveItem(item, index);
    });
  }

  // Forms made through the API since 2026 start unpublished, and an unpublished form refuses
  // setAcceptingResponses and getPublishedUrl: publish first.
  // A legacy form has no publish state ("supportsAdvancedResponderPermissions() … determine[s] whether the
  // setPublished(enabled) and isPublished() methods … are enabled"): it takes responses by its own
  // settings, so only accepting responses is set. The health check reports it.
  if (form.supportsAdvancedResponderPermissions() && !form.isPublished()) form.setPublished(true);
  form.setAcceptingResponses(true);
  return { form, formId: form.getId(), itemIds, created: !found, unlinkedDestinationId };
}
