// Reading and range-checking distribution parameters inside a family's zod transform.
// Every failure becomes a zod issue at the parameter's path, whose message names the family
// and the field, quotes the bad value and states the allowed range.
import { z } from 'zod';
import { quote } from '../../base/config-error.js';
import { MAX_DURATION_S, MAX_RATE_PER_S, parseDuration, parseRate } from '../units.js';
import { UnitError } from '../unit-error.js';

/** Allowed range of a numeric parameter (all bounds optional). */
export interface Range {
  readonly gt?: number;
  readonly ge?: number;
  readonly lt?: number;
  readonly le?: number;
  readonly integer?: boolean;
}

const show = (x: number): string => String(Number(x.toPrecision(6)));

export function rangeText(r: Range): string {
  const parts: string[] = [];
  if (r.integer) parts.push('an integer');
  if (r.gt !== undefined) parts.push(`> ${show(r.gt)}`);
  if (r.ge !== undefined) parts.push(`≥ ${show(r.ge)}`);
  if (r.lt !== undefined) parts.push(`< ${show(r.lt)}`);
  if (r.le !== undefined) parts.push(`≤ ${show(r.le)}`);
  return parts.length === 0 ? 'a finite number' : parts.join(' and ');
}

function inRange(x: number, r: Range): boolean {
  return (
    Number.isFinite(x) &&
    (!r.integer || Number.isInteger(x)) &&
    (r.gt === undefined || x > r.gt) &&
    (r.ge === undefined || x >= r.ge) &&
    (r.lt === undefined || x < r.lt) &&
    (r.le === undefined || x <= r.le)
  );
}

type Ctx = { issues: z.core.$ZodRawIssue[] };

/** The bound of every time parameter given as a number (units.ts bounds the strings alike). */
export const TIME_BOUND_TEXT = `must be at most 1000 years (±${MAX_DURATION_S} s)`;

/** Raw input of a time-like parameter: seconds, or a duration string such as "30d". */
export const timeInput = z
  .union([z.number(), z.string()])
  .meta({ description: 'seconds, or a duration string such as "250ms", "30 s", "1.5h", "30d"' });
/** Raw input of a plain number parameter. */
export const numberInput = z.number();
/** Raw input of a rate parameter: per second, or a string such as "5/min". */
export const rateInput = z
  .union([z.number(), z.string()])
  .meta({ description: 'events per second, or a string such as "200/s", "5/min", "3/d"' });

/**
 * Collects the issues of one spec object. Readers return NaN after reporting an issue, so a
 * transform can read all fields, then return `z.NEVER` if `failed`.
 */
export class ParamReader {
  failed = false;
  constructor(
    private readonly family: string,
    private readonly obj: Readonly<Record<string, unknown>>,
    private readonly ctx: Ctx,
  ) {}

  has(field: string): boolean {
    return this.obj[field] !== undefined;
  }

  /** Reports an issue at `field` (or at the object itself when field is undefined). */
  fail(field: string | undefined, message: string): number {
    return this.failAt(field === undefined ? [] : [field], field === undefined ? this.obj : this.obj[field], message);
  }

  /** Reports an issue at a nested path (e.g. ['cdf', 2, 0]). */
  failAt(path: (string | number)[], input: unknown, message: string): number {
    this.failed = true;
    this.ctx.issues.push({ code: 'custom', message, path, input, continue: true });
    return NaN;
  }

