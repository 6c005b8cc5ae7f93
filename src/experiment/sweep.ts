// Sweep expansion. A sweep maps dotted parameter paths to the values they take:
//
//   sweep:
//     c: [1, 2, 4]                           # a list
//     arrival_rate: { from: 10, to: 50, step: 10 }   # a range (inclusive; from + i·step)
//     services.db.timeout: { values: [250ms, 1s] }   # a list, long form
//     zip:                                   # parameters that vary together (one dimension)
//       services.db.replicas: [1, 3, 5]
//       services.db.quorum:   [1, 2, 3]
//
// Configurations are the cartesian product of the dimensions (each plain entry is one
// dimension; a zip group is one dimension whose lists must have equal length), in the order
// the entries are written, the first entry varying slowest. `zip` may also be a list of groups.
import type { PathSegment } from './dotted-path.js';
import { closestName } from './levenshtein.js';
import { describeValue, type RawIssue } from './zod-issues.js';

/** Configurations allowed in one experiment. */
export const MAX_CONFIGURATIONS = 1_000_000;
const MAX_RANGE_VALUES = 100_000;

export interface SweepConfiguration {
  /** 0-based position in the grid (row order of the outputs). */
  readonly index: number;
  /** Swept path → value, in column order. */
  readonly swept: Readonly<Record<string, unknown>>;
  /** Swept path → where its value is written in the file (for error messages). */
  readonly origins: Readonly<Record<string, readonly PathSegment[]>>;
}

export interface ExpandedSweep {
  /** Swept parameter paths, in column order. */
  readonly columns: readonly string[];
  /** Swept path → where its entry is written in the file (for error messages). */
  readonly locations: Readonly<Record<string, readonly PathSegment[]>>;
  readonly configurations: readonly SweepConfiguration[];
}

interface EntryValues {
  readonly values: unknown[];
  readonly origins: PathSegment[][];
}

interface Dimension {
  readonly paths: string[];
  /** Where each path's entry is written. */
  readonly ats: PathSegment[][];
  readonly entries: EntryValues[];
  readonly length: number;
}

const ENTRY_EXPECTED = 'expected a list of values, a range { from, to, step } or { values: [...] }';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Values of a range, rounded to 12 significant digits so that 0.1 + 2·0.1 is 0.3. */
export function rangeValues(from: number, to: number, step: number): number[] {
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(Number((from + i * step).toPrecision(12)));
  return out;
}

function parseEntry(value: unknown, at: PathSegment[], issues: RawIssue[]): EntryValues | undefined {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      issues.push({ path: at, message: 'expected at least one value, got an empty list' });
      return undefined;
    }
    return { values: value, origins: value.map((_, i) => [...at, i]) };
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.includes('values')) {
      for (const k of keys) if (k !== 'values') issues.push(unknownKey([...at, k], k, ['values']));
      const list = value['values'];
      if (!Array.isArray(list) || list.length === 0) {
        issues.push({ path: [...at, 'values'], message: `expected a non-empty list, got ${describeValue(list)}` });
        return undefined;
      }
      return { values: list, origins: list.map((_, i) => [...at, 'values', i]) };
    }
    const rangeKeys = ['from', 'to', 'step'];
    const extra = keys.filter((k) => !rangeKeys.includes(k));
    if (extra.length > 0) {
      for (const k of extra) issues.push(unknownKey([...at, k], k, [...rangeKeys.filter((r) => !keys.includes(r)), 'values']));
      return undefined;
    }
    let ok = true;
    for (const k of rangeKeys) {
      const v = value[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        issues.push({ path: [...at, k], message: v === undefined ? 'missing required key (expected a number)' : `expected a number, got ${describeValue(v)}` });
        ok = false;
      }
    }
    if (!ok) return undefined;
    const from = value['from'] as number;
    const to = value['to'] as number;
    const step = value['step'] as number;
    if (step === 0 || (to - from) / step < 0) {
      issues.push({ path: [...at, 'step'], message: `expected a step that goes from ${from} to ${to}, got ${step}` });
      return undefined;
    }
    if ((to - from) / step + 1 > MAX_RANGE_VALUES) {
      issues.push({ path: at, message: `range has more than ${MAX_RANGE_VALUES} values` });
      return undefined;
    }
    const values = rangeValues(from, to, step);
    return { values, origins: values.map(() => [...at]) };
  }
  issues.push({ path: at, message: `${ENTRY_EXPECTED}, got ${describeValue(value)}` });
  return undefined;
}

