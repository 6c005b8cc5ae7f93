// Public API of the metrics layer.
export { Counter } from './counter.js';
export { LatencyHistogram, type LatencyHistogramOptions } from './latency-histogram.js';
export { RequestStats, type RequestStatsOptions, type StatsRecord } from './request-stats.js';
export { AvailabilityMonitor, SECONDS_PER_365_DAYS, type AvailabilitySource } from './availability-monitor.js';
export { StateTime } from './state-time.js';
