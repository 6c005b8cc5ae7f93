// What an importance-sampling experiment is told before it runs: the work estimate counts its
// regenerative cycles (so the budget refuses a file asking for too many), the plain runs' "no
// failure expected" warning does not apply, and a long-tailed repair time is warned about.
import { describe, expect, it } from 'vitest';
import { parseSource } from '../src/experiment/source.js';
import { resolveExperiment } from '../src/experiment/spec.js';
import { estimateWork } from '../src/experiment/estimate.js';
import { models } from '../models/index.js';

const design = (estimator: string, ttr: string, ttf = '60d') => `name: is-plan
model: topology
${estimator}
replications: 10
duration: 1y
params:
  fidelity: state
  services:
    db:
      replicas: 3
      minReplicas: 1
      failure: { ttf: { dist: exponential, mean: ${ttf} }, ttr: ${ttr} }
`;

const load = (text: string) => resolveExperiment(parseSource('is-plan.yaml', text), models);

describe('importance sampling before the run', () => {
  it('estimates work from the cycles, in proportion to them', () => {
    const a = estimateWork(load(design('estimator: { method: importance-sampling, cycles: 10000 }', '{ dist: exponential, mean: 6h }')));
    const b = estimateWork(load(design('estimator: { method: importance-sampling, cycles: 1000000 }', '{ dist: exponential, mean: 6h }')));
    expect(a.eventsPerRun).toBeGreaterThanOrEqual(10_000);
    expect(b.eventsPerRun / a.eventsPerRun).toBeCloseTo(100, 6);
  });

  it('does not warn that a run expects no failure, as a plain run of the same design does', () => {
    // Replicas failing every 100 years: 0.3 failures expected in 10 plain runs of a year.
    const plain = load(design('', '{ dist: exponential, mean: 6h }', '100y'));
    const is = load(design('estimator: importance-sampling', '{ dist: exponential, mean: 6h }', '100y'));
    expect(plain.warnings.join('\n')).toMatch(/expected in all 10 runs of 1y/);
    expect(is.warnings).toEqual([]);
  });

  it('warns about a long-tailed repair time, naming its path, and not about a short-tailed one', () => {
    const heavy = load(design('estimator: importance-sampling', '{ dist: lognormal, mean: 6h, cv: 2 }'));
    expect(heavy.warnings.join('\n')).toMatch(/services\.db\.failure\.ttr has a coefficient of variation of 2: importance sampling/);
    const light = load(design('estimator: importance-sampling', '{ dist: lognormal, mean: 6h, cv: 0.5 }'));
    expect(light.warnings).toEqual([]);
  });
});
