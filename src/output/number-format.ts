// The fixed number format of every CSV file: the shortest decimal that reads back as the same
// double (ECMAScript Number.prototype.toString, exactly specified, so the same on every
// platform), e.g. 0.1, 1234.5678, 1e-7, 12; -0 is written 0; NaN (and a missing value) is an
// empty cell; ±Infinity is "inf" / "-inf" (pandas and R read both back).
export function formatNumber(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '0';
  return String(x);
}

/** A swept value in a CSV cell: numbers as above, strings as is, anything else as JSON. */
export function formatCell(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
