// What a result directory's meta.json says, read leniently: a missing file, a field of another
// type or one that an older hasim did not write reads as absent, so a report does not depend on
// a particular hasim version.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CsvTable } from './csv-parse.js';

/** What meta.json says of a metric (metric_specs): which direction is better. */
export interface MetricFacts {
  readonly better: 'higher' | 'lower' | undefined;
}

/** `dir`/meta.json as an object, or undefined (missing, unreadable, not an object). */
export function readMeta(dir: string): Record<string, unknown> | undefined {
  const path = join(dir, 'meta.json');
  if (!existsSync(path)) return undefined;
  try {
    const v: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `v` if it is a string. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The strings of `v` if it is an array, else none. */
export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** `v` if it is a plain object, else an empty one. */
export function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Per metric, what metric_specs says of it. */
export function metricFacts(meta: Record<string, unknown> | undefined): Map<string, MetricFacts> {
  const out = new Map<string, MetricFacts>();
  for (const [metric, spec] of Object.entries(obj(meta?.['metric_specs']))) {
    const b = obj(spec)['better'];
    out.set(metric, { better: b === 'higher' || b === 'lower' ? b : undefined });
  }
  return out;
}

/** The sweep's zip groups (`zip:` an object, or a list of them) restricted to the swept columns. */
export function zipGroups(meta: Record<string, unknown> | undefined, swept: readonly string[]): string[][] {
  const zip = obj(obj(meta?.['experiment'])['sweep'])['zip'];
  const groups = Array.isArray(zip) ? zip.map(obj) : zip === undefined ? [] : [obj(zip)];
  return groups.map((g) => Object.keys(g).filter((k) => swept.includes(k))).filter((g) => g.length > 1);
}

/** Per config_id, the swept values as the experiment file wrote them. */
export function writtenSwept(meta: Record<string, unknown> | undefined): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const configs = meta?.['configurations'];
  if (!Array.isArray(configs)) return out;
  for (const c of configs.map(obj)) if (typeof c['config_id'] === 'string') out.set(c['config_id'], obj(c['swept']));
  return out;
}

/** The experiment's name, description, model and hasim version (the name from the CSV failing meta.json). */
export function experimentInfo(meta: Record<string, unknown> | undefined, primary: CsvTable) {
  const exp = meta?.['experiment'];
  const expObj = exp !== null && typeof exp === 'object' ? (exp as Record<string, unknown>) : {};
  const ei = primary.header.indexOf('experiment');
  const fromCsv = ei >= 0 ? primary.rows[0]?.[ei] : undefined;
  return {
    experiment: str(meta?.['experiment_name']) ?? str(expObj['name']) ?? fromCsv ?? 'experiment',
    description: str(expObj['description']) ?? str(meta?.['description']) ?? '',
    model: str(meta?.['model']) ?? str(expObj['model']),
    hasimVersion: str(meta?.['hasim_version']),
  };
}

/** The run traced to trace.jsonl, if any. */
export function tracedRun(meta: Record<string, unknown> | undefined): { readonly configId: string; readonly replication: number } | undefined {
  const t = meta?.['trace'];
  if (t === null || typeof t !== 'object') return undefined;
  const o = t as Record<string, unknown>;
  return typeof o['config_id'] === 'string' && typeof o['replication'] === 'number' ? { configId: o['config_id'], replication: o['replication'] } : undefined;
}
