// Builds the Invoker chain of a parsed policy pipeline (src/policies/pipeline.ts) around an inner
// invoker (a CallEdge, usually). The FIRST step is the OUTERMOST layer.
//
// Step → layer:
// - timeout: TimeoutInvoker(timeout, cancelOnTimeout). Its `overallTimeout` (Envoy's route timeout,
//   including all retries and backoff) becomes a second TimeoutInvoker placed just outside the
//   nearest retry step that encloses this timeout step; with no enclosing retry it bounds the
//   same scope, so the layer uses min(timeout, overallTimeout).
// - retry: RetryInvoker, jitter drawn from stream `${name}.retry` (`${name}.retry#2`, ... for later
//   retry steps: names do not depend on the other steps, for common random numbers).
// - retryBudget: not a layer; it is attached to the nearest retry step BEFORE it in the list (the
//   retry enclosing it), or, if none, to the nearest retry step after it. A budget without a retry
//   step, or two budgets on one retry, is an error.
// - circuitBreaker: CircuitBreakerInvoker around createCircuitBreaker(config, { startTime: now,
//   onTransition }) (the transitions list is not kept: counts only; `onBreakerTransition` is the trace).
// - bulkhead, rateLimiter, fallback, hedging: their invokers.
// - loadShedder, brownout, outlierDetection are not call-edge layers (service admission and load
//   balancing): an error names the step.
//
// Metrics (snake_case with unit suffixes; the caller prefixes the edge name). Keys appear only for
// the policy types present; counts add over layers of the same type, breaker percentages are the
// OUTERMOST breaker's, attempts_per_request the OUTERMOST retry layer's:
//   retry: attempts_per_request, retries_count, retries_refused_by_budget_count
//   circuitBreaker: breaker_open_pct, breaker_half_open_pct, breaker_closed_pct,
//     breaker_transitions_count, calls_not_permitted_count
//   bulkhead: bulkhead_rejected_count; rateLimiter: rate_limited_count; fallback: fallbacks_count
//   hedging: hedges_sent_count, hedges_won_count; timeout: timeouts_count
import type { Simulation } from '../../engine/simulation.js';
import type { Rng } from '../../random/rng.js';
import { Bulkhead } from '../../policies/bulkhead.js';
import { createCircuitBreaker, type CircuitBreakerConfigInput, type CircuitState } from '../../policies/circuit-breaker/index.js';
import { FallbackPolicy } from '../../policies/fallback.js';
import { HedgingPolicy, type HedgingConfigInput } from '../../policies/hedging.js';
import { createPolicy, stepConfig, type PipelineSpec, type PipelineStep } from '../../policies/pipeline.js';
import { createRateLimiter, type RateLimiterConfigInput } from '../../policies/rate-limiter.js';
import type { RetryBudget } from '../../policies/retry-budget.js';
import { RetryPolicy, type RetryConfigInput } from '../../policies/retry.js';
import { TimeoutPolicy, type TimeoutConfigInput } from '../../policies/timeout.js';
import { invalidConfig } from '../../base/config-error.js';
import type { Invoker } from '../service/invoker.js';
import { BulkheadInvoker } from './bulkhead-invoker.js';
import { CircuitBreakerInvoker } from './circuit-breaker-invoker.js';
import { FallbackInvoker } from './fallback-invoker.js';
import { HedgingInvoker } from './hedging-invoker.js';
import { RateLimiterInvoker } from './rate-limiter-invoker.js';
import { RetryInvoker } from './retry-invoker.js';
import { TimeoutInvoker } from './timeout-invoker.js';

/** A source of named random streams (RandomStreams.stream, or any name → Rng function). */
export type StreamSource = { stream(name: string): Rng } | ((name: string) => Rng);

export interface BuildPipelineOptions {
  /**
   * Trace of breaker transitions: called with the pipeline name, the breaker's step index, the
   * states and the time (seconds). Route it to the experiment's trace sink.
   */
  readonly onBreakerTransition?: (pipeline: string, step: number, from: CircuitState, to: CircuitState, at: number) => void;
}

export interface BuiltPipeline {
  /** The outermost layer (the inner invoker itself for an empty pipeline). */
  readonly invoker: Invoker;
  /** The layers, outermost first (overall-timeout layers included where they sit). */
  readonly layers: readonly Invoker[];
  /** Per-edge metrics since the last reset (see the file header for the names). */
  metrics(): Record<string, number>;
  /** Restarts every statistic (end of warm-up). */
  resetStats(): void;
}

type Layer = TimeoutInvoker | RetryInvoker | CircuitBreakerInvoker | BulkheadInvoker | RateLimiterInvoker | FallbackInvoker | HedgingInvoker;

