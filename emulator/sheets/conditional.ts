/** Conditional format rules: builder, rule and its boolean condition. Rules are applied per sheet. */
import { Emulated, NotEmulatedError, invalidArgument, isDate } from '../core';
import type { Workspace } from '../workspace';
import { BooleanCriteria, criteriaArgs, enumValue, gas, normaliseColour, numberArg, textArg } from './common';
import type { ConditionalFormatState, RangeRef } from './model';

type RuleBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/** Turns rule ranges into Range facades (the store knows how). */
export type RangeMaker = (ref: RangeRef) => GoogleAppsScript.Spreadsheet.Range;
/** Reads a Range facade passed in by the script. */
export type RangeReader = (range: unknown, parameter: string) => RangeRef;

function blankRule(): ConditionalFormatState {
  return {
    ranges: [],
    criteria: '',
    values: [],
    background: null,
    fontColor: null,
    bold: null,
    italic: null,
    strikethrough: null,
    underline: null,
  };
}

export function copyRule(rule: ConditionalFormatState): ConditionalFormatState {
  return {
    ...rule,
    ranges: rule.ranges.map((r) => ({ sheetId: r.sheetId, rect: { ...r.rect } })),
    values: [...rule.values],
  };
}

export class ConditionalFormatRuleBuilderFacade
  extends Emulated
  implements
    Pick<
      RuleBuilder,
      | 'build'
      | 'copy'
      | 'getBooleanCondition'
      | 'getRanges'
      | 'setBackground'
      | 'setBold'
      | 'setFontColor'
      | 'setItalic'
      | 'setStrikethrough'
      | 'setUnderline'
      | 'setRanges'
      | 'whenCellEmpty'
      | 'whenCellNotEmpty'
      | 'whenDateAfter'
      | 'whenDateBefore'
      | 'whenFormulaSatisfied'
      | 'whenNumberBetween'
      | 'whenNumberEqualTo'
      | 'whenNumberGreaterThan'
      | 'whenNumberGreaterThanOrEqualTo'
      | 'whenNumberLessThan'
      | 'whenNumberLessThanOrEqualTo'
      | 'whenTextContains'
      | 'whenTextDoesNotContain'
      | 'whenTextEndsWith'
      | 'whenTextEqualTo'
      | 'whenTextStartsWith'
      | 'withCriteria'
    >
{
  private readonly _rule: ConditionalFormatState;

  constructor(
    private readonly _ws: Workspace,
    private readonly _makeRange: RangeMaker,
    private readonly _readRange: RangeReader,
    from?: ConditionalFormatState,
  ) {
    super(_ws, 'ConditionalFormatRuleBuilder');
    this._rule = from ? copyRule(from) : blankRule();
  }

  private _when(criteria: string, values: unknown[]): RuleBuilder {
    this._rule.criteria = criteria;
    this._rule.values = values;
    return gas(this);
  }

  private _date(value: unknown): Date {
    // RelativeDate (today, yesterday…) is an enum the emulator does not model.
    if (!isDate(value)) throw new NotEmulatedError('conditional format date criteria other than a Date');
    return new Date(value.getTime());
  }

  whenFormulaSatisfied(formula: unknown): RuleBuilder {
    return this._when('CUSTOM_FORMULA', [textArg(formula, 'formula')]);
  }

  whenTextEqualTo(text: unknown): RuleBuilder {
    return this._when('TEXT_EQUAL_TO', [textArg(text, 'text')]);
  }

  whenTextContains(text: unknown): RuleBuilder {
    return this._when('TEXT_CONTAINS', [textArg(text, 'text')]);
  }

  whenTextDoesNotContain(text: unknown): RuleBuilder {
    return this._when('TEXT_DOES_NOT_CONTAIN', [textArg(text, 'text')]);
  }

  whenTextStartsWith(text: unknown): RuleBuilder {
    return this._when('TEXT_STARTS_WITH', [textArg(text, 'text')]);
  }

  whenTextEndsWith(text: unknown): RuleBuilder {
    return this._when('TEXT_ENDS_WITH', [textArg(text, 'text')]);
  }

  whenCellEmpty(): RuleBuilder {
    return this._when('CELL_EMPTY', []);
  }

  whenCellNotEmpty(): RuleBuilder {
    return this._when('CELL_NOT_EMPTY', []);
  }

  whenDateAfter(date: unknown): RuleBuilder {
    return this._when('DATE_AFTER', [this._date(date)]);
  }

  whenDateBefore(date: unknown): RuleBuilder {
    return this._when('DATE_BEFORE', [this._date(date)]);
  }

  whenNumberBetween(start: unknown, end: unknown): RuleBuilder {
    return this._when('NUMBER_BETWEEN', [numberArg(start, 'start'), numberArg(end, 'end')]);
  }

  whenNumberEqualTo(n: unknown): RuleBuilder {
    return this._when('NUMBER_EQUAL_TO', [numberArg(n, 'number')]);
  }

  whenNumberGreaterThan(n: unknown): RuleBuilder {
    return this._when('NUMBER_GREATER_THAN', [numberArg(n, 'number')]);
  }

  whenNumberGreaterThanOrEqualTo(n: unknown): RuleBuilder {
    return this._when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [numberArg(n, 'number')]);
  }

  whenNumberLessThan(n: unknown): RuleBuilder {
    return this._when('NUMBER_LESS_THAN', [numberArg(n, 'number')]);
  }

  whenNumberLessThanOrEqualTo(n: unknown): RuleBuilder {
    return this._when('NUMBER_LESS_THAN_OR_EQUAL_TO', [numberArg(n, 'number')]);
  }

  withCriteria(criteria: unknown, args: unknown): RuleBuilder {
    const { name, values } = criteriaArgs(criteria, args, BooleanCriteria);
    return this._when(name, values);
  }

  setBackground(color: unknown): RuleBuilder {
    this._rule.background = color === null ? null : normaliseColour(color);
    return gas(this);
  }

  setFontColor(color: unknown): RuleBuilder {
    this._rule.fontColor = color === null ? null : normaliseColour(color);
    return gas(this);
  }

  private _flag(value: unknown, parameter: string): boolean | null {
    if (value !== null && typeof value !== 'boolean') invalidArgument(parameter);
    return value;
  }

  setBold(bold: unknown): RuleBuilder {
    this._rule.bold = this._flag(bold, 'bold');
    return gas(this);
  }

  setItalic(italic: unknown): RuleBuilder {
    this._rule.italic = this._flag(italic, 'italic');
    return gas(this);
  }

  setStrikethrough(strikethrough: unknown): RuleBuilder {
    this._rule.strikethrough = this._flag(strikethrough, 'strikethrough');
    return gas(this);
  }

  setUnderline(underline: unknown): RuleBuilder {
    this._rule.underline = this._flag(underline, 'underline');
    return gas(this);
  }

  setRanges(ranges: unknown): RuleBuilder {
    if (!Array.isArray(ranges)) invalidArgument('ranges');
    this._rule.ranges = ranges.map((r) => this._readRange(r, 'ranges'));
    return gas(this);
  }

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._rule.ranges.map(this._makeRange);
  }

  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition | null {
    return this._rule.criteria ? gas(new BooleanConditionFacade(this._ws, copyRule(this._rule))) : null;
  }

  copy(): RuleBuilder {
    return gas(
      new ConditionalFormatRuleBuilderFacade(this._ws, this._makeRange, this._readRange, this._rule),
    );
  }

  build(): Rule {
    if (!this._rule.criteria)
      throw new NotEmulatedError('ConditionalFormatRuleBuilder.build without a condition');
    return gas(
      new ConditionalFormatRuleFacade(this._ws, this._makeRange, this._readRange, copyRule(this._rule)),
    );
  }
}

