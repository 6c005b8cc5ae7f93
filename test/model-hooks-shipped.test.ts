// The shipped experiments against the models' hooks: which warnings each configuration triggers
// (none: every shipped configuration is meant to give meaningful numbers), and one run of every
// configuration, whose every metric must get a spec whose range holds for its value and whose
// rare-event rule refers to metrics of the same record.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadExperiment } from '../src/experiment/index.js';
import { resolveEstimator } from '../src/experiment/spec-schema.js';
import { defaultMetricSpec, type MetricSpec } from '../src/base/metric-spec.js';
import type { Model } from '../src/experiment/model.js';
import { models } from '../models/index.js';
import { runOnce } from './helpers/run-model.js';
import { summaryRows } from '../src/output/tables.js';
import type { ResultContext } from '../src/output/result-context.js';
import type { RunRecord } from '../src/experiment/run-record.js';

const DIR = join(import.meta.dirname, '..', 'experiments');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

const specOf = (model: Model<any>, metric: string): MetricSpec => model.metricSpec?.(metric) ?? defaultMetricSpec(metric);

function inRange(spec: MetricSpec, v: number): boolean {
  if (Number.isNaN(v)) return true; // undefined for this run (e.g. no disaster, nothing completed)
  if (spec.range === 'pct') return v >= 0 && v <= 100;
  if (spec.range === 'nonneg') return v >= 0; // +Infinity allowed (nines with no outage)
  return true;
}

test('all 15 shipped experiments are checked', () => {
  expect(files).toHaveLength(15);
});

describe.each(files)('%s', (file) => {
  const exp = loadExperiment(join(DIR, file), models);
  const run = { duration: exp.spec.duration, warmup: exp.spec.warmup, replications: exp.spec.replications };

  test('triggers no configuration warning', () => {
    for (const c of exp.configurations) expect(exp.model.warnings?.(c.resolved, run) ?? [], `configuration ${c.index}`).toEqual([]);
  });

  // Request-level scenarios are cut to their first 3 minutes, or to a minute past their last
  // scheduled fault's start: the same metrics, a fraction of the requests; state-level ones to two
  // years: the same metrics, fewer failures, deploys and disasters.
  const faultStarts = exp.configurations.flatMap((c) => ((c.resolved as { faults?: { at: number }[] }).faults ?? []).map((f) => f.at));
  const cut = Math.max(180, ...faultStarts.map((t) => t + 60));
  const requestLevel = exp.model.name === 'topology' && (exp.configurations[0]?.resolved as { workload?: unknown }).workload !== undefined;
  const duration = Math.min(exp.spec.duration, requestLevel ? cut : 2 * 365 * 86_400);

  test('every metric of two runs of every configuration gets a spec whose range holds; the headline names emitted metrics; every summary interval lies in its range and none observed is never ± 0', { timeout: 180_000 }, () => {
    const records: RunRecord[] = [];
    for (const c of exp.configurations) {
      const pair = [0, 1].map((r) => runOnce(exp.model, c.params, { warmup: exp.spec.warmup, duration, estimator: resolveEstimator(exp.spec.estimator) }, r));
      pair.forEach((metrics, r) => records.push({ index: c.index * 2 + r, configId: c.id, replication: r + 1, seed: String(r), metrics }));
      const rec = pair[0]!;
      for (const m of exp.model.headlineFor?.(c.resolved) ?? exp.model.headline) expect(rec, `headline ${m}`).toHaveProperty(m);
      for (const [metric, value] of Object.entries(rec)) {
        const spec = specOf(exp.model, metric);
        expect(inRange(spec, value), `${c.index} ${metric} = ${value} (${spec.range})`).toBe(true);
        const rare = spec.rare;
        if (rare === undefined) continue;
        const referenced = [rare.events, ...(rare.perEvent !== undefined ? [rare.perEvent] : []), ...(['duration_s', 'run'].includes(rare.exposure) ? [] : [rare.exposure])];
        for (const r of referenced) expect(rec, `${metric} refers to ${r}`).toHaveProperty(r);
      }
    }
    const ctx: ResultContext = {
      experiment: exp.spec.name,
      columns: exp.columns,
      configurations: exp.configurations.map((c) => ({ index: c.index, id: c.id, swept: c.swept })),
      headline: exp.headline,
      durationS: duration,
      baselineId: exp.configurations[exp.baselineIndex]?.id,
      metricSpec: (m) => specOf(exp.model, m),
    };
    for (const row of summaryRows(ctx, records)) {
      const spec = specOf(exp.model, row.metric);
      const where = `${row.configId} ${row.metric} [${row.ci95Low}, ${row.ci95High}] ${row.note}`;
      if (Number.isFinite(row.ci95Low)) expect(inRange(spec, row.ci95Low), where).toBe(true);
      if (Number.isFinite(row.ci95High)) expect(inRange(spec, row.ci95High), where).toBe(true);
      if (spec.rare !== undefined && row.observedEvents === 0 && row.n > 0 && !row.note.includes('possible')) {
        expect(row.oneSided, where).toBe(true);
        expect(!(row.ci95Low === row.ci95High), where).toBe(true);
      }
    }
  });
});
