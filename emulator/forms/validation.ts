/**
 * Data validations for checkbox, text and paragraph items: the builders FormApp hands out, the built
 * validation objects, and the checks a live form applies to an answer.
 */
import { Emulated, invalidArgument, type Counted } from '../core';
import type { CheckboxRule, TextRule, ValidationState } from './model';

function requireCount(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) invalidArgument(name);
  return value;
}

function requireNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalidArgument(name);
  return value;
}

function requirePattern(value: unknown): string {
  if (typeof value !== 'string') invalidArgument('pattern');
  try {
    new RegExp(value, 'u');
  } catch {
    invalidArgument('pattern');
  }
  return value;
}

type BuiltValidationClass = 'CheckboxValidation' | 'TextValidation' | 'ParagraphTextValidation';

/** A built validation (CheckboxValidation, TextValidation, ParagraphTextValidation): opaque to the script. */
export class BuiltValidation extends Emulated {
  constructor(
    ctx: Counted,
    className: BuiltValidationClass,
    readonly _state: ValidationState,
  ) {
    super(ctx, className);
  }
}

/**
 * What every FormApp validation builder shares: the requirement last set (each require… replaces the one
 * before), the help text, and build(), which fails without a requirement.
 */
abstract class ValidationBuilderFacade<Rule extends CheckboxRule | TextRule, G, V> extends Emulated {
  private _check: Rule | null = null;
  private _helpText = '';

  protected constructor(
    ctx: Counted,
    className: string,
    private readonly _kind: ValidationState['kind'],
    private readonly _builtClassName: BuiltValidationClass,
  ) {
    super(ctx, className);
  }

  protected _set(check: Rule): G {
    this._check = check;
    return this as unknown as G;
  }

  setHelpText(text: string): G {
    this._helpText = String(text);
    return this as unknown as G;
  }

  build(): V {
    if (!this._check) throw new Error(`${this._className}.build: no requirement was set`);
    // The kind and the rule type go together (CHECKBOX ↔ CheckboxRule), as each subclass declares.
    const state = {
      kind: this._kind,
      check: { ...this._check },
      helpText: this._helpText,
    } as ValidationState;
    return new BuiltValidation(this._ctx, this._builtClassName, state) as unknown as V;
  }
}

export class CheckboxValidationBuilder
  extends ValidationBuilderFacade<
    CheckboxRule,
    GoogleAppsScript.Forms.CheckboxValidationBuilder,
    GoogleAppsScript.Forms.CheckboxValidation
  >
  implements
    Pick<
      GoogleAppsScript.Forms.CheckboxValidationBuilder,
      'requireSelectAtLeast' | 'requireSelectAtMost' | 'requireSelectExactly' | 'build' | 'setHelpText'
    >
{
  constructor(ctx: Counted) {
    super(ctx, 'CheckboxValidationBuilder', 'CHECKBOX', 'CheckboxValidation');
  }

  requireSelectAtLeast(number: number): GoogleAppsScript.Forms.CheckboxValidationBuilder {
    return this._set({ rule: 'AT_LEAST', count: requireCount(number, 'number') });
  }

  requireSelectAtMost(number: number): GoogleAppsScript.Forms.CheckboxValidationBuilder {
    return this._set({ rule: 'AT_MOST', count: requireCount(number, 'number') });
  }

  requireSelectExactly(number: number): GoogleAppsScript.Forms.CheckboxValidationBuilder {
    return this._set({ rule: 'EXACTLY', count: requireCount(number, 'number') });
  }
}

/** The length and pattern requirements that text and paragraph-text validations share. */
abstract class TextRuleBuilderFacade<G, V> extends ValidationBuilderFacade<TextRule, G, V> {
  requireTextLengthGreaterThanOrEqualTo(number: number): G {
    return this._set({ rule: 'LENGTH_GTE', value: requireCount(number, 'number') });
  }
  requireTextLengthLessThanOrEqualTo(number: number): G {
    return this._set({ rule: 'LENGTH_LTE', value: requireCount(number, 'number') });
  }
  requireTextContainsPattern(pattern: string): G {
    return this._set({ rule: 'CONTAINS', pattern: requirePattern(pattern) });
  }
  requireTextDoesNotContainPattern(pattern: string): G {
    return this._set({ rule: 'NOT_CONTAINS', pattern: requirePattern(pattern) });
  }
  requireTextMatchesPattern(pattern: string): G {
    return this._set({ rule: 'MATCHES', pattern: requirePattern(pattern) });
  }
  requireTextDoesNotMatchPattern(pattern: string): G {
    return this._set({ rule: 'NOT_MATCHES', pattern: requirePattern(pattern) });
  }
}