export class ConditionalFormatRuleFacade
  extends Emulated
  implements Pick<Rule, 'copy' | 'getBooleanCondition' | 'getGradientCondition' | 'getRanges'>
{
  constructor(
    private readonly _ws: Workspace,
    private readonly _makeRange: RangeMaker,
    private readonly _readRange: RangeReader,
    readonly _rule: ConditionalFormatState,
  ) {
    super(_ws, 'ConditionalFormatRule');
  }

  copy(): RuleBuilder {
    return gas(
      new ConditionalFormatRuleBuilderFacade(this._ws, this._makeRange, this._readRange, this._rule),
    );
  }

  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition | null {
    return gas(new BooleanConditionFacade(this._ws, copyRule(this._rule)));
  }

  getGradientCondition(): GoogleAppsScript.Spreadsheet.GradientCondition | null {
    return null;
  }

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._rule.ranges.map(this._makeRange);
  }
}

export class BooleanConditionFacade
  extends Emulated
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.BooleanCondition,
      | 'getBackground'
      | 'getBold'
      | 'getCriteriaType'
      | 'getCriteriaValues'
      | 'getFontColor'
      | 'getItalic'
      | 'getStrikethrough'
      | 'getUnderline'
    >
{
  constructor(
    private readonly _ws: Workspace,
    private readonly _rule: ConditionalFormatState,
  ) {
    super(_ws, 'BooleanCondition');
  }

  getBackground(): string | null {
    return this._rule.background;
  }

  getBold(): boolean | null {
    return this._rule.bold;
  }

  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    return enumValue(this._rule.criteria);
  }

  getCriteriaValues(): unknown[] {
    return this._rule.values.map((v) => (v instanceof Date ? this._ws.newDate(v.getTime()) : v));
  }

  getFontColor(): string | null {
    return this._rule.fontColor;
  }

  getItalic(): boolean | null {
    return this._rule.italic;
  }

  getStrikethrough(): boolean | null {
    return this._rule.strikethrough;
  }

  getUnderline(): boolean | null {
    return this._rule.underline;
  }
}

/** The rule state behind a ConditionalFormatRule facade passed in by the script. */
export function conditionalRuleOf(value: unknown): ConditionalFormatState {
  if (
    value &&
    typeof value === 'object' &&
    '_rule' in value &&
    (value as { _className?: unknown })._className === 'ConditionalFormatRule'
  ) {
    return copyRule((value as { _rule: ConditionalFormatState })._rule);
  }
  return invalidArgument('rules');
}
