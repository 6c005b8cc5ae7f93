// A small experiment's result directory for the report tests, written by hasim's own output
// writers (so the files have exactly the formats a run produces): two swept parameters
// (failover.timeout × replicas), three replications, availability, latency percentiles, RTO,
// and sampled time series (goodput, queue length, breaker state, latency), with a workload spike
// at 200 s for 100 s in the resolved parameters.
import type { ResultContext } from '../src/output/result-context.js';
import type { RunRecord, TimeseriesSample } from '../src/experiment/run-record.js';
import { writeResults } from '../src/output/write-results.js';
import type { Meta } from '../src/output/meta.js';
import { defaultMetricSpec } from '../src/base/metric-spec.js';
import { readSource } from '../src/experiment/source.js';
import { resolveExperiment } from '../src/experiment/spec.js';
import { runExperiment } from '../src/experiment/runner.js';
import { resultDirSink } from '../src/output/result-dir-sink.js';
import { models } from '../models/index.js';

export const TIMEOUTS = [1, 5, 30] as const;
export const REPLICAS = [2, 3] as const;
export const REPLICATIONS = 3;

/** Unavailability (fraction) of a configuration in replication r (1-based): exact, no randomness. */
export function unavailability(timeout: number, replicas: number, r: number): number {
  return (timeout * 1e-4) / replicas ** 2 * (1 + 0.1 * (r - 2));
}

function configId(i: number): string {
  return `c${String(i + 1).padStart(2, '0')}`;
}

export function fixtureConfigs() {
  const out: { index: number; id: string; swept: Record<string, unknown>; timeout: number; replicas: number }[] = [];
  for (const timeout of TIMEOUTS) {
    for (const replicas of REPLICAS) {
      const index = out.length;
      out.push({ index, id: configId(index), swept: { 'failover.timeout': timeout, replicas }, timeout, replicas });
    }
  }
  return out;
}

function samples(timeout: number, replicas: number, r: number): TimeseriesSample[] {
  const out: TimeseriesSample[] = [];
  for (let k = 0; k <= 60; k++) {
    const t = k * 10;
    const failing = t >= 200 && t < 200 + timeout * 10;
    out.push({
      t,
      values: {
        goodput_per_s: failing ? 20 : 100 + replicas,
        queue_count: failing ? 40 + k : k % 3,
        breaker_state: failing ? 2 : 0,
        latency_ms: 5 * (1 + ((k * 7 + r) % 13)) * (failing ? 10 : 1),
      },
    });
  }
  return out;
}

export function writeFixture(dir: string): void {
  const configs = fixtureConfigs();
  const ctx: ResultContext = {
    experiment: 'failover-demo',
    columns: ['failover.timeout', 'replicas'],
    configurations: configs.map((c) => ({ index: c.index, id: c.id, swept: c.swept })),
    headline: ['availability_pct', 'request_latency_p99_ms'],
    durationS: 600,
    baselineId: configs[0]?.id,
    metricSpec: defaultMetricSpec,
  };
  const records: RunRecord[] = [];
  for (const c of configs) {
    for (let r = 1; r <= REPLICATIONS; r++) {
      const u = unavailability(c.timeout, c.replicas, r);
      records.push({
        index: c.index * REPLICATIONS + (r - 1),
        configId: c.id,
        replication: r,
        seed: `9${c.index}${r}0000000000000000001`,
        metrics: {
          availability_pct: 100 * (1 - u),
          request_latency_p50_ms: 10 + c.timeout + r,
          request_latency_p90_ms: 30 + 2 * c.timeout + r,
          request_latency_p99_ms: 100 + 10 * c.timeout + r,
          request_latency_p999_ms: 400 + 40 * c.timeout + r,
          rto_s: c.timeout + 2 + r / 10,
          requests_count: 1000 * c.replicas + r,
          errors_count: r === 2 ? NaN : Math.round(u * 1e6),
          time_to_recover_s: c.timeout === 30 && r === 3 ? Infinity : c.timeout + 0.1 * r,
        },
        timeseries: samples(c.timeout, c.replicas, r),
      });
    }
  }
  const meta: Omit<Meta, 'metric_columns' | 'metric_specs' | 'warnings' | 'numeric_columns'> = {
    kind: 'result',
    hasim_version: '0.1.0',
    experiment_name: 'failover-demo',
    experiment: {
      name: 'failover-demo',
      description: 'Failover <timeout> against replicas & availability (report test fixture).',
      model: 'fixture',
      seed: 7,
      replications: REPLICATIONS,
      duration: 600,
      warmup: 60,
      crn: true,
      params: { failover: { timeout: '5s', detector: 'heartbeat' }, replicas: 2 },
      sweep: { 'failover.timeout': [...TIMEOUTS], replicas: [...REPLICAS] },
      outputs: { timeseries: { interval: 10 } },
    },
    experiment_hash: 'f'.repeat(64),
    source_file: 'experiments/failover-demo.yaml',
    model: 'fixture',
    seed: 7,
    crn: true,
    replications: REPLICATIONS,
    swept_columns: ctx.columns,
    headline: ctx.headline,
    baseline_config_id: ctx.baselineId ?? null,
    replications_per_config: configs.map(() => REPLICATIONS),
    config_warnings: [],
    configurations: configs.map((c) => ({
      config_id: c.id,
      index: c.index,
      swept: c.swept,
      params: { failover: { timeout: c.timeout, detector: 'heartbeat', heartbeat: { interval: 1 } }, replicas: c.replicas, zones: ['a', 'b'], workload: { profile: { kind: 'spike', at: 200, for: 100, rate: 500 } } },
    })),
    run_count: records.length,
    total_run_count: records.length,
    executed_count: records.length,
    resumed_count: 0,
    shard: null,
    outputs: { timeseries: true, trace: false },
    trace: null,
    runs: records.map((r) => ({ config_id: r.configId, replication: r.replication, seed: r.seed, stream_seed: r.seed })),
    wall_time_s: 0.5,
  };
  writeResults(dir, ctx, records, meta);
}

