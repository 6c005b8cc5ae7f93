// Exact values (a model's theory_* columns: closed forms or Markov chains, the same in every run)
// as people read them, in the terminal table, the verdicts and the report.
import { trim } from './round-to.js';
import { log10 } from '../base/math/index.js';

/** A model's exact value (a `theory_` column, system or per service): the same in every run. */
export function isExactColumn(metric: string): boolean {
  return /(^|_)theory_/.test(metric);
}

/**
 * An exact value as a person reads it: no interval, and a percentage near 100 with enough
 * decimals to show three significant digits of what it lacks (99.9999929, never "100"), so a
 * design down two seconds a year does not read as never down.
 */
export function formatExact(value: number, metric: string): string {
  if (!Number.isFinite(value)) return String(value);
  if (metric.endsWith('_pct') && value > 90 && value < 100) {
    const decimals = Math.min(14, 2 - Math.floor(log10(100 - value)));
    return trim(value.toFixed(decimals));
  }
  return trim(value.toPrecision(6));
}
