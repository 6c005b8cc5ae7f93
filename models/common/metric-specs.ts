// Building blocks for a model's `metricSpec`: the default spec of a name with a better direction
// added, a plain range (for levels and volumes, which must not get the rare-event rule the
// default gives every `_count`), and matching a metric against a suffix after an optional
// `<prefix>_` (a service, class or edge name).
import { defaultMetricSpec, type MetricRange, type MetricSpec } from '../../src/base/metric-spec.js';

/** The default spec of `metric` (range and, for `_count`, its rare-event rule) with a better direction. */
export function directed(metric: string, better: 'higher' | 'lower'): MetricSpec {
  return { ...defaultMetricSpec(metric), better };
}

/** A range and an optional better direction, no rare-event rule: a level, a volume, a time, a parameter. */
export function plain(range: MetricRange, better?: 'higher' | 'lower'): MetricSpec {
  return better === undefined ? { range } : { range, better };
}

/**
 * The prefix of `metric` if it is `suffix` itself ('') or `<prefix>_<suffix>` (the prefix keeps
 * its trailing underscore); undefined otherwise.
 */
export function prefixOf(metric: string, suffix: string): string | undefined {
  if (metric === suffix) return '';
  if (metric.endsWith(`_${suffix}`)) return metric.slice(0, metric.length - suffix.length);
  return undefined;
}

/** A spec per suffix, tried in order (put longer suffixes before the shorter ones they end with). */
export type SuffixRules = readonly (readonly [suffix: string, spec: (prefix: string, metric: string) => MetricSpec])[];

/** The spec of the first rule whose suffix `metric` has; undefined when none matches. */
export function specBySuffix(rules: SuffixRules, metric: string): MetricSpec | undefined {
  for (const [suffix, spec] of rules) {
    const prefix = prefixOf(metric, suffix);
    if (prefix !== undefined) return spec(prefix, metric);
  }
  return undefined;
}