type TextBuilderMethods =
  | 'requireNumber'
  | 'requireNumberBetween'
  | 'requireNumberEqualTo'
  | 'requireNumberGreaterThan'
  | 'requireNumberGreaterThanOrEqualTo'
  | 'requireNumberLessThan'
  | 'requireNumberLessThanOrEqualTo'
  | 'requireNumberNotBetween'
  | 'requireNumberNotEqualTo'
  | 'requireTextContainsPattern'
  | 'requireTextDoesNotContainPattern'
  | 'requireTextDoesNotMatchPattern'
  | 'requireTextIsEmail'
  | 'requireTextIsUrl'
  | 'requireTextLengthGreaterThanOrEqualTo'
  | 'requireTextLengthLessThanOrEqualTo'
  | 'requireTextMatchesPattern'
  | 'requireWholeNumber'
  | 'build'
  | 'setHelpText';

export class TextValidationBuilder
  extends TextRuleBuilderFacade<
    GoogleAppsScript.Forms.TextValidationBuilder,
    GoogleAppsScript.Forms.TextValidation
  >
  implements Pick<GoogleAppsScript.Forms.TextValidationBuilder, TextBuilderMethods>
{
  constructor(ctx: Counted) {
    super(ctx, 'TextValidationBuilder', 'TEXT', 'TextValidation');
  }

  requireNumber(): GoogleAppsScript.Forms.TextValidationBuilder {
    return this._set({ rule: 'NUMBER' });
  }
  requireWholeNumber(): GoogleAppsScript.Forms.TextValidationBuilder {
    return this._set({ rule: 'WHOLE_NUMBER' });
  }
  requireNumberBetween(start: number, end: number): GoogleAppsScript.Forms.TextValidationBuilder {
    return this._set({
      rule: 'NUMBER_BETWEEN',
      low: requireNumber(start, 'start'),
      high: requireNumber(end, 'end'),
    });
  }
  requireNumberNotBetween(start: number, end: number): GoogleAppsScript.Forms.TextValidationBuilder {
    return this._set({
      rule: 'NUMBER_NOT_BETWEEN',
      low: requireNumber(start, 'start'),
      high: requireNumber(end, 'end'),
    });
  }
  requireNumberEqualTo(number: number): GoogleAppsScript.Forms.TextValidationBuilder {
    return this._set({ rule: 'NUMBER_EQ', value: requireNumber(number, 'number') });
  }
  requireNumberNotEqualTo(number: number): GoogleAppsScript.Forms.TextValidationBuilder {
    return this._set({ rule: 'NUMBER_NEQ', value: requireNumber(number, 'number') });
  }
  requireNumberGreaterThan(number: number): GoogleAppsScript.Forms.TextValidationBuilder {
    return this._set({ rule: 'NUMBER_GT', value: requireNumber(number, 'number') });
  }
  requireNumberGreaterThanOrEqualTo(number: number): GoogleAppsScript.Forms.TextValidationBuilder {
    return this._set({ rule: 'NUMBER_GTE', value: requireNumber(number, 'number') });
  }
  requireNumberLessThan(number: number): GoogleAppsScript.Forms.TextValidationBuilder {
    return this._set({ rule: 'NUMBER_LT', value: requireNumber(number, 'number') });
  }
  requireNumberLessThanOrEqualTo(number: number): GoogleAppsScript.Forms.TextValidationBuilder {
    return this._set({ rule: 'NUMBER_LTE', value: requireNumber(number, 'number') });
  }
  requireTextIsEmail(): GoogleAppsScript.Forms.TextValidationBuilder {
    return this._set({ rule: 'EMAIL' });
  }
  requireTextIsUrl(): GoogleAppsScript.Forms.TextValidationBuilder {
    return this._set({ rule: 'URL' });
  }
}

type ParagraphBuilderMethods =
  | 'requireTextContainsPattern'
  | 'requireTextDoesNotContainPattern'
  | 'requireTextDoesNotMatchPattern'
  | 'requireTextLengthGreaterThanOrEqualTo'
  | 'requireTextLengthLessThanOrEqualTo'
  | 'requireTextMatchesPattern'
  | 'build'
  | 'setHelpText';

export class ParagraphTextValidationBuilder
  extends TextRuleBuilderFacade<
    GoogleAppsScript.Forms.ParagraphTextValidationBuilder,
    GoogleAppsScript.Forms.ParagraphTextValidation
  >
  implements Pick<GoogleAppsScript.Forms.ParagraphTextValidationBuilder, ParagraphBuilderMethods>
{
  constructor(ctx: Counted) {
    super(ctx, 'ParagraphTextValidationBuilder', 'PARAGRAPH_TEXT', 'ParagraphTextValidation');
  }
}

