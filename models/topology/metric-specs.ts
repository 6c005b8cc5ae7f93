// How the summary treats each metric of the topology model (Model.metricSpec). Names are the
// system's (`availability_pct`) or prefixed by a service, class or edge (`db_availability_pct`,
// `checkout_slo_availability_pct`, `client_retries_count`); a rule matches the suffix and refers
// to the events and bound of the same prefix.
//
// Rare-event rules, used when no event was observed in any run of a configuration:
// - time availability and downtime rest on outages: events `<p>outages_count`, exposure the
//   measured duration, each outage at most `<p>outage_length_bound_s` long (outage-bound.ts);
// - outages per year: the same events, as a rate;
// - request and SLO availability rest on failed requests (`<p>failed_count`) and SLO misses
//   (`<p>slo_missed_count`, derived-metrics.ts) among the completed requests (`<p>completed_count`).
// Levels (`in_flight_count`, `system_up`) and volumes (offered, completed, succeeded requests)
// are not events: they get a plain range. `_nines` are Infinity with no outage: no rare rule.
import type { MetricSpec, RareEventRule } from '../../src/base/metric-spec.js';
import { directed, plain, specBySuffix, type SuffixRules } from '../common/metric-specs.js';

const YEAR_S = 365 * 86_400;

function outageRule(prefix: string, scale: number, side: 'low' | 'high', perEvent: boolean): RareEventRule {
  return {
    events: `${prefix}outages_count`,
    exposure: 'duration_s',
    ...(perEvent ? { perEvent: `${prefix}outage_length_bound_s` } : {}),
    scale,
    side,
    event: 'outage',
  };
}

function requestRule(prefix: string, events: string, event: string): RareEventRule {
  return { events: `${prefix}${events}`, exposure: `${prefix}completed_count`, scale: 100, side: 'low', event };
}

const lower = (_p: string, m: string): MetricSpec => directed(m, 'lower');
const neutral = (): MetricSpec => plain('nonneg');

const RULES: SuffixRules = [
  // Exact values (theory.ts): the same in every run, no rare-event rule.
  ['theory_availability_pct', () => plain('pct', 'higher')],
  ['theory_downtime_per_year_s', () => plain('nonneg', 'lower')],
  ['theory_mtbf_s', () => plain('nonneg', 'higher')],
  // Importance-sampling runs (rare-event.ts): the unavailability in parts per billion and the cycles simulated.
  ['unavailability_ppb', () => plain('nonneg', 'lower')],
  ['is_cycles_count', neutral],
  // Request level (before `availability_pct`, which they end with).
  ['request_availability_pct', (p) => ({ range: 'pct', better: 'higher', rare: requestRule(p, 'failed_count', 'failed request') })],
  ['slo_availability_pct', (p) => ({ range: 'pct', better: 'higher', rare: requestRule(p, 'slo_missed_count', 'request missing its SLO') })],
  // Time availability.
  ['availability_pct', (p) => ({ range: 'pct', better: 'higher', rare: outageRule(p, 100, 'low', true) })],
  ['availability_nines', () => plain('nonneg', 'higher')],
  ['downtime_per_year_s', (p) => ({ range: 'nonneg', better: 'lower', rare: outageRule(p, YEAR_S, 'high', true) })],
  ['outages_per_year', (p) => ({ range: 'nonneg', better: 'lower', rare: outageRule(p, YEAR_S, 'high', false) })],
  ['outages_count', lower],
  ['mean_outage_s', () => plain('nonneg', 'lower')],
  ['longest_outage_s', () => plain('nonneg', 'lower')],
  ['mtbf_s', () => plain('nonneg', 'higher')],
  ['outage_length_bound_s', neutral],
  ['replica_failures_count', lower],
  ['failed_failovers_count', lower],
  ['mean_failover_s', () => plain('nonneg', 'lower')],
  // Request outcomes.
  ['in_flight_count', neutral],
  ['offered_count', neutral],
  ['completed_count', neutral],
  ['succeeded_count', neutral],
  ['slo_met_count', neutral],
  ['failed_count', lower],
  ['slo_missed_count', lower],
  ['errors_error_count', lower],
  ['errors_timeout_count', lower],
  ['errors_rejected_count', lower],
  ['errors_shed_count', lower],
  ['errors_circuit_open_count', lower],
  ['errors_replica_down_count', lower],
  ['fallback_count', lower],
  ['degraded_count', lower],
  ['blackholed_count', lower],
  ['orphaned_work_count', lower],
  ['optional_skipped_count', lower],
  ['latency_mean_ms', () => plain('nonneg', 'lower')],
  ['latency_p50_ms', () => plain('nonneg', 'lower')],
  ['latency_p90_ms', () => plain('nonneg', 'lower')],
  ['latency_p99_ms', () => plain('nonneg', 'lower')],
  ['latency_p999_ms', () => plain('nonneg', 'lower')],
  ['latency_max_ms', () => plain('nonneg', 'lower')],
  ['goodput_per_s', () => plain('nonneg', 'higher')],
  ['throughput_per_s', neutral],
  ['offered_per_s', neutral],
  // Policies on an edge.
  ['attempts_per_request', () => plain('nonneg', 'lower')],
  ['retries_count', lower],
  ['timeouts_count', lower],
  ['calls_not_permitted_count', lower],
  ['bulkhead_rejected_count', lower],
  ['rate_limited_count', lower],
  ['fallbacks_count', lower],
  // The network: messages a lossy call edge lost (requests and responses).
  ['messages_lost_count', lower],
  // Cost and autoscaling (replica-hours.ts): fewer replica-hours is cheaper; the counts and the
  // mean are what the autoscaler did, neither better nor worse by themselves.
  ['replica_hours', () => plain('nonneg', 'lower')],
  ['mean_replicas', neutral],
  ['scale_out_count', neutral],
  ['scale_in_count', neutral],
  // Time series: 1 while the system is up, else 0.
  ['system_up', neutral],
];

/** The topology's spec of `metric`; undefined keeps the default from its name. */
export function topologyMetricSpec(metric: string): MetricSpec | undefined {
  return specBySuffix(RULES, metric);
}
