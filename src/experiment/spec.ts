// Reading and validating an experiment file, all before anything runs: the top level against
// experimentSchema, the sweep (sweep.ts), then every configuration's parameters against the
// model's own schema, each error mapped back to where the value is written (params.… or
// sweep.…[i]).
import { createHash } from 'node:crypto';
import type { Model } from './model.js';
import { canonicalJson } from '../base/canonical-json.js';
import { cloneJson, formatPath, getAtPath, setAtDottedPath, splitDottedPath, type PathSegment } from './dotted-path.js';
import { dryBuildRefusal } from './dry-build.js';
import { forbiddenKeyIssues } from './forbidden-keys.js';
import { closestName } from './levenshtein.js';
import { configurationLabel, labelColumns, sweptValueText } from './configuration-label.js';
import { configId } from './seeds.js';
import { readSource, type SourceDocument } from './source.js';
import { SpecError, type SpecIssue } from './spec-error.js';
import { experimentSchema, resolveEstimator, runShapeOf, type ConfigSelector, type ExperimentTop } from './spec-schema.js';
import { expandSweep, type SweepConfiguration } from './sweep.js';
import { sweepPathIssue } from './sweep-paths.js';
import { hasimVersion } from './version.js';
import { convertZodIssues, describeValue, type RawIssue } from './zod-issues.js';

export interface Configuration {
  /** 0-based position in the grid: the order of rows in every output. */
  readonly index: number;
  /** Stable id derived from the swept values (see seeds.ts). */
  readonly id: string;
  /** Swept path → value as written in the file (ranges expanded), in column order. */
  readonly swept: Readonly<Record<string, unknown>>;
  /** The model's raw parameters for this configuration (file params with the swept values set). */
  readonly params: Readonly<Record<string, unknown>>;
  /** The same, parsed by the model's schema (defaults filled, units resolved). */
  readonly resolved: unknown;
}

/** The experiment's top level after validation: durations in seconds, defaults filled. */
export type ExperimentSpec = Omit<ExperimentTop, '$schema'>;

export interface Experiment {
  readonly file: string;
  readonly spec: ExperimentSpec;
  readonly model: Model<any>;
  /** Swept parameter paths, in column order. */
  readonly columns: readonly string[];
  readonly configurations: readonly Configuration[];
  /** The configuration compared with every other (0-based; the first unless `baseline:` names one). */
  readonly baselineIndex: number;
  /** Metrics that answer the question: the file's `headline:`, else the model's for the first configuration. */
  readonly headline: readonly string[];
  /** Warnings about configurations whose numbers would mislead (the model's, before running). */
  readonly warnings: readonly string[];
  /** The run traced to trace.jsonl, if outputs.trace is set. */
  readonly trace: { readonly configIndex: number; readonly replication: number; readonly maxEvents: number } | undefined;
  readonly version: string;
  /** SHA-256 of the resolved experiment and hasim's version: identifies partial results. */
  readonly hash: string;
}

export interface Overrides {
  readonly seed?: string | number;
  readonly replications?: number;
}

export function loadExperiment(file: string, models: readonly Model<any>[], overrides: Overrides = {}): Experiment {
  return resolveExperiment(readSource(file), models, overrides);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function pathStartsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => String(s) === String(path[i]));
}

