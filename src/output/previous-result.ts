// The finished runs a new invocation takes from the complete result already in its directory: a
// sweep that grew (more values, more replications) and runs again reuses every run whose
// configuration and seed are unchanged. A run's record depends on its configuration's resolved
// parameters, its seeds and the experiment's run-level settings (model, seed, crn, duration,
// warm-up, drain, outputs, estimator, hasim's version …), not on the other runs nor on the plan's
// size; the records are read back exact from the result's runs.jsonl. A change to anything a
// run depends on is refused with the first changed path named (a run can never be reused from
// another experiment); runs the plan no longer has (sweep values or replications removed) are
// left out of the new result, with a warning.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../base/canonical-json.js';
import { planRuns, replicationStride, selectShard, type Shard } from '../experiment/plan.js';
import type { RunRecord } from '../experiment/run-record.js';
import type { Experiment } from '../experiment/spec.js';
import { UsageError } from '../experiment/spec-error.js';
import type { Meta } from './meta.js';
import { decodeRecord } from './run-record-json.js';

/**
 * Top-level keys of the resolved experiment that change no run's record: they select or present
 * runs (how many, which directory, which summary rows) or are covered per configuration (params
 * and sweep, by the configurations' resolved parameters and ids). Every other key, including
 * any added later, is taken to change the runs.
 */
const PLAN_ONLY_KEYS: ReadonlySet<string> = new Set(['name', 'description', 'replications', 'precision', 'headline', 'baseline', 'limits', 'params', 'sweep']);

/** Runs of the previous result taken into the new one, by their index in the new plan. */
export interface PreviousRuns {
  readonly records: ReadonlyMap<number, RunRecord>;
  /** Finished runs of the previous result that the plan no longer has. */
  readonly dropped: number;
}

/** A value as meta.json keeps it (non-finite numbers as strings), so that both sides compare alike. */
function asStored(v: unknown): unknown {
  const text = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
  return text === undefined ? undefined : JSON.parse(text);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Dotted paths (under `prefix`) where `a` and `b` differ, the first few. */
export function changedPaths(a: unknown, b: unknown, prefix: string, out: string[] = [], max = 3): string[] {
  if (out.length >= max || canonicalJson(a) === canonicalJson(b)) return out;
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k, out, max);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => changedPaths(x, b[i], `${prefix}[${i}]`, out, max));
    return out;
  }
  out.push(prefix || '(the experiment)');
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function refuse(dir: string, what: string, runs: number): never {
  throw new UsageError(`${dir}: ${what} changed: ${plural(runs, 'finished run')} no longer match; use --force to replace the result`);
}

function readMeta(dir: string): Meta {
  try {
    return JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
  } catch (err) {
    throw new UsageError(`${dir}/meta.json: unreadable (${(err as Error).message}); use --force to replace the result`);
  }
}

function readRecords(dir: string): RunRecord[] {
  const file = join(dir, 'runs.jsonl');
  if (!existsSync(file)) {
    throw new UsageError(`${dir} already holds a complete result without its run records (runs.jsonl); use --force to replace it`);
  }
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map(decodeRecord);
  } catch (err) {
    throw new UsageError(`${file}: unreadable run records (${(err as Error).message}); use --force to replace the result`);
  }
}

/** What a result's runs depend on, as meta.json records it (or an experiment gives it). */
export interface RunIdentity {
  readonly hasim_version: string;
  readonly model: string;
  /** The resolved experiment. */
  readonly experiment: Readonly<Record<string, unknown>>;
  readonly configurations: readonly { readonly config_id: string; readonly params: unknown }[];
}

export function runIdentityOf(exp: Experiment): RunIdentity {
  return {
    hasim_version: exp.version,
    model: exp.model.name,
    experiment: asStored({ ...exp.spec }) as Record<string, unknown>,
    configurations: exp.configurations.map((c) => ({ config_id: c.id, params: asStored(c.resolved) })),
  };
}

