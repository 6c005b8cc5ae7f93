// A metric on a chart axis: its name in words and its unit, with durations shown in a unit that
// suits the values (downtime per year in min/yr, not seconds), so that every quantitative axis
// title reads "<name> (<unit>)": "downtime per year (min/yr)", "request availability (%)".

export interface MetricAxis {
  /** Axis title with the unit, e.g. "latency p99 (ms)". */
  readonly title: string;
  /** Name without the unit, e.g. "latency p99". */
  readonly name: string;
  readonly unit: string;
  /** Displayed value = raw value / divisor. */
  readonly divisor: number;
}

const TIME_UNITS: readonly [string, number][] = [
  ['d', 86_400],
  ['h', 3600],
  ['min', 60],
  ['s', 1],
];

/** Unit suffixes of metric names (longest first) and how they read. */
const SUFFIXES: readonly [string, string][] = [
  ['_per_year_s', 's'],
  ['_unit_hours', 'site-hours'],
  ['_gb_days', 'GB·days'],
  ['_per_request', 'per request'],
  ['_per_client', 'per client'],
  ['_per_year', '/yr'],
  ['_per_s', '/s'],
  ['_nines', 'nines'],
  ['_pct', '%'],
  ['_count', 'count'],
  ['_days', 'd'],
  ['_hours', 'h'],
  ['_ms', 'ms'],
  ['_s', 's'],
];

/** Words written in capitals. */
const ACRONYMS = new Set(['rpo', 'rto', 'slo', 'mtbf', 'mttr', 'mttf', 'cpu', 'gb']);

/** "rpo_physical_mean" → "RPO physical mean". */
export function metricWords(base: string): string {
  return base
    .split('_')
    .filter((w) => w !== '')
    .map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w))
    .join(' ');
}

/** The unit a group of seconds is best read in: the largest unit in which their median is ≥ 3. */
function timeUnit(values: readonly number[]): [string, number] {
  const v = values.filter((x) => Number.isFinite(x) && x !== 0).map(Math.abs).sort((a, b) => a - b);
  if (v.length === 0) return ['s', 1];
  const median = v[Math.floor((v.length - 1) / 2)]!;
  return TIME_UNITS.find(([, s]) => median >= 3 * s) ?? ['s', 1];
}

/**
 * The axis for `metric` whose plotted values are `values` (raw, in the metric's unit): seconds
 * and seconds per year are rescaled to min, h or d where their median is large.
 */
export function metricAxis(metric: string, values: readonly number[] = []): MetricAxis {
  const found = SUFFIXES.find(([s]) => metric.endsWith(s));
  if (!found) return { title: metricWords(metric), name: metricWords(metric), unit: '', divisor: 1 };
  const [suffix, unit0] = found;
  let name = metricWords(metric.slice(0, -suffix.length));
  let unit = unit0;
  let divisor = 1;
  if (suffix === '_s' || suffix === '_per_year_s') {
    // Seconds per year read as "downtime per year (min)".
    if (suffix === '_per_year_s') name = `${name} per year`;
    [unit, divisor] = timeUnit(values);
  }
  return { title: `${name} (${unit})`, name, unit, divisor };
}
