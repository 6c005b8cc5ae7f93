// One finished run, as the runner hands it to its sink (run-sink.ts) and as worker threads post
// it back: the run's identity, its metrics, and its time series and trace when asked for.
import type { MetricRecord } from '../base/metric-record.js';

export interface TimeseriesSample {
  /** Simulated time of the sample, in seconds. */
  readonly t: number;
  readonly values: MetricRecord;
}

export interface RunRecord {
  /** Position in the full run list: configuration index × replications + (replication − 1). */
  readonly index: number;
  readonly configId: string;
  /** 1-based. */
  readonly replication: number;
  readonly seed: string;
  readonly metrics: MetricRecord;
  readonly timeseries?: readonly TimeseriesSample[];
  readonly trace?: readonly Record<string, unknown>[];
  /** Trace records dropped beyond outputs.trace.maxEvents. */
  readonly traceDropped?: number;
}
