// Work estimates (Model.estimateEvents) of the mmc, dr and contention models: the events one run
// processes, from rates × simulated time. Orders of magnitude, erring high; checked against the
// events counted on the shipped experiments (bench/estimate-check.ts).
import type { RunShape } from '../src/base/run-shape.js';
import type { MmcParams } from './mmc.js';
import type { DrParams } from './dr/schema.js';
import type { ContentionParams } from './contention.js';

/** M/G/c/K: an arrival and a departure per customer. */
export function mmcEstimateEvents(p: MmcParams, run: RunShape): number {
  return 2 * p.arrivalRate * (run.warmup + run.duration) + 10;
}

/** Events per disaster: onset, detection, outage end, the runbook steps and their retries. */
const EVENTS_PER_DISASTER = 50;

/** DR: backups (start and completion, retention), restore tests, disasters and their runbooks. */
export function drEstimateEvents(p: DrParams, run: RunShape): number {
  const horizon = run.warmup + run.duration;
  // The strategy presets back up at most hourly: count a default schedule as hourly.
  const backupRate = p.backups === undefined ? 2 / 3600 : p.backups.reduce((a, b) => a + 1 / Math.max(b.interval, 1e-9), 0);
  const testRate = p.restoreTests !== undefined && p.restoreTests.enabled ? 1 / Math.max(p.restoreTests.interval, 1e-9) : 0;
  const disasterRate = p.disasters.reduce((a, d) => a + (d.rate ?? 0), 0);
  const fixed = p.disasters.reduce((a, d) => a + d.at.length, 0);
  return (3 * backupRate + 2 * testRate + EVENTS_PER_DISASTER * disasterRate) * horizon + EVENTS_PER_DISASTER * fixed + 100;
}

/**
 * Contention: 4 hops per attempt. Attempts per client grow with the contention, up to
 * maxAttempts; count √N + 10 of them per client (the shipped experiments' worst strategies
 * reach about that), or maxAttempts if fewer. The horizon does not matter: the run ends when
 * every client has finished.
 */
export function contentionEstimateEvents(p: ContentionParams, _run: RunShape): number {
  const attempts = Math.min(p.maxAttempts === 'unlimited' ? Infinity : p.maxAttempts, Math.sqrt(p.clients) + 10);
  return 4 * p.clients * attempts + 10;
}
