// One run's result as a model reports it: metric name → value. Names are snake_case with a unit
// suffix (`_s`, `_ms`, `_pct`, `_count`, `_per_s`).
export type MetricRecord = Record<string, number>;