export function buildPipeline(sim: Simulation, inner: Invoker, steps: PipelineSpec, streams: StreamSource, name: string, options: BuildPipelineOptions = {}): BuiltPipeline {
  const who = `pipeline ${JSON.stringify(name)}`;
  const stream = typeof streams === 'function' ? streams : (n: string) => streams.stream(n);
  const n = steps.length;
  const unsupported = (i: number, s: PipelineStep): never => {
    throw invalidConfig(who, `[${i}].type`, s.type, 'is not a call-edge policy (loadShedder and brownout belong to a service admission list, outlierDetection to a load balancer)');
  };

  // Budgets → the retry step they attach to.
  const retryIdx: number[] = [];
  steps.forEach((s, i) => {
    if (s.type === 'retry') retryIdx.push(i);
  });
  const budgetOf = new Map<number, RetryBudget>();
  steps.forEach((s, i) => {
    if (s.type !== 'retryBudget') return;
    const before = retryIdx.filter((r) => r < i);
    const target = before.length > 0 ? before[before.length - 1] : retryIdx.find((r) => r > i);
    if (target === undefined) throw invalidConfig(who, `[${i}].type`, s.type, 'a retry budget needs a retry step in the same pipeline');
    if (budgetOf.has(target)) throw invalidConfig(who, `[${i}].type`, s.type, `retry step [${target}] already has a budget`);
    budgetOf.set(target, createPolicy(s, { startTime: sim.now }).policy as RetryBudget);
  });

  // Streams: one per retry step, named by kind and rank.
  const retryStream = new Map<number, Rng>();
  retryIdx.forEach((i, k) => retryStream.set(i, stream(k === 0 ? `${name}.retry` : `${name}.retry#${k + 1}`)));

  // Overall timeouts → the nearest enclosing retry step.
  const overallAt = new Map<number, { timeout: number; cancel: boolean }[]>();

  const built: Layer[] = [];
  let cur: Invoker = inner;
  for (let i = n - 1; i >= 0; i--) {
    const s = steps[i]!;
    const cfg = stepConfig(s);
    let layer: Layer;
    switch (s.type) {
      case 'timeout': {
        const p = new TimeoutPolicy(cfg as TimeoutConfigInput).config;
        let t = p.timeout;
        const o = p.overallTimeout;
        if (o !== undefined) {
          const enclosing = retryIdx.filter((r) => r < i);
          const r = enclosing[enclosing.length - 1];
          if (r === undefined) t = Math.min(t, o);
          else {
            const list = overallAt.get(r) ?? [];
            list.push({ timeout: o, cancel: p.cancelOnTimeout });
            overallAt.set(r, list);
          }
        }
        layer = new TimeoutInvoker(sim, cur, { timeout: t, cancelOnTimeout: p.cancelOnTimeout, name: `${who} [${i}] timeout` });
        break;
      }
      case 'retry': {
        const budget = budgetOf.get(i);
        layer = new RetryInvoker(sim, cur, new RetryPolicy(cfg as RetryConfigInput), retryStream.get(i)!, budget === undefined ? {} : { budget });
        break;
      }
      case 'circuitBreaker': {
        const cb = options.onBreakerTransition;
        const step = i;
        const breaker = createCircuitBreaker(cfg as CircuitBreakerConfigInput, {
          startTime: sim.now,
          recordTransitions: false,
          ...(cb === undefined ? {} : { onTransition: (from: CircuitState, to: CircuitState, at: number) => cb(name, step, from, to, at) }),
        });
        layer = new CircuitBreakerInvoker(sim, cur, breaker);
        break;
      }
      case 'bulkhead':
        layer = new BulkheadInvoker(sim, cur, new Bulkhead(cfg));
        break;
      case 'rateLimiter':
        layer = new RateLimiterInvoker(sim, cur, createRateLimiter(cfg as RateLimiterConfigInput, sim.now));
        break;
      case 'fallback':
        layer = new FallbackInvoker(sim, cur, new FallbackPolicy(cfg));
        break;
      case 'hedging':
        layer = new HedgingInvoker(sim, cur, new HedgingPolicy(cfg as HedgingConfigInput));
        break;
      case 'retryBudget':
        continue;
      default:
        return unsupported(i, s);
    }
    built.push(layer);
    cur = layer;
    for (const ov of overallAt.get(i) ?? []) {
      const outer = new TimeoutInvoker(sim, cur, { timeout: ov.timeout, cancelOnTimeout: ov.cancel, name: `${who} [${i}] overallTimeout` });
      built.push(outer);
      cur = outer;
    }
  }
  const layers = built.slice().reverse();
  return {
    invoker: cur,
    layers,
    metrics: () => pipelineMetrics(sim, layers),
    resetStats: () => {
      for (const l of layers) l.resetStats();
    },
  };
}

function pipelineMetrics(sim: Simulation, layers: readonly Layer[]): Record<string, number> {
  const m: Record<string, number> = {};
  const add = (k: string, v: number): void => {
    m[k] = (m[k] ?? 0) + v;
  };
  let retrySeen = false;
  let breakerSeen = false;
  for (const l of layers) {
    if (l instanceof RetryInvoker) {
      if (!retrySeen) m['attempts_per_request'] = l.attemptsPerRequest;
      retrySeen = true;
      add('retries_count', l.retries.value);
      add('retries_refused_by_budget_count', l.refusedByBudget.value);
    } else if (l instanceof CircuitBreakerInvoker) {
      if (!breakerSeen) {
        const now = sim.now;
        m['breaker_open_pct'] = l.statePct('open', now);
        m['breaker_half_open_pct'] = l.statePct('half-open', now);
        m['breaker_closed_pct'] = l.statePct('closed', now);
      }
      breakerSeen = true;
      add('breaker_transitions_count', l.transitions);
      add('calls_not_permitted_count', l.notPermitted.value);
    } else if (l instanceof BulkheadInvoker) add('bulkhead_rejected_count', l.rejected.value);
    else if (l instanceof RateLimiterInvoker) add('rate_limited_count', l.limited.value);
    else if (l instanceof FallbackInvoker) add('fallbacks_count', l.fallbacks.value);
    else if (l instanceof HedgingInvoker) {
      add('hedges_sent_count', l.hedgesSent.value);
      add('hedges_won_count', l.hedgesWon.value);
    } else add('timeouts_count', l.timeouts.value);
  }
  return m;
}
