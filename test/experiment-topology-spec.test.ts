// Validation of experiment files against the real built-in models' schemas.
import { describe, expect, it } from 'vitest';
import { parseSource } from '../src/experiment/source.js';
import { resolveExperiment } from '../src/experiment/spec.js';
import { SpecError } from '../src/experiment/spec-error.js';
import { models } from '../models/index.js';

function issuesOf(text: string) {
  try {
    resolveExperiment(parseSource('exp.yaml', text), models, {});
  } catch (err) {
    if (err instanceof SpecError) return err.issues;
    throw err;
  }
  throw new Error('expected a SpecError');
}

const HEAD = 'name: t\nmodel: topology\nduration: 1y\n';

describe('topology experiment validation', () => {
  it('a misspelt distribution name inside a nested union is reported with its path and a suggestion', () => {
    const issues = issuesOf(`${HEAD}params:\n  services:\n    web: { failure: { ttf: { dist: weibul, shape: 1.2, mean: 30d }, ttr: 20m } }\n`);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(['params', 'services', 'web', 'failure', 'ttf', 'dist']);
    expect(issues[0]!.suggestion).toBe('weibull');
  });

  it('a bad swept value is reported at its place in the sweep', () => {
    const issues = issuesOf(
      `${HEAD}params:\n  services:\n    db: { replicas: 2, mode: active-passive, failover: { detection: 10s } }\nsweep:\n  services.db.failover.detection: [5s, 10x]\n`,
    );
    expect(issues.map((i) => i.path)).toEqual([['sweep', 'services.db.failover.detection', 1]]);
    expect(issues[0]!.message).toMatch(/unknown unit "x"/);
  });

  it('a misspelt service key gets the closest valid name', () => {
    const issues = issuesOf(`${HEAD}params:\n  services:\n    web: { replica: 3 }\n`);
    expect(issues[0]!.path).toEqual(['params', 'services', 'web', 'replica']);
    expect(issues[0]!.suggestion).toBe('replicas');
  });
  it('a misspelt policy field lists only the keys of that policy kind, with a suggestion', () => {
    const issues = issuesOf(`${HEAD}params:\n  workload: { rate: 10/s, policies: [{ type: retry, maxAtempts: 3 }] }\n  services: { api: {} }\n`);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(['params', 'workload', 'policies', 0, 'maxAtempts']);
    expect(issues[0]!.suggestion).toBe('maxAttempts');
    expect(issues[0]!.message).toContain('initialInterval');
    expect(issues[0]!.message).not.toContain('maxConcurrentCalls'); // a bulkhead key
  });
  it('breaker outcome lists (recordExceptions, ignoreExceptions, shouldHandle) take outcome names; a bad one is quoted', () => {
    const edge = (policy: string) => `${HEAD}params:\n  services:\n    web: { calls: [{ service: db, policies: [${policy}] }] }\n    db: {}\n`;
    const ok = resolveExperiment(parseSource('exp.yaml', edge('{ type: circuitBreaker, recordExceptions: [error, timeout], ignoreExceptions: [shed] }')), models, {});
    expect(JSON.stringify(ok)).toContain('"ignoreExceptions":["shed"]');
    const r4j = issuesOf(edge('{ type: circuitBreaker, recordExceptions: [error, erorr] }'));
    expect(r4j[0]!.path).toEqual(['params', 'services', 'web', 'calls', 0, 'policies', 0, 'recordExceptions', 1]);
    expect(r4j[0]!.message).toContain('"erorr"');
    expect(r4j[0]!.suggestion).toBe('error');
    const polly = issuesOf(edge('{ type: circuitBreaker, profile: polly, shouldHandle: [fallback] }'));
    expect(polly[0]!.path).toEqual(['params', 'services', 'web', 'calls', 0, 'policies', 0, 'shouldHandle', 0]);
    expect(polly[0]!.message).toContain('"fallback"');
  });
});
