// Numeric companions of swept columns, for plotting. A swept column whose every value is a
// string with a duration unit ("1s", "250ms", "2h") gets a column `<swept>_s` holding the
// values in seconds; one whose every value is a string rate with a unit ("100/s", "5/min") gets
// `<swept>_per_s` holding events per second. Plain numbers, numeric strings, other strings and
// mixtures get none (a plain number needs no companion; a mixture has no single unit). A
// companion is written right after its swept column in runs.csv and summary.csv, and listed in
// meta.json `numeric_columns`. It is skipped where its name is already taken by another column.
import { parseDuration, parseRate } from '../random/units.js';

export type CompanionUnit = 's' | 'per_s';

export interface NumericCompanion {
  /** The swept column it belongs to. */
  readonly swept: string;
  /** The companion's column name: `<swept>_s` or `<swept>_per_s`. */
  readonly column: string;
  readonly unit: CompanionUnit;
  /** The numeric value of a swept value (called only with the column's own values). */
  readonly value: (v: unknown) => number;
}

/** A string holding a number and a duration unit, in seconds; undefined for anything else. */
function durationWithUnit(v: unknown): number | undefined {
  if (typeof v !== 'string' || v.includes('/')) return undefined;
  if (v.trim() !== '' && Number.isFinite(Number(v))) return undefined; // no unit
  try {
    return parseDuration(v);
  } catch {
    return undefined;
  }
}

/** A string rate with a unit ("100/s", "6/10min"), per second; undefined for anything else. */
function rateWithUnit(v: unknown): number | undefined {
  if (typeof v !== 'string' || !v.includes('/')) return undefined;
  try {
    return parseRate(v);
  } catch {
    return undefined;
  }
}

const CONVERTERS: ReadonlyArray<readonly [CompanionUnit, (v: unknown) => number | undefined]> = [
  ['s', durationWithUnit],
  ['per_s', rateWithUnit],
];

/**
 * The numeric companions of `columns` (in column order), judged on the values the
 * configurations give them. `taken` are further column names a companion must not take.
 */
export function numericCompanions(
  columns: readonly string[],
  configurations: readonly { readonly swept: Readonly<Record<string, unknown>> }[],
  taken: readonly string[] = [],
): NumericCompanion[] {
  const names = new Set([...columns, ...taken]);
  const out: NumericCompanion[] = [];
  for (const swept of columns) {
    if (configurations.length === 0) continue;
    const values = configurations.map((c) => c.swept[swept]);
    for (const [unit, convert] of CONVERTERS) {
      if (!values.every((v) => convert(v) !== undefined)) continue;
      const column = `${swept}_${unit}`;
      if (names.has(column)) break;
      names.add(column);
      out.push({ swept, column, unit, value: (v) => convert(v) ?? NaN });
      break;
    }
  }
  return out;
}

/** The CSV header for the swept part: each swept column followed by its companion, if any. */
export function sweptHeader(columns: readonly string[], companions: readonly NumericCompanion[]): string[] {
  const bySwept = new Map(companions.map((c) => [c.swept, c]));
  return columns.flatMap((c) => {
    const comp = bySwept.get(c);
    return comp ? [c, comp.column] : [c];
  });
}

/** meta.json `numeric_columns`: swept column → its companion column and unit. */
export function numericColumnsMeta(companions: readonly NumericCompanion[]): Record<string, { readonly column: string; readonly unit: CompanionUnit }> {
  return Object.fromEntries(companions.map((c) => [c.swept, { column: c.column, unit: c.unit }]));
}
