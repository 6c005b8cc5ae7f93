// The topology model end to end with policies that interact re-entrantly (hedging around a
// fallback, retries around hedging, admission bulkheads that let callers wait, replica crashes):
// the run completes, and the per-service figures stay consistent.
import { describe, it, expect } from 'vitest';
import { topologyModel } from '../models/topology/model.js';
import { runOnce } from './helpers/run-model.js';

describe('topology request level under crashes, hedging, fallback and waiting bulkheads', () => {
  it('runs to the end with consistent counts', () => {
    const m = runOnce(
      topologyModel,
      {
        workload: { rate: '400/s', timeout: '300ms', policies: [{ type: 'retry', maxAttempts: 3, waitDuration: '5ms' }, { type: 'hedging', delay: '20ms', maxHedgedAttempts: 2 }] },
        services: {
          web: {
            replicas: 3, capacity: 8, queue: 20, serviceTime: { dist: 'exponential', mean: '2ms' }, callMode: 'parallel',
            calls: [
              { service: 'db', timeout: '100ms', cancelOnTimeout: true, policies: [{ type: 'hedging', delay: '10ms', maxHedgedAttempts: 1 }, { type: 'fallback' }] },
              { service: 'recs', optional: true, timeout: '50ms' },
            ],
            brownout: { enterUtilisation: 0.7 },
            outlierDetection: { consecutive5xx: 3, maxEjectionPercent: 50 },
            failure: { ttf: { dist: 'exponential', mean: '20s' }, ttr: { dist: 'exponential', mean: '2s' } },
          },
          db: {
            replicas: 2, capacity: 4, queue: 5, serviceTime: { dist: 'exponential', mean: '8ms' },
            admission: [{ type: 'bulkhead', maxConcurrentCalls: 6, maxWaitDuration: '20ms' }],
            failure: { ttf: { dist: 'exponential', mean: '15s' }, ttr: { dist: 'exponential', mean: '3s' } },
            outlierDetection: { consecutive5xx: 2, maxEjectionPercent: 50 },
          },
          recs: {
            replicas: 2, capacity: 2, queue: 2, serviceTime: { dist: 'exponential', mean: '20ms' },
            admission: [{ type: 'bulkhead', maxConcurrentCalls: 3, maxWaitDuration: '10ms' }],
            failure: { ttf: { dist: 'exponential', mean: '10s' }, ttr: { dist: 'exponential', mean: '2s' } },
          },
        },
      },
      { warmup: 5, duration: 40, seed: 'topology-request-interactions' },
      0,
    );
    for (const prefix of ['', 'web_', 'db_', 'recs_']) {
      expect(m[`${prefix}censored_count`]).toBe(0); // every measured request ended in the drain
      expect(m[`${prefix}completed_count`]).toBeGreaterThan(0);
    }
    for (const s of ['web', 'db', 'recs']) expect(m[`${s}_errors_replica_down_count`]!).toBeLessThanOrEqual(m[`${s}_errors_error_count`]!);
    expect(m['db_errors_replica_down_count']).toBeGreaterThan(0); // the crashes did hit requests
    expect(m['web_to_db_hedges_sent_count']).toBeGreaterThan(0);
    expect(m['db_admission_bulkhead_rejected_count']).toBeGreaterThanOrEqual(0);
  });
});