/**
 * Refuses (UsageError) when the runs of `old` (a result in `dir` holding `records`) would not be
 * those of `now`: hasim's version, the model, a run-level setting or the parameters of a
 * configuration both have changed. The message names the first changed paths.
 */
export function checkSameRuns(dir: string, old: RunIdentity, now: RunIdentity, records: readonly RunRecord[]): void {
  const finished = records.length;
  if (old.hasim_version !== now.hasim_version) refuse(dir, `hasim's version (${old.hasim_version} → ${now.hasim_version})`, finished);
  if (old.model !== now.model) refuse(dir, `model (${old.model} → ${now.model})`, finished);
  const keys = [...new Set([...Object.keys(old.experiment), ...Object.keys(now.experiment)])].filter((k) => !PLAN_ONLY_KEYS.has(k));
  const specChanges = keys.flatMap((k) => changedPaths(old.experiment[k], now.experiment[k], k));
  if (specChanges.length > 0) refuse(dir, specChanges.slice(0, 3).join(', '), finished);
  const byId = new Map(now.configurations.map((c) => [c.config_id, c]));
  const paramChanges: string[] = [];
  const changedIds = new Set<string>();
  for (const c of old.configurations) {
    const current = byId.get(c.config_id);
    if (!current) continue;
    const paths = changedPaths(c.params, current.params, 'params');
    if (paths.length > 0) {
      changedIds.add(c.config_id);
      for (const p of paths) if (!paramChanges.includes(p) && paramChanges.length < 3) paramChanges.push(p);
    }
  }
  if (changedIds.size > 0) refuse(dir, paramChanges.join(', '), records.filter((r) => changedIds.has(r.configId)).length);
}

/** The complete result of `dir`: its meta.json and run records (the caller holds the lock). */
export function readPreviousResult(dir: string): { readonly meta: Meta; readonly records: RunRecord[] } {
  return { meta: readMeta(dir), records: readRecords(dir) };
}

/**
 * The runs of `dir`'s complete result that the plan of `exp` (shard `shard`) has, by their new
 * index (up to every configuration's maximum replications, for `precision:`). Refuses
 * (UsageError) when anything a run depends on changed. The caller holds the directory's lock.
 */
export function previousRuns(dir: string, exp: Experiment, shard: Shard | undefined): PreviousRuns {
  const meta = readMeta(dir);
  const sameShard = shard ? meta.kind === 'shard' && meta.shard?.index === shard.index && meta.shard?.count === shard.count : meta.kind === 'result' && meta.shard === null;
  if (!sameShard) throw new UsageError(`${dir} holds a result of another shard layout; use --force to replace it`);
  const records = readRecords(dir);
  checkSameRuns(dir, meta, runIdentityOf(exp), records);

  // Runs the plan has (each configuration up to its maximum replications), by identity.
  const counts = exp.configurations.map(() => replicationStride(exp));
  const planned = new Map(selectShard(planRuns(exp, counts), shard).map((t) => [`${t.configId}/${t.replication}`, t]));
  // The traced run is chosen by position or by value (outputs.trace): after the sweep grew it may
  // be another run. A record traced before and not now loses its trace; the run traced now is
  // run again unless its record has the trace.
  const tracedConfig = exp.trace ? exp.configurations[exp.trace.configIndex] : undefined;
  const traced = tracedConfig && exp.trace ? `${tracedConfig.id}/${exp.trace.replication}` : undefined;
  const kept = new Map<number, RunRecord>();
  let dropped = 0;
  let reseeded = 0;
  for (const r of records) {
    const key = `${r.configId}/${r.replication}`;
    const task = planned.get(key);
    if (!task) dropped++;
    else if (task.seed !== r.seed) reseeded++;
    else if (key === traced && r.trace === undefined) continue;
    else if (key !== traced && r.trace !== undefined) {
      const { trace: _trace, traceDropped: _dropped, ...untraced } = r;
      kept.set(task.index, { ...untraced, index: task.index });
    } else kept.set(task.index, { ...r, index: task.index });
  }
  if (reseeded > 0) refuse(dir, "the runs' seeds", reseeded);
  return { records: kept, dropped };
}
