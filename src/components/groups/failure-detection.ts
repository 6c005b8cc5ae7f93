// How an active-passive group detects the failure of its primary: after a fixed delay, after a
// random delay drawn at each failure, or by heartbeat. Heartbeats are due at phase + k·interval
// and the failure is detected at the `missed`-th missed heartbeat, i.e. at
// c + (missed − 1)·interval where c is the first heartbeat time ≥ the failure; the delay is thus
// in [(missed − 1)·interval, missed·interval) depending on the phase. A primary that comes back
// before any heartbeat was received keeps its missed count.
import { ConfigError } from '../../base/config-error.js';
import { requireInteger, requireNonNegative, requirePositive } from '../../stats/validate.js';
import { drawDuration, requireOneOf, requireSampler } from '../failure/config-checks.js';

/** How the failure of the primary is detected. */
export type FailureDetection =
  /** Detected `delay` seconds after the failure. */
  | { readonly kind: 'fixed'; readonly delay: number }
  /** Detected a random delay after each failure, drawn afresh every time (≥ 0). */
  | { readonly kind: 'random'; readonly delay: () => number }
  /** Heartbeats every `interval` seconds (grid offset `phase` in [0, interval), default 0); detected at the `missed`-th missed beat. */
  | { readonly kind: 'heartbeat'; readonly interval: number; readonly missed: number; readonly phase?: number };

/** Checks a detection config (`where` names the group in errors). */
export function checkDetection(where: string, d: FailureDetection): FailureDetection {
  const kind = requireOneOf(where, 'detection.kind', (d as { kind?: unknown }).kind, ['fixed', 'random', 'heartbeat'] as const);
  if (kind === 'fixed') {
    const fd = d as Extract<FailureDetection, { kind: 'fixed' }>;
    return { kind, delay: requireNonNegative(where, 'detection.delay', fd.delay) };
  }
  if (kind === 'random') {
    const rd = d as Extract<FailureDetection, { kind: 'random' }>;
    return { kind, delay: requireSampler(where, 'detection.delay', rd.delay) };
  }
  const hb = d as Extract<FailureDetection, { kind: 'heartbeat' }>;
  const interval = requirePositive(where, 'detection.interval', hb.interval);
  const missed = requireInteger(where, 'detection.missed', hb.missed, 1);
  const phase = hb.phase === undefined ? 0 : requireNonNegative(where, 'detection.phase', hb.phase);
  if (phase >= interval) throw new ConfigError(`${where}: detection.phase must be < interval ${interval}, got ${phase}`);
  return { kind, interval, missed, phase };
}

/** The detector of one group: when a failure is detected, with the heartbeat's missed count. */
export class FailureDetector {
  private readonly where: string;
  private readonly detection: FailureDetection;
  /** Heartbeat: the first missed beat of the current failure (NaN: none counted). */
  private missStart = NaN;
  /** Heartbeat: when the primary last came back before detection (NaN: not since it served). */
  private lastRecovery = NaN;

  constructor(where: string, detection: FailureDetection) {
    this.where = where;
    this.detection = detection;
  }

  /** The time the failure of the primary at `now` is detected (≥ now). */
  detectionTime(now: number): number {
    const d = this.detection;
    let at: number;
    if (d.kind === 'fixed') at = now + d.delay;
    else if (d.kind === 'random') at = now + drawDuration(this.where, 'detection.delay', d.delay, false);
    else {
      const phase = d.phase ?? 0;
      const firstBeatAtOrAfter = (t: number): number => phase + Math.max(0, Math.ceil((t - phase) / d.interval - 1e-9)) * d.interval;
      // Keep the missed count if no heartbeat was received since the last recovery.
      const keep = Number.isFinite(this.missStart) && Number.isFinite(this.lastRecovery) && firstBeatAtOrAfter(this.lastRecovery) >= now;
      if (!keep) this.missStart = firstBeatAtOrAfter(now);
      at = this.missStart + (d.missed - 1) * d.interval;
    }
    return Math.max(now, at);
  }

  /** The primary came back at `now`, before its failure was detected. */
  cameBack(now: number): void {
    this.lastRecovery = now;
  }

  /** The failure was detected: the next failure counts its missed beats afresh. */
  detected(): void {
    this.missStart = NaN;
  }

  /** A replica took over as primary. */
  newPrimary(): void {
    this.missStart = NaN;
    this.lastRecovery = NaN;
  }
}
