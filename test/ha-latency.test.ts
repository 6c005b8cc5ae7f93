import { describe, it, expect } from 'vitest';
import { build } from 'hdr-histogram-js';
import { LatencyHistogram, RequestStats, Counter } from '../src/metrics/index.js';
import { RandomStreams, makeSampler } from '../src/random/index.js';

describe('LatencyHistogram (HDR, microseconds, 3 significant digits)', () => {
  it('percentiles of 1..1000 µs are exact', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i * 1e-6);
    expect(h.count).toBe(1000);
    expect(h.percentile(50)).toBeCloseTo(500e-6, 15);
    expect(h.percentile(90)).toBeCloseTo(900e-6, 15);
    expect(h.percentile(99)).toBeCloseTo(990e-6, 15);
    expect(h.percentile(99.9)).toBeCloseTo(999e-6, 15);
    expect(h.percentile(100)).toBeCloseTo(1000e-6, 15);
    expect(h.mean).toBeCloseTo(500.5e-6, 15);
    expect(h.max).toBe(1000e-6);
  });

  it('larger values keep 3 significant digits (HDR highest equivalent value)', () => {
    const h = new LatencyHistogram();
    h.record(0.123456); // 123 456 µs → bucket of width 64 µs: [123 456, 123 519]
    expect(h.percentile(50)).toBeCloseTo(0.123519, 9);
    expect(Math.abs(h.percentile(50) - 0.123456) / 0.123456).toBeLessThan(1e-3);
  });

  it('the fast bucketing path gives exactly what HDR gives when recording directly', () => {
    const sample = makeSampler({ dist: 'lognormal', mean: 0.05, cv: 3 }, new RandomStreams(11).stream('x'));
    const h = new LatencyHistogram();
    const ref = build({ numberOfSignificantValueDigits: 3, bitBucketSize: 64 });
    for (let i = 0; i < 50_000; i++) {
      const s = sample();
      h.record(s);
      ref.recordValue(Math.round(s * 1e6));
    }
    for (const p of [1, 10, 50, 90, 99, 99.9, 99.99, 100]) expect(h.percentile(p)).toBe(ref.getValueAtPercentile(p) / 1e6);
    h.record(5000); // ≥ 2^32 µs goes straight to HDR
    expect(Math.abs(h.percentile(100) - 5000) / 5000).toBeLessThan(1e-3);
  });

  it('values binned in batches: queries between partial batches, and a reset with values still batched', () => {
    const sample = makeSampler({ dist: 'exponential', mean: 0.02 }, new RandomStreams(5).stream('b'));
    const h = new LatencyHistogram();
    const ref = build({ numberOfSignificantValueDigits: 3, bitBucketSize: 64 });
    // Query after 1, 1023, 1024, 1025, 3000... values: partial batches, exactly full ones, several.
    let n = 0;
    for (const upTo of [1, 1023, 1024, 1025, 3000, 3001, 7777]) {
      for (; n < upTo; n++) {
        const s = sample();
        h.record(s);
        ref.recordValue(Math.round(s * 1e6));
      }
      for (const p of [50, 99, 100]) expect(h.percentile(p)).toBe(ref.getValueAtPercentile(p) / 1e6);
      expect(h.count).toBe(n);
    }
    // A reset drops values recorded but not yet binned.
    for (let i = 0; i < 10; i++) h.record(0.5);
    h.resetStats();
    h.record(0.003);
    expect(h.count).toBe(1);
    expect(h.percentile(100)).toBeCloseTo(0.003001, 9); // 3000 µs: a bucket of width 2 µs
  });

  it('resetStats forgets everything; addAll merges', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    a.record(0.001);
    a.resetStats();
    expect(a.count).toBe(0);
    expect(a.percentile(50)).toBeNaN();
    a.record(0.002);
    b.record(0.004);
    b.record(0.006);
    a.addAll(b);
    expect(a.count).toBe(3);
    expect(a.percentile(50)).toBeCloseTo(0.004001, 9); // 4000 µs lies in a bucket of width 2 µs
    expect(a.mean).toBeCloseTo(0.004, 12);
  });

  it('rejects bad input', () => {
    expect(() => new LatencyHistogram().record(-1)).toThrow(/≥ 0/);
    expect(() => new LatencyHistogram({ significantDigits: 7 as never })).toThrow(/significantDigits = 7/);
  });
});

describe('RequestStats', () => {
  it('counts outcomes, availability, SLO, throughput and goodput; ignores requests offered before a reset', () => {
    const s = new RequestStats(0, { slo: 0.1 });
    s.offer();
    s.resetStats(10); // the request offered at t = 5 below started before the reset
    s.complete(5, 11, 'ok', false); // ignored, except by throughput: it completes in the time window
    for (let i = 0; i < 10; i++) s.offer();
    s.complete(10, 10.05, 'ok', false);
    s.complete(10, 10.2, 'ok', true); // misses the SLO, degraded
    s.complete(10, 10.05, 'fallback', false);
    s.complete(10, 11, 'timeout', false);
    s.complete(10, 10, 'rejected', false);
    s.complete(10, 10, 'circuit-open', false);
    s.complete(10, 10, 'error', false);
    s.abandon(10);
    s.abandon(9); // offered before the reset: ignored
    const r = s.record(20);
    expect(r).toMatchObject({
      offered_count: 10,
      completed_count: 7,
      succeeded_count: 3,
      slo_met_count: 2,
      failed_count: 4,
      errors_error_count: 1,
      errors_timeout_count: 1,
      errors_rejected_count: 1,
      errors_shed_count: 0,
      errors_circuit_open_count: 1,
      fallback_count: 1,
      degraded_count: 1,
      abandoned_count: 1,
      censored_count: 2,
      throughput_per_s: 0.8,
      goodput_per_s: 0.2,
    });
    // 10 offered, 1 abandoned, 2 in flight (censored) → 7 completed, 3 succeeded, 2 within the SLO
    expect(r['request_availability_pct']).toBeCloseTo((100 * 3) / 7, 12);
    expect(r['slo_availability_pct']).toBeCloseTo((100 * 2) / 7, 12);
    expect(r['latency_p50_ms']).toBeCloseTo(50.015, 9); // 50 000 µs: bucket [49 984, 50 015]
    expect(r['latency_max_ms']).toBeCloseTo(200, 9);
    expect(Object.keys(r).every((k) => /^[a-z0-9_]+_(count|pct|ms|per_s)$/.test(k))).toBe(true);
  });

  it('rejects a bad SLO', () => {
    expect(() => new RequestStats(0, { slo: 0 })).toThrow(/invalid slo = 0/);
  });
});

describe('Counter', () => {
  it('counts and resets', () => {
    const c = new Counter();
    c.inc();
    c.add(2);
    expect(c.value).toBe(3);
    c.resetStats();
    expect(c.value).toBe(0);
  });
});
