// What the experiment varied, as chart axes: a zip group of the sweep is ONE dimension whose
// values are the variants (named by a `label` / `variant` / `name` field of the zip, else by
// the written values joined: "active-active / 2"); a single swept parameter is numeric where
// every written value is a number, a duration ("1s", "5m") or a rate ("10/s") — a duration axis
// in seconds, a rate axis per second, logarithmic where the values span decades — and
// categorical otherwise, in sweep order.
import { parseDuration, parseRate } from '../random/units.js';
import { sweptValueText } from '../experiment/configuration-label.js';
import type { ResultConfig, Results } from './read-results.js';

export interface SweepDimension {
  /** The swept columns it stands for (several for a zip group). */
  readonly columns: readonly string[];
  /** The columns its values are named by (a zip's `variant` column alone, where it has one). */
  readonly labelColumns: readonly string[];
  /** Axis or legend title: "heartbeat interval (s)", "variant", "mode / minReplicas". */
  readonly title: string;
  readonly numeric: boolean;
  /** Numeric values spanning ≥ LOG_SPAN (all positive): a logarithmic axis. */
  readonly log: boolean;
  /** The value of a configuration: a number (numeric) or its label. */
  readonly valueOf: (cfg: ResultConfig) => number | string;
  /** Distinct values in sweep order. */
  readonly order: readonly (number | string)[];
}

/** Ratio of largest to smallest value from which a numeric axis is logarithmic. */
export const LOG_SPAN = 20;

/** Zip fields that name the variant on their own. */
const LABEL_FIELDS = ['label', 'variant', 'name'];
/** A joined object value is cut to this many characters. */
const MAX_PART = 24;

/** "services.db.failover.heartbeat.interval" → "heartbeat interval" (last two segments that are not indices). */
export function shortName(path: string, segments = 1): string {
  const parts = path.split('.').filter((s) => !/^\d+$/.test(s));
  return parts.slice(-segments).join(' ');
}

function written(r: Results, cfg: ResultConfig, column: string): unknown {
  const w = r.writtenSwept.get(cfg.id);
  return w && column in w ? w[column] : cfg.swept[column];
}

type Parsed = { kind: 'number' | 'duration' | 'rate'; value: number } | undefined;

function parse(v: unknown): Parsed {
  if (typeof v === 'number' && Number.isFinite(v)) return { kind: 'number', value: v };
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  if (Number.isFinite(Number(v))) return { kind: 'number', value: Number(v) };
  try {
    return v.includes('/') ? { kind: 'rate', value: parseRate(v) } : { kind: 'duration', value: parseDuration(v) };
  } catch {
    return undefined;
  }
}

function partText(v: unknown): string {
  const t = sweptValueText(v);
  return t.length <= MAX_PART ? t : `${t.slice(0, MAX_PART - 1)}…`;
}

function zipDimension(r: Results, columns: readonly string[]): SweepDimension {
  const labelColumn = columns.find((c) => LABEL_FIELDS.includes(shortName(c)) && r.configs.every((cfg) => typeof written(r, cfg, c) === 'string'));
  const scalar = columns.filter((c) => r.configs.every((cfg) => typeof written(r, cfg, c) !== 'object'));
  // The variant's name, else its scalar values joined, else all its values (objects cut short).
  const parts = labelColumn ? [labelColumn] : scalar.length > 0 ? scalar : [...columns];
  const labelOf = (cfg: ResultConfig): string => parts.map((c) => partText(written(r, cfg, c))).join(' / ');
  const distinct = new Set(r.configs.map(labelOf)).size === r.configs.length;
  const use = distinct ? parts : [...columns];
  const valueOf = (cfg: ResultConfig): string => use.map((c) => partText(written(r, cfg, c))).join(' / ');
  return {
    columns,
    labelColumns: use,
    title: use.map((c) => shortName(c)).join(' / '),
    numeric: false,
    log: false,
    valueOf,
    order: [...new Set(r.configs.map(valueOf))],
  };
}

function singleDimension(r: Results, column: string): SweepDimension {
  const parsed = r.configs.map((cfg) => parse(written(r, cfg, column)));
  const kinds = new Set(parsed.map((p) => p?.kind));
  const numeric = parsed.every((p) => p !== undefined) && !(kinds.has('duration') && kinds.has('rate'));
  const name = shortName(column, 2);
  if (!numeric) {
    const valueOf = (cfg: ResultConfig): string => partText(written(r, cfg, column));
    return { columns: [column], labelColumns: [column], title: name, numeric: false, log: false, valueOf, order: [...new Set(r.configs.map(valueOf))] };
  }
  const values = new Map(r.configs.map((cfg, i) => [cfg.id, parsed[i]!.value]));
  const v = [...values.values()];
  const unit = kinds.has('duration') ? ' (s)' : kinds.has('rate') ? ' (/s)' : '';
  const min = Math.min(...v);
  const max = Math.max(...v);
  return {
    columns: [column],
    labelColumns: [column],
    title: `${name}${unit}`,
    numeric: true,
    log: min > 0 && max / min >= LOG_SPAN,
    valueOf: (cfg) => values.get(cfg.id)!,
    order: [...new Set(v)].sort((a, b) => a - b),
  };
}

/** The dimensions of the sweep, in column order (a zip group where its first column is). */
export function sweepDimensions(r: Results): SweepDimension[] {
  const out: SweepDimension[] = [];
  const done = new Set<string>();
  for (const c of r.sweptColumns) {
    if (done.has(c)) continue;
    const group = r.zipGroups.find((g) => g.includes(c));
    if (group) {
      for (const g of group) done.add(g);
      out.push(zipDimension(r, group));
    } else {
      done.add(c);
      out.push(singleDimension(r, c));
    }
  }
  return out;
}
