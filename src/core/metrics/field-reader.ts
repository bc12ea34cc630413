// The field-by-field reader behind parse-results.ts: each check names the file and the field it
// failed on, and what was expected: `results.json: nodes[2].rows: expected a non-negative integer`.
import { describeValue, inputError } from '../errors.js';

export const RESULTS_ERROR_CODES = {
  notJson: 'E_RESULTS_NOT_JSON',
  foreign: 'E_RESULTS_FOREIGN',
  newer: 'E_RESULTS_NEWER_SCHEMA',
  field: 'E_RESULTS_FIELD',
} as const;

export type Json = Record<string, unknown>;

/** Checks values at a path and throws an input error naming file and field. */
export class FieldReader {
  constructor(private readonly file: string) {}

  fail(path: string, expected: string, got: unknown): never {
    const what = got === undefined ? `missing, expected ${expected}` : `expected ${expected}, got ${describeValue(got)}`;
    throw inputError(RESULTS_ERROR_CODES.field, `${this.file}: ${path}: ${what}`, [
      'the file does not match schema/results.schema.json: was it edited by hand or written by another program?',
    ]);
  }

  object(value: unknown, path: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'an object', value);
    return value as Json;
  }

  array(value: unknown, path: string, minItems = 0): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'an array', value);
    if (value.length < minItems) this.fail(path, `an array of at least ${minItems} item${minItems === 1 ? '' : 's'}`, value);
    return value;
  }

  string(o: Json, key: string, path: string, minLength = 0): string {
    const value = o[key];
    if (typeof value !== 'string') this.fail(`${path}.${key}`, 'a string', value);
    if (value.length < minLength) this.fail(`${path}.${key}`, 'a non-empty string', value);
    return value;
  }

  nullableString(o: Json, key: string, path: string): string | null {
    const value = o[key];
    if (value !== null && typeof value !== 'string') this.fail(`${path}.${key}`, 'a string or null', value);
    return value;
  }

  /** A label: absent, or a string of at most maxLength characters. */
  optionalLabel(o: Json, key: string, path: string, maxLength: number): string | undefined {
    if (o[key] === undefined) return undefined;
    const value = this.string(o, key, path);
    if (value.length > maxLength) this.fail(`${path}.${key}`, `a string of at most ${maxLength} characters`, value);
    return value;
  }

  dateTime(o: Json, key: string, path: string): string {
    const value = this.string(o, key, path);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
      this.fail(`${path}.${key}`, 'an ISO 8601 date-time such as "2025-01-31T12:00:00.000Z"', value);
    }
    return value;
  }

  integer(o: Json, key: string, path: string, min = 0): number {
    const value = o[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      this.fail(`${path}.${key}`, min === 0 ? 'a non-negative integer' : `an integer >= ${min}`, value);
    }
    return value;
  }

  number(o: Json, key: string, path: string, range: { min?: number; max?: number; above?: number } = { min: 0 }): number {
    const value = o[key];
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (range.min === undefined || value >= range.min) &&
      (range.max === undefined || value <= range.max) &&
      (range.above === undefined || value > range.above);
    if (!ok) {
      const what =
        range.above !== undefined
          ? `a number > ${range.above}`
          : range.min === 0 && range.max === undefined
            ? 'a non-negative number'
            : range.min !== undefined && range.max !== undefined
              ? `a number from ${range.min} to ${range.max}`
              : 'a finite number';
      this.fail(`${path}.${key}`, what, value);
    }
    return value;
  }

  boolean(o: Json, key: string, path: string): boolean {
    const value = o[key];
    if (typeof value !== 'boolean') this.fail(`${path}.${key}`, 'true or false', value);
    return value;
  }

  oneOf<T extends string>(o: Json, key: string, path: string, allowed: readonly T[]): T {
    const value = o[key];
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(`${path}.${key}`, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
    }
    return value as T;
  }

  constant<T extends string>(o: Json, key: string, path: string, expected: T): T {
    if (o[key] !== expected) this.fail(`${path}.${key}`, JSON.stringify(expected), o[key]);
    return expected;
  }
}