function unknownKey(path: PathSegment[], key: string, valid: string[]): RawIssue {
  const suggestion = closestName(key, valid);
  const message = `unknown key "${key}" in a sweep entry (${ENTRY_EXPECTED})`;
  return suggestion !== undefined ? { path, message, suggestion } : { path, message };
}

function parseZipGroup(group: unknown, at: PathSegment[], issues: RawIssue[]): Dimension | undefined {
  if (!isPlainObject(group) || Object.keys(group).length === 0) {
    issues.push({ path: at, message: `expected a zip group { path: [values], ... }, got ${describeValue(group)}` });
    return undefined;
  }
  const paths: string[] = [];
  const ats: PathSegment[][] = [];
  const entries: EntryValues[] = [];
  for (const [path, value] of Object.entries(group)) {
    const e = parseEntry(value, [...at, path], issues);
    if (e) {
      paths.push(path);
      ats.push([...at, path]);
      entries.push(e);
    }
  }
  if (entries.length !== Object.keys(group).length) return undefined;
  const length = entries[0]?.values.length ?? 0;
  const sizes = paths.map((p, i) => `${p} has ${entries[i]?.values.length}`).join(', ');
  entries.forEach((e, i) => {
    if (e.values.length !== length) {
      issues.push({ path: [...at, paths[i] as string], message: `zip lists must have the same length (${sizes})` });
    }
  });
  return { paths, ats, entries, length };
}

/** Expands a validated `sweep` object into configurations; problems are added to `issues`. */
export function expandSweep(sweep: Readonly<Record<string, unknown>>, issues: RawIssue[]): ExpandedSweep {
  const dimensions: Dimension[] = [];
  const before = issues.length;
  for (const [key, value] of Object.entries(sweep)) {
    if (key === 'zip') {
      const groups = Array.isArray(value) ? value.map((g, i) => [g, ['sweep', 'zip', i]] as const) : [[value, ['sweep', 'zip']] as const];
      for (const [g, at] of groups) {
        const d = parseZipGroup(g, [...at], issues);
        if (d) dimensions.push(d);
      }
      continue;
    }
    if (key === '' || key.split('.').some((s) => s === '')) {
      issues.push({ path: ['sweep', key], message: 'expected a dotted parameter path such as "services.db.replicas"' });
      continue;
    }
    const e = parseEntry(value, ['sweep', key], issues);
    if (e) dimensions.push({ paths: [key], ats: [['sweep', key]], entries: [e], length: e.values.length });
  }
  const columns = dimensions.flatMap((d) => d.paths);
  // Keys are the user's paths: records without a prototype hold them (see forbidden-keys.ts).
  const locations: Record<string, readonly PathSegment[]> = Object.create(null) as Record<string, readonly PathSegment[]>;
  for (const d of dimensions) d.paths.forEach((p, i) => (locations[p] = d.ats[i]!));
  // Each parameter may be swept once, and not together with a parent or child path.
  const seen = new Set<string>();
  for (const col of columns) {
    if (seen.has(col)) issues.push({ path: ['sweep', col], message: `"${col}" is swept twice` });
    for (const other of seen) {
      if (col.startsWith(`${other}.`) || other.startsWith(`${col}.`)) {
        issues.push({ path: ['sweep', col], message: `"${col}" and "${other}" overlap: sweep one or the other` });
      }
    }
    seen.add(col);
  }
  const total = dimensions.reduce((n, d) => n * d.length, 1);
  if (total > MAX_CONFIGURATIONS) issues.push({ path: ['sweep'], message: `the sweep has ${total} configurations; at most ${MAX_CONFIGURATIONS} are allowed` });
  if (issues.length > before) return { columns, locations, configurations: [] };

  const configurations: SweepConfiguration[] = [];
  const positions = dimensions.map(() => 0);
  for (let index = 0; index < total; index++) {
    let rest = index;
    for (let d = dimensions.length - 1; d >= 0; d--) {
      const len = (dimensions[d] as Dimension).length;
      positions[d] = rest % len;
      rest = Math.floor(rest / len);
    }
    const swept: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const origins: Record<string, PathSegment[]> = Object.create(null) as Record<string, PathSegment[]>;
    dimensions.forEach((dim, d) => {
      const pos = positions[d] as number;
      dim.paths.forEach((p, j) => {
        const entry = dim.entries[j] as EntryValues;
        swept[p] = entry.values[pos];
        origins[p] = entry.origins[pos] as PathSegment[];
      });
    });
    configurations.push({ index, swept, origins });
  }
  return { columns, locations, configurations };
}