  /** Converts an element of an array parameter that holds a time; NaN after reporting. */
  timeAt(path: (string | number)[], raw: unknown, label: string): number {
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) return this.failAt(path, raw, `${this.family} ${label} must be finite; got ${quote(raw)}`);
      return Math.abs(raw) <= MAX_DURATION_S ? raw : this.failAt(path, raw, `${this.family} ${label} ${TIME_BOUND_TEXT}; got ${quote(raw)}`);
    }
    if (typeof raw === 'string') {
      try {
        return parseDuration(raw, `${this.family} ${label}`);
      } catch (e) {
        return this.failAt(path, raw, e instanceof UnitError ? e.message : String(e));
      }
    }
    return this.failAt(path, raw, `${this.family} ${label} must be seconds or a duration string; got ${quote(raw)}`);
  }

  private check(field: string, raw: unknown, x: number, r: Range, kind: string): number {
    if (inRange(x, r)) return x;
    return this.fail(field, `${this.family} ${field} must be ${kind}${rangeText(r)}; got ${quote(raw)}`);
  }

  /** A plain number in range r. */
  num(field: string, r: Range = {}): number {
    const raw = this.obj[field];
    if (typeof raw !== 'number') return this.fail(field, `${this.family} ${field} must be a number (${rangeText(r)}); got ${quote(raw)}`);
    return this.check(field, raw, raw, r, '');
  }

  /** A time: a number of seconds, or a duration string; then range-checked. */
  time(field: string, r: Range = {}): number {
    const raw = this.obj[field];
    let x: number;
    if (typeof raw === 'string') {
      try {
        x = parseDuration(raw, `${this.family} ${field}`);
      } catch (e) {
        return this.fail(field, e instanceof UnitError ? e.message : String(e));
      }
    } else if (typeof raw === 'number') {
      x = raw;
      if (Math.abs(x) > MAX_DURATION_S) return this.fail(field, `${this.family} ${field} ${TIME_BOUND_TEXT}; got ${quote(raw)}`);
    } else {
      return this.fail(field, `${this.family} ${field} must be seconds or a duration string; got ${quote(raw)}`);
    }
    return this.check(field, raw, x, r, '');
  }

  /** A rate: events per second, or a string such as "5/min"; then range-checked. */
  rate(field: string, r: Range = {}): number {
    const raw = this.obj[field];
    let x: number;
    if (typeof raw === 'string') {
      try {
        x = parseRate(raw, `${this.family} ${field}`);
      } catch (e) {
        return this.fail(field, e instanceof UnitError ? e.message : String(e));
      }
    } else if (typeof raw === 'number') {
      x = raw;
      if (x > MAX_RATE_PER_S) return this.fail(field, `${this.family} ${field} must be a rate ≤ 1e9 per second; got ${quote(raw)}`);
    } else {
      return this.fail(field, `${this.family} ${field} must be a rate (per second, or like "5/min"); got ${quote(raw)}`);
    }
    return this.check(field, raw, x, r, 'a rate ');
  }

  /**
   * Checks that exactly one of the allowed parameter combinations is given; returns its index,
   * or -1 after reporting which combinations are accepted.
   */
  oneOf(combos: readonly (readonly string[])[], allFields: readonly string[]): number {
    const given = allFields.filter((f) => this.has(f));
    const idx = combos.findIndex((c) => c.length === given.length && c.every((f) => this.has(f)));
    if (idx >= 0) return idx;
    const accepted = combos.map((c) => `{${c.join(', ')}}`).join(' or ');
    this.fail(undefined, `${this.family} needs exactly one of ${accepted}; got {${given.join(', ')}}`);
    return -1;
  }
}

// Per-field zod schemas, whose type errors name the family and the field.

/** Seconds or a duration string. */
export function timeParam(family: string, field: string) {
  return z
    .union([z.number(), z.string()], {
      error: (iss) => `${family} ${field} must be seconds or a duration string like "30s"; got ${quote(iss.input)}`,
    })
    .meta({ description: `${field}: seconds, or a duration string such as "250ms", "30 s", "1.5h", "30d"` });
}

/** Events per second or a rate string. */
export function rateParam(family: string, field: string) {
  return z
    .union([z.number(), z.string()], {
      error: (iss) => `${family} ${field} must be a rate (per second, or like "5/min"); got ${quote(iss.input)}`,
    })
    .meta({ description: `${field}: events per second, or a string such as "200/s", "5/min", "3/d"` });
}

/** A plain number. */
export function numParam(family: string, field: string, description: string) {
  return z
    .number({ error: (iss) => `${family} ${field} must be a finite number; got ${quote(iss.input)}` })
    .meta({ description: `${field}: ${description}` });
}

/** The `dist` discriminator literal. */
export function distLiteral<N extends string>(name: N) {
  return z.literal(name);
}

/** Strict object: unknown fields are rejected with a message listing the allowed ones. */
export function specObject<Shape extends z.core.$ZodLooseShape>(family: string, shape: Shape, description: string) {
  const allowed = Object.keys(shape).join(', ');
  return z
    .strictObject(shape, {
      error: (iss) =>
        iss.code === 'unrecognized_keys'
          ? `${family}: unknown field(s) ${iss.keys.join(', ')}; allowed fields: ${allowed}`
          : undefined,
    })
    .meta({ description });
}