export function resolveExperiment(source: SourceDocument, models: readonly Model<any>[], overrides: Overrides = {}): Experiment {
  const issues: RawIssue[] = [];
  const fail: () => never = () => {
    const located = dedupe(issues).map((i) => locate(source, i));
    located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new SpecError(source.file, located);
  };
  if (!isPlainObject(source.data)) {
    issues.push({ path: [], message: `expected an experiment (a mapping with name, model, params, ...), got ${describeValue(source.data)}` });
    fail();
  }
  // Before anything walks or copies the data: no key may reach a prototype, no nesting is too deep.
  issues.push(...forbiddenKeyIssues(source.data));
  if (issues.length > 0) fail();
  const data = { ...(source.data as Record<string, unknown>) };
  if (overrides.seed !== undefined) data['seed'] = overrides.seed;
  if (overrides.replications !== undefined) data['replications'] = overrides.replications;

  const top = experimentSchema.safeParse(data);
  if (!top.success) issues.push(...convertZodIssues(top.error.issues, experimentSchema, data));

  const modelName = data['model'];
  const model = typeof modelName === 'string' ? models.find((m) => m.name === modelName) : undefined;
  if (typeof modelName === 'string' && !model) {
    const names = models.map((m) => m.name);
    const suggestion = closestName(modelName, names);
    const message = `unknown model "${modelName}" (registered: ${names.length > 0 ? names.join(', ') : 'none'})`;
    issues.push(suggestion !== undefined ? { path: ['model'], message, suggestion } : { path: ['model'], message });
  }

  const estimator = top.success ? resolveEstimator(top.data.estimator) : undefined;
  if (model && estimator !== undefined && estimator.kind !== 'plain' && !(model.estimators ?? []).includes(estimator.kind)) {
    issues.push({ path: ['estimator'], message: `model "${model.name}" has no ${estimator.kind} estimator (only plain); it is offered by model topology at state level` });
  }

  const baseParams = isPlainObject(data['params']) ? data['params'] : data['params'] === undefined ? {} : undefined;
  const sweepInput = isPlainObject(data['sweep']) ? data['sweep'] : data['sweep'] === undefined ? {} : undefined;
  const sweep = sweepInput ? expandSweep(sweepInput, issues) : undefined;

  if (model && baseParams && sweep && issues.length === 0) {
    // Every swept path must name something the base has or the schema allows, before any
    // configuration is built (else the sweep would add a new, unused entry).
    const base = model.params.safeParse(baseParams);
    for (const column of sweep.columns) {
      const issue = sweepPathIssue(model.params, baseParams, base.success ? base.data : undefined, column, sweep.locations[column] ?? ['sweep', column]);
      if (issue) issues.push(issue);
    }
  }

  const configurations: Configuration[] = [];
  if (model && baseParams && sweep && issues.length === 0) {
    const ids = new Map<string, number>();
    for (const cfg of sweep.configurations) {
      const params = cloneJson(baseParams);
      for (const [path, value] of Object.entries(cfg.swept)) setAtDottedPath(params, path, cloneJson(value));
      const parsed = model.params.safeParse(params);
      if (!parsed.success) {
        const converted = convertZodIssues(parsed.error.issues, model.params, params);
        // Never let a rejected configuration pass silently, even if no issue could be described.
        if (converted.length === 0) converted.push({ path: [], message: parsed.error.issues.map((i) => i.message).join('; ') });
        for (const issue of converted) issues.push(mapParamIssue(issue, cfg, baseParams));
        if (issues.length >= 50) break;
        continue;
      }
      const id = configId(cfg.swept);
      const clash = ids.get(id);
      if (clash !== undefined) {
        issues.push({ path: ['sweep'], message: `configurations ${clash + 1} and ${cfg.index + 1} have the same swept values` });
        break;
      }
      ids.set(id, cfg.index);
      if (top.success) {
        const which = sweep.columns.length > 0 ? `configuration ${cfg.index + 1} (${configurationLabel(cfg.swept)}): ` : '';
        const refusal = dryBuildRefusal(model, parsed.data, { duration: top.data.duration, warmup: top.data.warmup });
        if (refusal !== undefined) {
          issues.push({ path: ['params'], message: `${which}the model cannot be built from these parameters: ${refusal}` });
          break;
        }
        if (estimator !== undefined && estimator.kind !== 'plain') {
          const refused = dryBuildRefusal(model, parsed.data, { duration: top.data.duration, warmup: top.data.warmup, estimator });
          if (refused !== undefined) {
            issues.push({ path: ['estimator'], message: `${which}${estimator.kind} cannot estimate this configuration: ${refused}` });
            break;
          }
        }
      }
      configurations.push({ index: cfg.index, id, swept: cfg.swept, params, resolved: parsed.data });
    }
  }
  if (issues.length > 0 || !top.success || !model || !sweep) fail();
  const { $schema: _ignored, ...spec } = (top as { data: ExperimentTop }).data;
  void _ignored;

  const columns = sweep.columns;
  let trace: Experiment['trace'];
  const traceOut = spec.outputs.trace;
  if (traceOut) {
    const configIndex = selectConfiguration(traceOut.config, configurations, columns, ['outputs', 'trace', 'config'], issues);
    if (traceOut.replication > spec.replications) {
      issues.push({ path: ['outputs', 'trace', 'replication'], message: `expected a replication from 1 to ${spec.replications}, got ${traceOut.replication}` });
    }
    if (issues.length > 0) fail();
    trace = { configIndex, replication: traceOut.replication, maxEvents: traceOut.maxEvents };
  }
  const baselineIndex = spec.baseline !== undefined ? selectConfiguration(spec.baseline, configurations, columns, ['baseline'], issues) : 0;
  const precision = spec.precision;
  if (precision && precision.maxReplications < spec.replications) {
    issues.push({ path: ['precision', 'maxReplications'], message: `expected at least replications (${spec.replications}), got ${precision.maxReplications}` });
  }
  if (issues.length > 0) fail();

  const first = configurations[0];
  const headline = spec.headline ?? (first && model.headlineFor ? model.headlineFor(first.resolved) : model.headline);
  const warnings = configurationWarnings(model, configurations, columns, spec);

  const version = hasimVersion();
  const hash = createHash('sha256')
    // Limits change no result (a run either finishes alike or fails): raising one keeps the partial results.
    .update(canonicalJson({ version, spec: { ...spec, description: '', limits: undefined }, configurations: configurations.map((c) => [c.id, c.params, c.resolved]) }))
    .digest('hex');
  return { file: source.file, spec, model, columns, configurations, trace, baselineIndex, headline, warnings, version, hash };
}

