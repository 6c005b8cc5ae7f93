// Numbers in warnings: three significant digits, no exponent for everyday magnitudes.
import { formatDuration } from '../../src/random/index.js';

/** `x` to three significant digits ("0.0143", "1.2e+6" only beyond a million). */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : String(x);
  const r = Number(x.toPrecision(3));
  return Math.abs(r) >= 1e6 ? r.toExponential(2) : String(r);
}

/** A rate per second, e.g. "450/s". */
export const fmtRate = (perS: number): string => `${fmt(perS)}/s`;

/** A duration in words of units, e.g. "10m", "1d 12h". */
export const fmtDuration = (s: number): string => formatDuration(s);

/** "1 run" / "30 runs". */
export const plural = (n: number, word: string): string => `${fmt(n)} ${word}${n === 1 ? '' : 's'}`;
