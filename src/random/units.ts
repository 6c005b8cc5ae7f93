/*
 * Durations and rates. Time is a plain number of SECONDS everywhere in hasim.
 *
 * Duration units (case-insensitive, optional space between number and unit):
 *   ns | us, µs | ms | s, sec, second(s) | m, min, minute(s) | h, hr, hour(s) | d, day(s)
 *   | w, wk, week(s) | y, yr, year(s)          — a year is exactly 365 days (31 536 000 s).
 * A plain number, or a string holding just a number, is seconds. Durations must be finite, ≥ 0
 * and at most MAX_DURATION_S (1000 years).
 * Rates: "<number>/<duration>", e.g. "200/s", "5/min", "1000/h", "3/d", "0.5/s", "6/10min";
 * a plain number (or numeric string) is per second. Rates must be finite, ≥ 0 and at most
 * MAX_RATE_PER_S (10⁹ per second).
 *
 * Why these bounds: a value beyond them is a slip (1e29 s, 1e308/s), never a model. Any single
 * time (a mean time to failure, a timeout) up to 1000 years is meaningful even when it exceeds
 * the run, which is bounded separately (spec-schema.ts: warm-up + duration ≤ 20 years, so that
 * every event time of a run, drain included, stays below 2^33 s ≈ 272 years, where doubles are
 * spaced less than 1 µs apart). 10⁹ events per second is a million times any shipped rate; one
 * simulated second at that rate is already 10⁹ events.
 */
import { quote } from '../base/config-error.js';
import { UnitError } from './unit-error.js';

export { UnitError } from './unit-error.js';

const SECONDS_PER: Readonly<Record<string, number>> = Object.freeze({
  ns: 1e-9,
  us: 1e-6,
  'µs': 1e-6, // U+00B5 micro sign
  'μs': 1e-6, // U+03BC Greek mu
  ms: 1e-3,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
  w: 604800,
  wk: 604800,
  week: 604800,
  weeks: 604800,
  y: 31536000,
  yr: 31536000,
  year: 31536000,
  years: 31536000,
});

/** Largest duration accepted: 1000 years of 365 days, in seconds. */
export const MAX_DURATION_S = 1000 * 31536000;
/** Largest rate accepted, events per second. */
export const MAX_RATE_PER_S = 1e9;

/** Units listed in error messages. */
export const DURATION_UNITS = 'ns, us (µs), ms, s, m (min), h, d, w, y (=365 d)';

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const DURATION_RE = new RegExp(String.raw`^\s*(${NUMBER})\s*([^\s\d/.+-][^\s/]*)?\s*$`);

function durationError(field: string, v: unknown, why: string): UnitError {
  return new UnitError(
    `${field}: invalid duration ${quote(v)} (${why}); use seconds as a number, or a string like "250ms", "1.5h", "30 s" with units ${DURATION_UNITS}`,
    field,
    v,
  );
}

/** Parses a duration to seconds: a number (seconds) or a string like "250ms", "1.5h", "30 s"; at most MAX_DURATION_S. */
export function parseDuration(v: string | number, field = 'duration'): number {
  const seconds = durationSeconds(v, field);
  if (seconds > MAX_DURATION_S) throw durationError(field, v, 'must be ≤ 1000y');
  return seconds;
}

/** A duration in seconds, finite and ≥ 0, without the upper bound (a rate's denominator may exceed it). */
function durationSeconds(v: string | number, field: string): number {
  let seconds: number;
  if (typeof v === 'number') {
    seconds = v;
  } else if (typeof v === 'string') {
    const m = DURATION_RE.exec(v);
    if (!m) throw durationError(field, v, 'not a number followed by a unit');
    const unit = m[2];
    const factor = unit === undefined ? 1 : SECONDS_PER[unit.toLowerCase()];
    if (factor === undefined) throw durationError(field, v, `unknown unit "${unit}"`);
    seconds = Number(m[1]) * factor;
  } else {
    throw durationError(field, v, 'expected a number or a string');
  }
  if (Number.isNaN(seconds)) throw durationError(field, v, 'not a number');
  if (!Number.isFinite(seconds)) throw durationError(field, v, 'must be finite');
  if (seconds < 0) throw durationError(field, v, 'must be ≥ 0');
  return seconds;
}

