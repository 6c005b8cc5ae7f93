// Checks the work estimate (src/experiment/estimate.ts) against the shipped experiments: for
// every configuration, one run's estimated events beside the events counted and the CPU time.
// Prints a table; the ratio column should stay ≥ ~0.5 (the estimate errs high) and the events/s
// column above EVENTS_PER_CPU_SECOND. Usage: node dist/bench/estimate-check.js [file.yaml …]
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Simulation } from '../src/engine/simulation.js';
import { RandomStreams } from '../src/random/streams.js';
import { loadModels } from '../src/cli/load-models.js';
import { loadExperiment } from '../src/experiment/spec.js';
import { estimateEventsPerRun, EVENTS_PER_CPU_SECOND } from '../src/experiment/estimate.js';
import { DRAIN_LIMIT_DURATIONS } from '../src/experiment/model.js';
import { planRuns } from '../src/experiment/plan.js';

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  const list = files.length > 0 ? files : readdirSync('experiments').filter((f) => f.endsWith('.yaml')).map((f) => join('experiments', f));
  const { models } = await loadModels();
  console.log(`reference speed ${EVENTS_PER_CPU_SECOND} events/s`);
  console.log(['file', 'config', 'estimated', 'counted', 'est/counted', 'cpu s', 'events/s'].join('\t'));
  for (const file of list) {
    const exp = loadExperiment(file, models);
    const spec = exp.spec;
    const tasks = planRuns(exp).filter((t) => t.replication === 1);
    for (const task of tasks) {
      const cfg = exp.configurations[task.configIndex]!;
      const est = estimateEventsPerRun(exp.model, cfg.resolved, { duration: spec.duration, warmup: spec.warmup, replications: spec.replications });
      const sim = new Simulation();
      const started = process.cpuUsage();
      const run = exp.model.build({ sim, streams: new RandomStreams(task.streamSeed), duration: spec.duration, warmup: spec.warmup, trace: undefined }, exp.model.params.parse(cfg.params));
      if (spec.warmup > 0) {
        sim.run({ until: spec.warmup });
        run.resetStats();
      }
      const end = spec.warmup + spec.duration;
      sim.run({ until: end });
      if (run.drain) run.drain(end + (spec.drain ?? DRAIN_LIMIT_DURATIONS * spec.duration));
      run.metrics();
      const used = process.cpuUsage(started);
      const cpu = (used.user + used.system) / 1e6;
      const n = sim.eventCount;
      console.log([file, task.configIndex + 1, Math.round(est), n, (est / n).toFixed(2), cpu.toFixed(3), Math.round(n / cpu)].join('\t'));
    }
  }
}

await main();
