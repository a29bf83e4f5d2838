/**
 * Data validation: the builder, the built rule, and the check a user's edit goes through when the rule
 * rejects invalid input (setAllowInvalid(false)). Scripts' own writes are not checked, as in Sheets.
 */
import { Emulated, NotEmulatedError, invalidArgument, isDate } from '../core';
import type { Workspace } from '../workspace';
import { wallMsOf } from '../zone';
import { Formula, SerialDate, type Cell } from './cells';
import { DataValidationCriteria, criteriaArgs, enumValue, gas, numberArg, textArg } from './common';
import type { ValidationRule } from './model';

type Builder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type Criteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

/** Criteria values as the script sees them: Dates in its realm, arrays copied. */
function toScript(ws: Workspace, values: readonly unknown[]): unknown[] {
  return values.map((v) => (v instanceof Date ? ws.newDate(v.getTime()) : Array.isArray(v) ? [...v] : v));
}

function hostDate(value: unknown, parameter: string): Date {
  if (!isDate(value)) invalidArgument(parameter);
  return new Date(value.getTime());
}

export class DataValidationBuilderFacade
  extends Emulated
  implements
    Pick<
      Builder,
      | 'build'
      | 'copy'
      | 'getAllowInvalid'
      | 'getCriteriaType'
      | 'getCriteriaValues'
      | 'getHelpText'
      | 'requireCheckbox'
      | 'requireDate'
      | 'requireDateAfter'
      | 'requireDateBefore'
      | 'requireDateBetween'
      | 'requireDateOnOrAfter'
      | 'requireDateOnOrBefore'
      | 'requireFormulaSatisfied'
      | 'requireNumberBetween'
      | 'requireNumberGreaterThan'
      | 'requireNumberGreaterThanOrEqualTo'
      | 'requireNumberLessThan'
      | 'requireNumberLessThanOrEqualTo'
      | 'requireTextContains'
      | 'requireTextIsEmail'
      | 'requireTextIsUrl'
      | 'requireValueInList'
      | 'setAllowInvalid'
      | 'setHelpText'
      | 'withCriteria'
    >
{
  private _criteria: string | null = null;
  private _values: unknown[] = [];
  private _allowInvalid = true;
  private _helpText = '';

  constructor(
    private readonly _ws: Workspace,
    from?: ValidationRule,
  ) {
    super(_ws, 'DataValidationBuilder');
    if (from) {
      this._criteria = from.criteria;
      this._values = [...from.values];
      this._allowInvalid = from.allowInvalid;
      this._helpText = from.helpText;
    }
  }

  private _set(criteria: string, values: unknown[]): Builder {
    this._criteria = criteria;
    this._values = values;
    return gas(this);
  }

  requireValueInList(values: unknown, showDropdown?: unknown): Builder {
    if (!Array.isArray(values) || values.length === 0) invalidArgument('values');
    if (showDropdown !== undefined && typeof showDropdown !== 'boolean') invalidArgument('showDropdown');
    return this._set('VALUE_IN_LIST', [values.map((v) => String(v)), showDropdown ?? true]);
  }

  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): Builder {
    const values = [checkedValue, uncheckedValue].filter((v) => v !== undefined);
    return this._set('CHECKBOX', values);
  }

  requireDate(): Builder {
    return this._set('DATE_IS_VALID_DATE', []);
  }

  requireDateAfter(date: unknown): Builder {
    return this._set('DATE_AFTER', [hostDate(date, 'date')]);
  }

  requireDateBefore(date: unknown): Builder {
    return this._set('DATE_BEFORE', [hostDate(date, 'date')]);
  }

  requireDateBetween(start: unknown, end: unknown): Builder {
    return this._set('DATE_BETWEEN', [hostDate(start, 'start'), hostDate(end, 'end')]);
  }

  requireDateOnOrAfter(date: unknown): Builder {
    return this._set('DATE_ON_OR_AFTER', [hostDate(date, 'date')]);
  }

  requireDateOnOrBefore(date: unknown): Builder {
    return this._set('DATE_ON_OR_BEFORE', [hostDate(date, 'date')]);
  }

  requireFormulaSatisfied(formula: unknown): Builder {
    return this._set('CUSTOM_FORMULA', [textArg(formula, 'formula')]);
  }

  requireNumberBetween(start: unknown, end: unknown): Builder {
    return this._set('NUMBER_BETWEEN', [numberArg(start, 'start'), numberArg(end, 'end')]);
  }

  requireNumberGreaterThan(n: unknown): Builder {
    return this._set('NUMBER_GREATER_THAN', [numberArg(n, 'number')]);
  }

  requireNumberGreaterThanOrEqualTo(n: unknown): Builder {
    return this._set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [numberArg(n, 'number')]);
  }

  requireNumberLessThan(n: unknown): Builder {
    return this._set('NUMBER_LESS_THAN', [numberArg(n, 'number')]);
  }

  requireNumberLessThanOrEqualTo(n: unknown): Builder {
    return this._set('NUMBER_LESS_THAN_OR_EQUAL_TO', [numberArg(n, 'number')]);
  }

  requireTextContains(t: unknown): Builder {
    return this._set('TEXT_CONTAINS', [textArg(t, 'text')]);
  }

  requireTextIsEmail(): Builder {
    return this._set('TEXT_IS_VALID_EMAIL', []);
  }

  requireTextIsUrl(): Builder {
    return this._set('TEXT_IS_VALID_URL', []);
  }

  withCriteria(criteria: unknown, args: unknown): Builder {
    const { name, values } = criteriaArgs(criteria, args, DataValidationCriteria);
    return this._set(name, values);
  }

  setAllowInvalid(allowInvalidData: unknown): Builder {
    if (typeof allowInvalidData !== 'boolean') invalidArgument('allowInvalidData');
    this._allowInvalid = allowInvalidData;
    return gas(this);
  }

  setHelpText(helpText: unknown): Builder {
    this._helpText = textArg(helpText, 'helpText');
    return gas(this);
  }

  getAllowInvalid(): boolean {
    return this._allowInvalid;
  }

  getCriteriaType(): Criteria {
    return enumValue(this._criteria ?? '');
  }

  getCriteriaValues(): unknown[] {
    return toScript(this._ws, this._values);
  }

  getHelpText(): string {
    return this._helpText;
  }

  copy(): Builder {
    return gas(new DataValidationBuilderFacade(this._ws, this._rule()));
  }

  build(): GoogleAppsScript.Spreadsheet.DataValidation {
    if (this._criteria === null)
      throw new NotEmulatedError('DataValidationBuilder.build without a criterion');
    return gas(new DataValidationFacade(this._ws, this._rule()));
  }

  private _rule(): ValidationRule {
    return Object.freeze({
      criteria: this._criteria ?? '',
      values: Object.freeze([...this._values]),
      allowInvalid: this._allowInvalid,
      helpText: this._helpText,
    });
  }
}

