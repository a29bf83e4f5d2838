/** Small helpers shared by the SpreadsheetApp facades: enums, casts to the Apps Script types, colours. */
import { invalidArgument, isDate } from '../core';

/**
 * A facade as the Apps Script type the script expects. Facades implement the subset of each interface
 * the product uses (their `implements Pick<…>` clauses say which); any other member throws
 * `not emulated: Class.member` at run time, so the cast never hides a missing method silently.
 */
export function gas<T>(facade: object): T {
  return facade as unknown as T;
}

/** An enum as Apps Script exposes it: NAME → value whose string form is NAME. */
export function makeEnum<const K extends string>(names: readonly K[]): Readonly<Record<K, K>> {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n])) as Record<K, K>);
}

export function enumValue<T>(name: string): T {
  return name as unknown as T;
}

/** The enum member's name, or an "Invalid argument" error naming the parameter. */
export function enumName(value: unknown, names: Readonly<Record<string, string>>, parameter: string): string {
  const name = typeof value === 'string' ? value : String(value);
  if (!Object.prototype.hasOwnProperty.call(names, name)) invalidArgument(parameter);
  return name;
}

/** A string argument, or an "Invalid argument" error naming the parameter. */
export function textArg(value: unknown, parameter: string): string {
  if (typeof value !== 'string') invalidArgument(parameter);
  return value;
}

/** A finite number argument, or an "Invalid argument" error naming the parameter. */
export function numberArg(value: unknown, parameter: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalidArgument(parameter);
  return value;
}

/**
 * The arguments of withCriteria(criteria, args), on a data-validation or conditional-format builder: the
 * criteria's name in `names`, and the values with Dates copied out of the script's realm.
 */
export function criteriaArgs(
  criteria: unknown,
  args: unknown,
  names: Readonly<Record<string, string>>,
): { name: string; values: unknown[] } {
  const name = enumName(criteria, names, 'criteria');
  if (!Array.isArray(args)) invalidArgument('args');
  return { name, values: args.map((v) => (isDate(v) ? new Date(v.getTime()) : v)) };
}

export const WrapStrategy = makeEnum(['WRAP', 'OVERFLOW', 'CLIP']);
export const ProtectionType = makeEnum(['RANGE', 'SHEET']);
export const DataValidationCriteria = makeEnum([
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
]);
export const BooleanCriteria = makeEnum([
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
]);
export const ChartType = makeEnum([
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TIMELINE',
  'TREEMAP',
  'WATERFALL',
]);
export const ChartMergeStrategy = makeEnum(['MERGE_COLUMNS', 'MERGE_ROWS']);
export const ChartHiddenDimensionStrategy = makeEnum([
  'IGNORE_BOTH',
  'IGNORE_ROWS',
  'IGNORE_COLUMNS',
  'SHOW_BOTH',
]);
export const UiButton = makeEnum(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const UiButtonSet = makeEnum(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);

const NAMED_COLOURS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  purple: '#800080',
  grey: '#808080',
  gray: '#808080',
  pink: '#ffc0cb',
  lightgrey: '#d3d3d3',
  lightgray: '#d3d3d3',
};

/** Sheets reports colours as lower-case #rrggbb, whatever CSS form was set. */
export function normaliseColour(colour: unknown, parameter = 'color'): string {
  if (typeof colour !== 'string') invalidArgument(parameter);
  const c = colour.trim().toLowerCase();
  const named = NAMED_COLOURS[c];
  if (named) return named;
  if (/^#[0-9a-f]{6}$/.test(c)) return c;
  if (/^#[0-9a-f]{3}$/.test(c)) return `#${[...c.slice(1)].map((x) => x + x).join('')}`;
  return invalidArgument(parameter);
}

/** The emails of an addEditors/removeEditors-style argument: an array of strings or User facades. */
export function emailListOf(values: unknown, parameter = 'emailAddresses'): string[] {
  if (!Array.isArray(values)) invalidArgument(parameter);
  return values.map((e) => emailOf(e, parameter));
}

/** An email from a string or a User facade (Apps Script methods accept either). */
export function emailOf(value: unknown, parameter = 'emailAddress'): string {
  if (typeof value === 'string') {
    if (!value.includes('@')) invalidArgument(parameter);
    return value;
  }
  if (value && typeof value === 'object' && '_email' in value && typeof value._email === 'string')
    return value._email;
  return invalidArgument(parameter);
}
