// Whatever validates must not fail at run time for a reason validation could have
// seen. Two DR schedules with one name, a runbook step depending on an unknown step, a normal
// (or otherwise negative) distribution used for a duration: each is refused by validation (a
// SpecError, exit 2) with the file and the path named, not by the run ("run failed", exit 1).
import { describe, expect, it } from 'vitest';
import { models } from '../models/index.js';
import { parseSource } from '../src/experiment/source.js';
import { resolveExperiment } from '../src/experiment/spec.js';
import { specErrorOf } from './helpers/spec-error-of.js';

const messageOf = specErrorOf;

describe('refused at validation, not at run time', () => {
  it('two backup schedules with the same name (explicit or default)', () => {
    const text = 'name: t\nmodel: dr\nduration: 30d\nparams:\n  backups:\n    - { name: a, interval: 1d }\n    - { name: a, interval: 1h, kind: incremental }\n';
    expect(messageOf(text)).toBe('exp.yaml:7:15: params.backups[1].name: backup schedule name "a" is already the name of backups[0]; names must be unique');
    const defaults = 'name: t\nmodel: dr\nduration: 30d\nparams:\n  backups:\n    - { interval: 1d }\n    - { name: full-1, interval: 1h }\n';
    expect(messageOf(defaults)).toMatch(/params\.backups\[1\]\.name: backup schedule name "full-1" is already the name of backups\[0\]/);
  });

  it('two disaster types with the same name', () => {
    const text = 'name: t\nmodel: dr\nduration: 30d\nparams:\n  disasters:\n    - { name: d, kind: disk, rate: 1/y }\n    - { name: d, kind: zone, rate: 1/y }\n';
    expect(messageOf(text)).toBe('exp.yaml:7:15: params.disasters[1].name: disaster name "d" is already the name of disasters[0]; names must be unique');
  });

  it('a runbook step depending on an unknown step (found by building the run once)', () => {
    const text = 'name: t\nmodel: dr\nduration: 30d\nparams:\n  restorePlan:\n    steps:\n      - { name: a, duration: 1h, after: [b] }\n';
    expect(messageOf(text)).toBe('exp.yaml:5:3: params: the model cannot be built from these parameters: plan "restore": step "a" depends on unknown step "b" (steps: a)');
  });

  it('a swept configuration that cannot be built is named', () => {
    const text =
      'name: t\nmodel: dr\nduration: 30d\nparams:\n  planFactors: { untestedFailure: 1 }\n  restorePlan:\n    steps: [{ name: a, duration: 1h, failureProbability: 0.5 }]\nsweep:\n  planFactors.untestedFailure: [1, 4]\n  restorePlan.untested: [true]\n';
    expect(messageOf(text)).toMatch(/params: configuration 2 \(untestedFailure=4, untested=true\): the model cannot be built .*failureProbability 0\.5 × the untested\/undocumented factors = 2; it must stay below 1/);
  });

  it('a normal distribution used for a duration (mmc service time, topology ttr, dr outage)', () => {
    expect(messageOf('name: t\nmodel: mmc\nduration: 1h\nparams: { serviceTime: { dist: normal, mean: 0.5s, sd: 0.2s } }\n')).toBe(
      'exp.yaml:4:24: params.serviceTime: a normal distribution can draw negative durations (it is not truncated); { dist: lognormal, mean: 0.5, cv: 0.4 } has the same mean and sd',
    );
    const topology = 'name: t\nmodel: topology\nduration: 1d\nparams:\n  services:\n    db: { failure: { ttf: 30d, ttr: { dist: normal, mean: 1h, sd: 1h } } }\n';
    expect(messageOf(topology)).toMatch(/^exp\.yaml:6:37: params\.services\.db\.failure\.ttr: a normal distribution can draw negative durations/);
    const dr = 'name: t\nmodel: dr\nduration: 30d\nparams:\n  disasters: [{ name: d, kind: disk, rate: 1/y, outage: { dist: normal, mean: -1, sd: 1 } }]\n';
    expect(messageOf(dr)).toMatch(/params\.disasters\[0\]\.outage: a normal distribution can draw negative durations \(it is not truncated\); a lognormal or gamma distribution cannot$/);
  });

  it('a negative constant or uniform minimum used for a duration', () => {
    const text = 'name: t\nmodel: topology\nduration: 1d\nparams:\n  services:\n    db: { failure: { ttf: { dist: uniform, min: -5, max: 10 }, ttr: -5 } }\n';
    const message = messageOf(text);
    expect(message).toContain('params.services.db.failure.ttf: uniform can draw -5, a negative duration; durations must be ≥ 0');
    expect(message).toContain('params.services.db.failure.ttr: constant can draw -5, a negative duration; durations must be ≥ 0');
  });

  // Files that pass the schema but that the model refuses to build (input-fuzz.test.ts generates
  // such files): validation refuses them too, naming the file.
  it('contention with a warm-up (the model is one burst from t = 0)', () => {
    expect(messageOf('name: t\nmodel: contention\nduration: 1h\nwarmup: 1s\n')).toBe(
      'exp.yaml:1:1: params: the model cannot be built from these parameters: contention: warmup must be 0 (the model is one transient burst of clients); got 1',
    );
  });

  it('a lognormal whose cv under- or overflows σ', () => {
    const mmc = (cv: string) => `name: t\nmodel: mmc\nduration: 1h\nparams: { serviceTime: { dist: lognormal, mean: 1s, cv: ${cv} } }\n`;
    expect(messageOf(mmc('1e-320'))).toMatch(/^exp\.yaml:4:24: params\.serviceTime: lognormal: these parameters give an unusable distribution \(.*sigma must be > 0; got 0\)/);
    expect(messageOf(mmc('1e200'))).toMatch(/params\.serviceTime: lognormal: these parameters give an unusable distribution \(.*mu must be a finite number; got -Infinity/);
  });

  it('topology at request fidelity without a workload', () => {
    expect(messageOf('name: t\nmodel: topology\nduration: 1h\nparams:\n  fidelity: request\n  services: { api: {} }\n')).toBe(
      'exp.yaml:5:3: params: the model cannot be built from these parameters: fidelity "request" needs a workload',
    );
  });

  it('a brownout with no entry threshold, a retry budget without a retry', () => {
    const api = (extra: string) => `name: t\nmodel: topology\nduration: 1h\nparams:\n  workload: { rate: 1/s${extra} }\n  services: { api: { brownout: {} } }\n`;
    expect(messageOf(api(''))).toMatch(/params: the model cannot be built from these parameters: brownout: invalid enterUtilisation = undefined: give enterUtilisation and\/or enterQueueDelay$/);
    const budget = 'name: t\nmodel: topology\nduration: 1h\nparams:\n  workload: { rate: 1/s, policies: [{ type: retryBudget, kind: token-bucket, profile: grpc, maxTokens: 100, tokenRatio: 0.1 }] }\n  services: { api: {} }\n';
    expect(messageOf(budget)).toMatch(/params: the model cannot be built from these parameters: pipeline "client": invalid \[0\]\.type = "retryBudget": a retry budget needs a retry step in the same pipeline$/);
  });

  it('the contention model keeps its folded normal network delay (|x| is drawn, never negative)', () => {
    expect(() => resolveExperiment(parseSource('exp.yaml', 'name: t\nmodel: contention\nduration: 1h\nparams: { networkDelay: { dist: normal, mean: 10ms, sd: 2ms } }\n'), models)).not.toThrow();
  });
});