/** The 0-based index of the configuration a selector names, or −1 after pushing an issue. */
function selectConfiguration(selector: ConfigSelector, configurations: readonly Configuration[], columns: readonly string[], at: PathSegment[], issues: RawIssue[]): number {
  if (typeof selector === 'number') {
    if (selector > configurations.length) {
      issues.push({ path: at, message: `expected a configuration number from 1 to ${configurations.length}, got ${selector}` });
      return -1;
    }
    return selector - 1;
  }
  if (typeof selector === 'string') {
    const matches = configurations.filter((c) => Object.values(c.swept).some((v) => sweptValueText(v) === selector));
    if (matches.length === 1 && matches[0]) return matches[0].index;
    const values = [...new Set(configurations.flatMap((c) => Object.values(c.swept).map((v) => sweptValueText(v))))];
    const suggestion = matches.length === 0 ? closestName(selector, values) : undefined;
    const message =
      matches.length === 0
        ? `"${selector}" is no swept value (expected a configuration number, its swept values, or a value only it has)`
        : `"${selector}" is a swept value of ${matches.length} configurations; name one by its swept values, e.g. { ${columns[0] ?? 'path'}: … }, or by its number`;
    issues.push(suggestion !== undefined ? { path: at, message, suggestion } : { path: at, message });
    return -1;
  }
  let ok = true;
  for (const key of Object.keys(selector)) {
    if (!columns.includes(key)) {
      ok = false;
      const suggestion = closestName(key, columns);
      const message = `"${key}" is not a swept parameter (swept: ${columns.join(', ') || 'none'})`;
      issues.push(suggestion !== undefined ? { path: [...at, key], message, suggestion } : { path: [...at, key], message });
    }
  }
  if (!ok) return -1;
  const matches = configurations.filter((c) => Object.entries(selector).every(([k, v]) => canonicalJson(c.swept[k]) === canonicalJson(v)));
  if (matches.length !== 1 || !matches[0]) {
    issues.push({ path: at, message: `expected swept values that select exactly one configuration, but they select ${matches.length}` });
    return -1;
  }
  return matches[0].index;
}

/** The model's warnings for every configuration, each once, naming the configuration where the sweep varies. */
function configurationWarnings(model: Model<any>, configurations: readonly Configuration[], columns: readonly string[], spec: ExperimentSpec): string[] {
  if (!model.warnings) return [];
  const shape = runShapeOf(spec);
  const byText = new Map<string, Configuration[]>();
  for (const cfg of configurations) {
    for (const w of model.warnings(cfg.resolved, shape)) {
      const list = byText.get(w);
      if (list) list.push(cfg);
      else byText.set(w, [cfg]);
    }
  }
  const out: string[] = [];
  for (const [text, cfgs] of byText) {
    if (columns.length === 0 || cfgs.length === configurations.length) out.push(text);
    else out.push(`${cfgs.map((c) => configurationLabel(c.swept, 32, labelColumns(configurations))).join('; ')}: ${text}`);
  }
  return out;
}

/**
 * A parameter problem found in one configuration is reported where the offending value is
 * written: inside a sweep entry when it comes from the sweep, else under params.
 */
function mapParamIssue(issue: RawIssue, cfg: SweepConfiguration, baseParams: Record<string, unknown>): RawIssue {
  for (const [column, origin] of Object.entries(cfg.origins)) {
    const columnPath = splitDottedPath(column);
    // A misspelt segment of the sweep key itself (e.g. sweep "servics.db.replicas").
    if (issue.unknownKey && pathStartsWith(columnPath, issue.path) && getAtPath(baseParams, issue.path) === undefined) {
      const depth = issue.path.length - 1;
      const suggestion =
        issue.suggestion !== undefined ? [...columnPath.slice(0, depth), issue.suggestion, ...columnPath.slice(depth + 1)].join('.') : undefined;
      const message = `sweep path "${column}": ${issue.message}`;
      return suggestion !== undefined ? { path: ['sweep', column], message, suggestion, unknownKey: true } : { path: ['sweep', column], message, unknownKey: true };
    }
    if (pathStartsWith(issue.path, columnPath)) {
      const rest = issue.path.slice(columnPath.length);
      const fromRange = typeof origin[origin.length - 1] === 'string';
      const message = fromRange && rest.length === 0 ? `${issue.message} (value ${describeValue(cfg.swept[column])} of the range)` : issue.message;
      return issue.suggestion !== undefined ? { path: [...origin, ...rest], message, suggestion: issue.suggestion } : { path: [...origin, ...rest], message };
    }
  }
  return { ...issue, path: ['params', ...issue.path] };
}

function dedupe(issues: readonly RawIssue[]): RawIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${formatPath(i.path)}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function locate(source: SourceDocument, issue: RawIssue): SpecIssue {
  const pos = source.locate(issue.path, issue.unknownKey === true || (issue.path[0] === 'sweep' && issue.path.length === 2));
  const base: SpecIssue = issue.suggestion !== undefined ? { path: issue.path, message: issue.message, suggestion: issue.suggestion } : { path: issue.path, message: issue.message };
  return pos ? { ...base, line: pos.line, column: pos.column } : base;
}