/** The built validation's state, if `value` is one of ours of the expected kind; otherwise Invalid argument. */
export function validationStateOf(value: unknown, kind: ValidationState['kind']): ValidationState {
  if (!(value instanceof BuiltValidation) || value._state.kind !== kind) invalidArgument('validation');
  return value._state;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const WHOLE_NUMBER = /^[-+]?\d+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_LIKE = /^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/i;

/** Does `text` satisfy a text rule? (Forms patterns are RE2; JavaScript regular expressions stand in.) */
function textPasses(check: TextRule, text: string): boolean {
  const trimmed = text.trim();
  const asNumber = NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
  switch (check.rule) {
    case 'NUMBER':
      return !Number.isNaN(asNumber);
    case 'WHOLE_NUMBER':
      return WHOLE_NUMBER.test(trimmed);
    case 'EMAIL':
      return EMAIL.test(trimmed);
    case 'URL':
      return URL_LIKE.test(trimmed);
    case 'NUMBER_GT':
      return asNumber > check.value;
    case 'NUMBER_GTE':
      return asNumber >= check.value;
    case 'NUMBER_LT':
      return asNumber < check.value;
    case 'NUMBER_LTE':
      return asNumber <= check.value;
    case 'NUMBER_EQ':
      return asNumber === check.value;
    case 'NUMBER_NEQ':
      return !Number.isNaN(asNumber) && asNumber !== check.value;
    case 'NUMBER_BETWEEN':
      return asNumber >= check.low && asNumber <= check.high;
    case 'NUMBER_NOT_BETWEEN':
      return !Number.isNaN(asNumber) && (asNumber < check.low || asNumber > check.high);
    case 'LENGTH_GTE':
      return [...text].length >= check.value;
    case 'LENGTH_LTE':
      return [...text].length <= check.value;
    case 'CONTAINS':
      return new RegExp(check.pattern, 'u').test(text);
    case 'NOT_CONTAINS':
      return !new RegExp(check.pattern, 'u').test(text);
    case 'MATCHES':
      return new RegExp(`^(?:${check.pattern})$`, 'u').test(text);
    case 'NOT_MATCHES':
      return !new RegExp(`^(?:${check.pattern})$`, 'u').test(text);
  }
}

function checkboxPasses(check: CheckboxRule, count: number): boolean {
  if (check.rule === 'AT_LEAST') return count >= check.count;
  if (check.rule === 'AT_MOST') return count <= check.count;
  return count === check.count;
}

/** A short description of a validation, for snapshots and error messages. */
export function describeValidation(v: ValidationState): string {
  let text: string;
  if (v.kind === 'CHECKBOX') {
    const verb = { AT_LEAST: 'at least', AT_MOST: 'at most', EXACTLY: 'exactly' }[v.check.rule];
    text = `select ${verb} ${v.check.count}`;
  } else {
    const c = v.check;
    switch (c.rule) {
      case 'NUMBER':
        text = 'a number';
        break;
      case 'WHOLE_NUMBER':
        text = 'a whole number';
        break;
      case 'EMAIL':
        text = 'an email address';
        break;
      case 'URL':
        text = 'a URL';
        break;
      case 'NUMBER_GT':
      case 'NUMBER_GTE':
      case 'NUMBER_LT':
      case 'NUMBER_LTE':
      case 'NUMBER_EQ':
      case 'NUMBER_NEQ': {
        const op = {
          NUMBER_GT: '>',
          NUMBER_GTE: '>=',
          NUMBER_LT: '<',
          NUMBER_LTE: '<=',
          NUMBER_EQ: '=',
          NUMBER_NEQ: '!=',
        }[c.rule];
        text = `number ${op} ${c.value}`;
        break;
      }
      case 'NUMBER_BETWEEN':
        text = `number between ${c.low} and ${c.high}`;
        break;
      case 'NUMBER_NOT_BETWEEN':
        text = `number not between ${c.low} and ${c.high}`;
        break;
      case 'LENGTH_GTE':
        text = `length >= ${c.value}`;
        break;
      case 'LENGTH_LTE':
        text = `length <= ${c.value}`;
        break;
      case 'CONTAINS':
        text = `contains /${c.pattern}/`;
        break;
      case 'NOT_CONTAINS':
        text = `does not contain /${c.pattern}/`;
        break;
      case 'MATCHES':
        text = `matches /${c.pattern}/`;
        break;
      case 'NOT_MATCHES':
        text = `does not match /${c.pattern}/`;
        break;
    }
  }
  return v.helpText ? `${text} ("${v.helpText}")` : text;
}

/** Why an answer fails the item's validation, or null when it passes. */
export function validationFailure(v: ValidationState, answer: string | string[]): string | null {
  const passes =
    v.kind === 'CHECKBOX'
      ? checkboxPasses(v.check, Array.isArray(answer) ? answer.length : 1)
      : textPasses(v.check, Array.isArray(answer) ? answer.join(', ') : answer);
  return passes ? null : `the answer must be ${describeValidation(v)}`;
}
