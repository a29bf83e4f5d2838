/** Enums of the services whose enum values are objects (ScriptApp, FormApp). */

/**
 * An Apps Script enum value. At run time Apps Script enums are objects, not strings: `String(v)` and
 * `v.name()` give the name and `v == 'CLOCK'` is true, but `v === 'CLOCK'` is false. So a script that
 * compares with `===` against a string fails here as it would on Apps Script.
 */
export interface EnumValue {
  name(): string;
  ordinal(): number;
  toString(): string;
  toJSON(): string;
}

/** An enum object: each name maps to a frozen EnumValue whose ordinal is its position in `names`. */
export function makeEnum<const K extends string>(names: readonly K[]): Readonly<Record<K, EnumValue>> {
  const out = {} as Record<K, EnumValue>;
  names.forEach((name, index) => {
    out[name] = Object.freeze({
      name: () => name,
      ordinal: () => index,
      toString: () => name,
      toJSON: () => name,
    });
  });
  return Object.freeze(out);
}

/** The name of `value` if it is one of `enumObject`'s values (identity, as Apps Script's enums compare). */
export function enumName<K extends string>(
  enumObject: Readonly<Record<K, EnumValue>>,
  value: unknown,
): K | undefined {
  for (const name of Object.keys(enumObject) as K[]) if (enumObject[name] === value) return name;
  return undefined;
}
