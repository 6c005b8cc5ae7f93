// A run record (src/experiment/run-record.ts) as the partial store and shard directories keep
// it: one JSON line each, numbers exact (JSON round-trips doubles).
import type { MetricRecord } from '../base/metric-record.js';
import type { RunRecord } from '../experiment/run-record.js';

/** Non-finite numbers as strings ("NaN", "Infinity", "-Infinity"): JSON has no literal for them. */
function encodeMetrics(m: MetricRecord): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(m)) out[k] = Number.isFinite(v) ? v : String(v);
  return out;
}

function decodeMetrics(m: unknown): MetricRecord {
  const out: MetricRecord = {};
  if (m === null || typeof m !== 'object') return out;
  for (const [k, v] of Object.entries(m as Record<string, unknown>)) out[k] = typeof v === 'number' ? v : Number(v);
  return out;
}

export function encodeRecord(r: RunRecord): string {
  return JSON.stringify({
    ...r,
    metrics: encodeMetrics(r.metrics),
    ...(r.timeseries ? { timeseries: r.timeseries.map((s) => ({ t: s.t, values: encodeMetrics(s.values) })) } : {}),
  });
}

/** Parses one encoded line; throws on anything that is not a run record. */
export function decodeRecord(line: string): RunRecord {
  const o = JSON.parse(line) as Record<string, unknown>;
  if (typeof o['index'] !== 'number' || typeof o['configId'] !== 'string' || typeof o['replication'] !== 'number' || typeof o['seed'] !== 'string') {
    throw new Error('not a run record');
  }
  const base: RunRecord = {
    index: o['index'],
    configId: o['configId'],
    replication: o['replication'],
    seed: o['seed'],
    metrics: decodeMetrics(o['metrics']),
  };
  const ts = Array.isArray(o['timeseries'])
    ? (o['timeseries'] as { t: number; values: unknown }[]).map((s) => ({ t: s.t, values: decodeMetrics(s.values) }))
    : undefined;
  return {
    ...base,
    ...(ts ? { timeseries: ts } : {}),
    ...(Array.isArray(o['trace']) ? { trace: o['trace'] as Record<string, unknown>[] } : {}),
    ...(typeof o['traceDropped'] === 'number' ? { traceDropped: o['traceDropped'] } : {}),
  };
}