export class DataValidationFacade
  extends Emulated
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.DataValidation,
      'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText'
    >
{
  constructor(
    private readonly _ws: Workspace,
    readonly _rule: ValidationRule,
  ) {
    super(_ws, 'DataValidation');
  }

  copy(): Builder {
    return gas(new DataValidationBuilderFacade(this._ws, this._rule));
  }

  getAllowInvalid(): boolean {
    return this._rule.allowInvalid;
  }

  getCriteriaType(): Criteria {
    return enumValue(this._rule.criteria);
  }

  getCriteriaValues(): unknown[] {
    return toScript(this._ws, this._rule.values);
  }

  getHelpText(): string {
    return this._rule.helpText;
  }
}

/** The rule behind a DataValidation facade passed in by the script, or an "Invalid argument" error. */
export function ruleOf(value: unknown, parameter = 'rule'): ValidationRule | undefined {
  if (value === null) return undefined;
  if (
    value &&
    typeof value === 'object' &&
    (value as { _className?: unknown })._className === 'DataValidation'
  ) {
    return (value as { _rule: ValidationRule })._rule;
  }
  return invalidArgument(parameter);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_PATTERN = /^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/i;

/**
 * Whether a cell's new content passes a rule (an empty cell always does: clearing is allowed). Dates are
 * compared as serials: the rule's Dates on the spreadsheet's wall clock in `timeZone` (its zone now).
 */
export function passesValidation(
  rule: ValidationRule,
  cell: Cell | undefined,
  display: string,
  timeZone: string,
): boolean {
  if (cell === undefined) return true;
  if (cell instanceof Formula) throw new NotEmulatedError('validating a formula entry');
  const v = rule.values;
  const date = cell instanceof SerialDate ? cell.wallMs : undefined;
  const dateArg = (i: number): number => (v[i] instanceof Date ? wallMsOf(v[i].getTime(), timeZone) : NaN);
  const numArg = (i: number): number => (typeof v[i] === 'number' ? v[i] : NaN);
  switch (rule.criteria) {
    case 'VALUE_IN_LIST':
      return Array.isArray(v[0]) && (v[0] as unknown[]).some((item) => String(item) === display);
    case 'CHECKBOX':
      if (v.length === 0) return typeof cell === 'boolean';
      return v.some((allowed) => allowed === cell || String(allowed) === display);
    case 'DATE_IS_VALID_DATE':
      return date !== undefined;
    case 'DATE_AFTER':
      return date !== undefined && date > dateArg(0);
    case 'DATE_BEFORE':
      return date !== undefined && date < dateArg(0);
    case 'DATE_ON_OR_AFTER':
      return date !== undefined && date >= dateArg(0);
    case 'DATE_ON_OR_BEFORE':
      return date !== undefined && date <= dateArg(0);
    case 'DATE_BETWEEN':
      return date !== undefined && date >= dateArg(0) && date <= dateArg(1);
    case 'NUMBER_BETWEEN':
      return typeof cell === 'number' && cell >= numArg(0) && cell <= numArg(1);
    case 'NUMBER_GREATER_THAN':
      return typeof cell === 'number' && cell > numArg(0);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return typeof cell === 'number' && cell >= numArg(0);
    case 'NUMBER_LESS_THAN':
      return typeof cell === 'number' && cell < numArg(0);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return typeof cell === 'number' && cell <= numArg(0);
    case 'TEXT_CONTAINS':
      return display.includes(String(v[0]));
    case 'TEXT_IS_VALID_EMAIL':
      return typeof cell === 'string' && EMAIL.test(cell);
    case 'TEXT_IS_VALID_URL':
      return typeof cell === 'string' && URL_PATTERN.test(cell);
    default:
      throw new NotEmulatedError(`checking a user's entry against ${rule.criteria} validation`);
  }
}

export { DataValidationCriteria };
