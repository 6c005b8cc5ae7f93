// Numbers in the report's table: a mean is given to the decimal place of its interval's
// half-width (two significant digits), so the digits shown are the digits known.

import { roundTo } from '../output/round-to.js';
import { log10 } from '../base/math/index.js';

function sig(x: number, digits: number): string {
  if (x === 0) return '0';
  const s = x.toPrecision(digits);
  return s.includes('e') ? s : String(Number(s));
}

/** "99.9512 ± 0.0031", "12.3 ± 1.4", "5" (no interval), "—" (no value). */
export function meanPlusMinus(mean: number, halfWidth: number): string {
  if (!Number.isFinite(mean)) return Number.isNaN(mean) ? '—' : mean > 0 ? '∞' : '−∞';
  if (!Number.isFinite(halfWidth) || halfWidth <= 0) return sig(mean, 6);
  const exp = Math.floor(log10(halfWidth));
  const decimals = Math.max(0, 1 - exp);
  if (decimals > 12 || Math.abs(mean) >= 1e15) return `${sig(mean, 6)} ± ${sig(halfWidth, 2)}`;
  return `${mean.toFixed(decimals)} ± ${halfWidth.toFixed(decimals)}`;
}

/** A parameter value for the parameter table. */
export function paramText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * A summary estimate as the terminal table shows it: "12.3 ± 1.4"; an interval kept inside the
 * metric's range as "100 [99.2, 100]"; nothing observed as the value and its one-sided bound,
 * "100 (≥ 99.9993)".
 */
export function estimateText(s: { readonly mean: number; readonly ci95Low: number; readonly ci95High: number; readonly oneSided: boolean }): string {
  if (!Number.isFinite(s.mean)) return meanPlusMinus(s.mean, NaN);
  if (s.oneSided) {
    const low = s.ci95Low < s.mean;
    const bound = low ? s.ci95Low : s.ci95High;
    if (!Number.isFinite(bound)) return `${sig(s.mean, 6)} (no bound)`;
    return `${sig(s.mean, 6)} (${low ? '≥' : '≤'} ${sig(bound, 6)})`;
  }
  const half = (s.ci95High - s.ci95Low) / 2;
  const symmetric = Math.abs(s.mean - s.ci95Low - (s.ci95High - s.mean)) <= 1e-9 * Math.max(1, Math.abs(s.mean));
  if (symmetric || !Number.isFinite(half)) return meanPlusMinus(s.mean, half);
  const width = Math.max(s.mean - s.ci95Low, s.ci95High - s.mean);
  return `${roundTo(s.mean, width)} [${roundTo(s.ci95Low, width)}, ${roundTo(s.ci95High, width)}]`;
}
