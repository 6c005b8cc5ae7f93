// The 95% interval written for one configuration and metric, by the rule of its kind:
// - a metric whose events were never observed (its rare-event count is 0 in every run) gets a
//   one-sided bound from the rule of three, never "± 0";
// - otherwise the Student-t interval on the runs' values, kept where it lies inside the metric's
//   range; a percentage whose t interval crosses 0 or 100 gets a Wilson interval at the runs'
//   effective sample size; a non-negative metric whose t interval crosses 0 is clipped at 0
//   (a clipped interval covers the true mean whenever the unclipped one does).
// The note says which rule was used, so a reader of summary.csv knows what the bounds mean.
import type { MetricRecord } from './model.js';
import type { MetricSpec } from '../base/metric-spec.js';
import { studentTQuantile } from '../stats/student-t.js';
import { summarize, type Summary } from '../stats/summarize.js';
import { wilsonEffective } from '../stats/wilson.js';
import { formatDuration } from '../random/units.js';

/** −ln(0.05) rounded up: no event in exposure X has probability ≤ 5% when the rate is ≥ 3/X. */
export const RULE_OF_THREE = 3;

export const NOTE_NONE_OBSERVED = 'none observed';

export interface MetricInterval extends Summary {
  /** Empty, or the rule that formed the bounds. */
  readonly note: string;
  /** Events behind the metric summed over the runs (rare-event metrics only). */
  readonly observedEvents: number | undefined;
  /** True when the bounds are a one-sided rule-of-three bound (nothing observed). */
  readonly oneSided: boolean;
}

function rangeOf(spec: MetricSpec): [number, number] {
  if (spec.range === 'pct') return [0, 100];
  if (spec.range === 'nonneg') return [0, Infinity];
  return [-Infinity, Infinity];
}

function sum(runs: readonly MetricRecord[], metric: string): number {
  let s = 0;
  for (const r of runs) {
    const v = r[metric];
    if (v === undefined || !Number.isFinite(v)) return NaN;
    s += v;
  }
  return s;
}

/** The interval of `metric` over the runs of one configuration; `durationS` is a run's measured duration. */
export function metricInterval(runs: readonly MetricRecord[], metric: string, spec: MetricSpec, durationS: number): MetricInterval {
  const s = summarize(runs.map((r) => r[metric] ?? NaN));
  const [lo, hi] = rangeOf(spec);
  const rare = spec.rare;
  const observedEvents = rare !== undefined ? sum(runs, rare.events) : undefined;
  const plain = { ...s, note: '', observedEvents, oneSided: false };
  if (s.n === 0) return plain;

  if (rare !== undefined && observedEvents === 0) {
    const exposure = rare.exposure === 'run' ? runs.length : rare.exposure === 'duration_s' ? runs.length * durationS : sum(runs, rare.exposure);
    const perEvent = rare.perEvent === undefined ? 1 : summarize(runs.map((r) => r[rare.perEvent as string] ?? NaN)).mean;
    const runsText = `${runs.length} run${runs.length === 1 ? '' : 's'}`;
    const unit = rare.exposure === 'duration_s' ? `${runsText} × ${formatDuration(durationS)}` : rare.exposure === 'run' ? runsText : `${runsText} (${exposure} ${rare.exposure.replace(/_count$/, '')})`;
    if (!(exposure > 0) || !Number.isFinite(perEvent)) {
      return { ...s, ci95Low: NaN, ci95High: NaN, halfWidth: NaN, note: `${NOTE_NONE_OBSERVED}: no ${rare.event} in ${unit}; no bound (no exposure)`, observedEvents, oneSided: true };
    }
    if (perEvent === 0 && rare.perEvent !== undefined) {
      // The model states that no event can occur (e.g. a service nothing can take down): exact.
      return { ...s, note: `no ${rare.event} possible (${rare.perEvent} = 0)`, observedEvents, oneSided: false };
    }
    const shift = (rare.scale * RULE_OF_THREE * perEvent) / exposure;
    const assumed = rare.perEvent?.endsWith('_s') ? `, each assumed ≤ ${formatDuration(perEvent)} (${rare.perEvent})` : '';
    const bound = rare.side === 'low' ? Math.max(lo, s.mean - shift) : Math.min(hi, s.mean + shift);
    const ci95Low = rare.side === 'low' ? bound : s.mean;
    const ci95High = rare.side === 'low' ? s.mean : bound;
    return {
      ...s,
      ci95Low,
      ci95High,
      halfWidth: Math.abs(bound - s.mean),
      note: `${NOTE_NONE_OBSERVED}: no ${rare.event} in ${unit}${assumed}; one-sided 95% bound (rule of three)`,
      observedEvents,
      oneSided: true,
    };
  }

  if (!(s.n >= 2) || (s.ci95Low >= lo && s.ci95High <= hi)) return plain;
  if (spec.range === 'pct') {
    const t = studentTQuantile(0.975, s.n - 1);
    const sd = s.std / 100;
    const w = wilsonEffective(s.mean / 100, (sd * sd) / s.n, t);
    return { ...s, ci95Low: 100 * w.low, ci95High: 100 * w.high, note: 'Wilson interval at the effective sample size (t interval crossed the range)', observedEvents, oneSided: false };
  }
  return {
    ...s,
    ci95Low: Math.max(lo, s.ci95Low),
    ci95High: Math.min(hi, s.ci95High),
    note: `t interval clipped to the range [${lo}, ${hi === Infinity ? '∞' : hi}]`,
    observedEvents,
    oneSided: false,
  };
}
