// Numbers for people: rounded to the precision their interval supports, bounds rounded outwards.
import { log10, powInt } from '../base/math/index.js';

/**
 * `x` with as many decimals as the second significant digit of `scale` needs; a bound is rounded
 * outwards (`down` for a lower bound, `up` for an upper one) so that the printed interval never
 * claims more than the computed one.
 */
export function roundTo(x: number, scale: number, direction?: 'down' | 'up'): string {
  if (!(scale > 0) || !Number.isFinite(scale)) return trim(x.toPrecision(6));
  const decimals = Math.min(12, Math.max(0, 1 - Math.floor(log10(scale))));
  if (direction === undefined) return x.toFixed(decimals);
  const f = powInt(10, decimals);
  const nearest = Math.round(x * f);
  // Keep the nearest value when it is already on the safe side (x·f is often a hair off an integer).
  const slack = 1e-9 * Math.max(1, Math.abs(x));
  const safe = direction === 'down' ? (nearest / f <= x + slack ? nearest : Math.floor(x * f)) : nearest / f >= x - slack ? nearest : Math.ceil(x * f);
  return (safe / f).toFixed(decimals);
}

/** A decimal without trailing zeros (or its exponent form as is). */
export function trim(s: string): string {
  return s.includes('e') || !s.includes('.') ? s : s.replace(/\.?0+$/, '');
}