function rateError(field: string, v: unknown, why: string): UnitError {
  return new UnitError(
    `${field}: invalid rate ${quote(v)} (${why}); use events per second as a number, or a string like "200/s", "5/min", "1000/h", "3/d" with units ${DURATION_UNITS}`,
    field,
    v,
  );
}

const RATE_RE = new RegExp(String.raw`^\s*(${NUMBER})\s*(?:/\s*(\S.*?))?\s*$`);

/** Parses a rate to events per second: a number (per second) or a string like "200/s", "5/min". */
export function parseRate(v: string | number, field = 'rate'): number {
  let perSecond: number;
  if (typeof v === 'number') {
    perSecond = v;
  } else if (typeof v === 'string') {
    const m = RATE_RE.exec(v);
    if (!m) throw rateError(field, v, 'not "<number>/<unit>"');
    const count = Number(m[1]);
    const per = m[2];
    if (per === undefined) {
      perSecond = count;
    } else {
      // "5/min" = 5 per 1 min; "6/10min" = 6 per 10 min.
      const denominator = /^\d|^\./.test(per) ? per : `1${per}`;
      let seconds: number;
      try {
        seconds = durationSeconds(denominator, field);
      } catch {
        throw rateError(field, v, `unknown time unit "${per}"`);
      }
      if (seconds === 0) throw rateError(field, v, 'division by a zero duration');
      perSecond = count / seconds;
    }
  } else {
    throw rateError(field, v, 'expected a number or a string');
  }
  if (Number.isNaN(perSecond)) throw rateError(field, v, 'not a number');
  if (!Number.isFinite(perSecond)) throw rateError(field, v, 'must be finite');
  if (perSecond < 0) throw rateError(field, v, 'must be ≥ 0');
  if (perSecond > MAX_RATE_PER_S) throw rateError(field, v, 'must be ≤ 1e9 per second');
  return perSecond;
}

const FORMAT_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['y', 31536000],
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];
const SUB_SECOND: ReadonlyArray<readonly [string, number]> = [
  ['ms', 1e-3],
  ['us', 1e-6],
  ['ns', 1e-9],
];

function trim3(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/**
 * Human-readable duration for logs and reports (lossy): the two largest units, rounded, e.g.
 * 7500 → "2h 5m", 90061 → "1d 1h", 1.5 → "1.5s", 0.25 → "250ms", 0 → "0s". Years are 365 d.
 */
export function formatDuration(seconds: number): string {
  if (Number.isNaN(seconds)) return 'NaN';
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (!Number.isFinite(seconds)) return '∞';
  if (seconds === 0) return '0s';
  if (seconds < 1) {
    for (const [name, size] of SUB_SECOND) {
      const v = Number((seconds / size).toPrecision(3));
      if (v >= 1) return v >= 1000 ? formatDuration(v * size) : `${trim3(v)}${name}`;
    }
    return `${trim3(seconds / 1e-9)}ns`;
  }
  if (Number((seconds).toPrecision(3)) < 60) return `${trim3(seconds)}s`;
  // Largest unit U ≥ 1 minute: show U and the next smaller unit V, rounded to whole V.
  for (let i = 0; i < FORMAT_UNITS.length - 1; i++) {
    const [uName, u] = FORMAT_UNITS[i]!;
    const [vName, v] = FORMAT_UNITS[i + 1]!;
    if (Math.max(seconds, 60) < u) continue; // (59.97 s rounds to 1m, not "60s")
    const nV = Math.round(Math.max(seconds, 60) / v);
    const big = Math.floor((nV * v) / u + 1e-9);
    const small = Math.round((nV * v - big * u) / v);
    // Rounding may carry into the next larger unit (e.g. 59m 59.7s → 1h).
    if (i > 0 && big * u >= FORMAT_UNITS[i - 1]![1]) return formatDuration(big * u + small * v);
    return small > 0 ? `${big}${uName} ${small}${vName}` : `${big}${uName}`;
  }
  return `${trim3(seconds)}s`;
}
