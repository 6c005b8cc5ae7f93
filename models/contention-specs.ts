// The contention model's metric specs. Calls, conflicts and commits are volumes of a burst that
// always happens (not rare events): a plain range. Clients that gave up or never finished are
// events the default rule of three bounds when none occurred.
import type { MetricSpec } from '../src/base/metric-spec.js';
import { directed, plain } from './common/metric-specs.js';

const SPECS: Readonly<Record<string, MetricSpec>> = {
  total_calls_count: plain('nonneg', 'lower'),
  calls_per_client: plain('nonneg', 'lower'),
  max_calls_per_client: plain('nonneg', 'lower'),
  conflicts_count: plain('nonneg', 'lower'),
  completion_time_s: plain('nonneg', 'lower'),
  mean_client_time_s: plain('nonneg', 'lower'),
  succeeded_clients_count: plain('nonneg', 'higher'),
  failed_clients_count: directed('failed_clients_count', 'lower'),
  unfinished_clients_count: directed('unfinished_clients_count', 'lower'),
  commits_count: plain('nonneg'),
  // Time series.
  calls_count: plain('nonneg'),
  running_clients_count: plain('nonneg'),
};

export function contentionMetricSpec(metric: string): MetricSpec | undefined {
  return SPECS[metric];
}
