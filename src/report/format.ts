// Numbers in the report's table: a mean is given to the decimal place of its interval's
// half-width (two significant digits), so the digits shown are the digits known.

function sig(x: number, digits: number): string {
  if (x === 0) return '0';
  const s = x.toPrecision(digits);
  return s.includes('e') ? s : String(Number(s));
}

/** "99.9512 ± 0.0031", "12.3 ± 1.4", "5" (no interval), "—" (no value). */
export function meanPlusMinus(mean: number, halfWidth: number): string {
  if (!Number.isFinite(mean)) return Number.isNaN(mean) ? '—' : mean > 0 ? '∞' : '−∞';
  if (!Number.isFinite(halfWidth) || halfWidth <= 0) return sig(mean, 6);
  const exp = Math.floor(Math.log10(halfWidth));
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