/**
 * Runs the shipped experiment experiments/<name>.yaml, shortened (simulated time and
 * replications only: by default 5 min warm-up, 1 h, 3 replications; `shorten` overrides them
 * where rarer events need longer), into <out>/<name>/ and returns that directory.
 */
export async function runShippedExperiment(name: string, out: string, shorten: Record<string, unknown> = {}): Promise<string> {
  const src = readSource(new URL(`../experiments/${name}.yaml`, import.meta.url).pathname);
  const data = { ...(src.data as Record<string, unknown>), warmup: '5min', duration: '1h', replications: 3, ...shorten };
  const exp = resolveExperiment({ ...src, data }, models);
  const outcome = await runExperiment(exp, resultDirSink({ out }), { workers: 1 });
  return outcome.dir;
}

/** Four configurations swept over string labels (two of which pandas reads as missing by default), two replications. */
export function writeStringSweep(dir: string): void {
  const labels = ['alpha', 'NA', 'None', 'a, "quoted" one'];
  const ctx = {
    experiment: 'labels',
    columns: ['label'],
    configurations: labels.map((label, index) => ({ index, id: `c${index + 1}`, swept: { label } })),
    headline: ['x_s'],
    durationS: 1,
    baselineId: 'c1',
    metricSpec: defaultMetricSpec,
  };
  const records: RunRecord[] = labels.flatMap((_, c) =>
    [1, 2].map((r) => ({
      index: c * 2 + r - 1,
      configId: `c${c + 1}`,
      replication: r,
      seed: `1844674407370955161${c}${r}`,
      metrics: { x_s: 0.1 + c / 3 + r * 1e-17, y_pct: c === 1 ? NaN : 1 / 3 + r, z_count: r === 2 ? -Infinity : c },
    })),
  );
  writeResults(dir, ctx, records, {
    kind: 'result', hasim_version: '0', experiment_name: 'labels', experiment: {}, experiment_hash: '', source_file: '', model: 'm', seed: 1, crn: true,
    replications: 2, swept_columns: ['label'], headline: ['x_s'], baseline_config_id: 'c1', replications_per_config: [2, 2, 2, 2], config_warnings: [], configurations: [], run_count: 8, total_run_count: 8, executed_count: 8,
    resumed_count: 0, shard: null, outputs: { timeseries: false, trace: false }, trace: null, runs: [], wall_time_s: 0,
  });
}

/** Downtime per year (s) of a service of the topology fixture in replication r (1-based): exact, no randomness. */
export function serviceDowntime(service: string, replicas: number, r: number): number {
  return service === 'web' ? (3600 * r) / replicas : service === 'db' ? 1800 * r : 0;
}

/**
 * A topology-like result: `services` (each with `<svc>_downtime_per_year_s`), the system's
 * downtime_per_year_s (the services' sum less 600 s of overlap), two configurations
 * (replicas 2 and 3), two replications.
 */
/** Failed calls a service saw: 0 for services never down; the caller ("web") also fails each call that failed downstream. */
export function serviceFailed(service: string, replicas: number, replication: number): number {
  return serviceDowntime(service, replicas, replication) > 0 ? 100 * replicas + replication : 0;
}

export function writeTopologyFixture(dir: string, services: readonly string[], requestLevel = false): void {
  const configs = [2, 3].map((replicas, index) => ({ index, id: `c${index + 1}`, swept: { replicas } }));
  const ctx = { experiment: 'tiers', columns: ['replicas'], configurations: configs, headline: ['downtime_per_year_s'], durationS: 1, baselineId: 'c1', metricSpec: defaultMetricSpec };
  const records: RunRecord[] = configs.flatMap((c) =>
    [1, 2].map((r) => {
      const metrics: Record<string, number> = {};
      const each = services.map((s) => serviceDowntime(s, c.swept.replicas, r));
      metrics['downtime_per_year_s'] = Math.max(0, each.reduce((a, b) => a + b, 0) - (services.length > 1 ? 600 : 0));
      services.forEach((s, k) => (metrics[`${s}_downtime_per_year_s`] = each[k]!));
      if (requestLevel) {
        const failed = services.map((s) => serviceFailed(s, c.swept.replicas, r));
        // The entry service's failures include those that came from below: the system's count is the largest.
        metrics['failed_count'] = Math.max(...failed);
        services.forEach((s, k) => (metrics[`${s}_failed_count`] = failed[k]!));
      }
      return { index: c.index * 2 + r - 1, configId: c.id, replication: r, seed: `77${c.index}${r}`, metrics };
    }),
  );
  writeResults(dir, ctx, records, {
    kind: 'result', hasim_version: '0', experiment_name: 'tiers', experiment: {}, experiment_hash: '', source_file: '', model: 'topology', seed: 1, crn: true,
    replications: 2, swept_columns: ['replicas'], headline: ['downtime_per_year_s'], baseline_config_id: 'c1', replications_per_config: [2, 2], config_warnings: [], configurations: [], run_count: 4, total_run_count: 4, executed_count: 4,
    resumed_count: 0, shard: null, outputs: { timeseries: false, trace: false }, trace: null, runs: [], wall_time_s: 0,
  });
}
