// Validation of experiment files against the real built-in models' schemas.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../src/experiment/source.js';
import { loadExperiment, resolveExperiment } from '../src/experiment/spec.js';
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

  it('a sweep over a service the base does not have is rejected (it would add an unused service), with the closest one', () => {
    const params = `params:\n  services:\n    api: { replicas: 2 }\n`;
    const issues = issuesOf(`${HEAD}${params}sweep:\n  services.apii.replicas: [2, 3]\n`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      path: ['sweep', 'services.apii.replicas'],
      line: 8,
      suggestion: 'services.api.replicas',
      message:
        'sweep path "services.apii.replicas": the base experiment has no entry "apii" in services (it has: api); ' +
        'a sweep varies existing entries and cannot add one: add "apii" under params to sweep it',
    });
    // The same inside a zip group, reported at its key there.
    const zipped = issuesOf(`${HEAD}${params}sweep:\n  zip:\n    services.api.replicas: [2, 3]\n    services.apii.minReplicas: [1, 2]\n`);
    expect(zipped.map((i) => [i.path, i.suggestion])).toEqual([[['sweep', 'zip', 'services.apii.minReplicas'], 'services.api.minReplicas']]);
    // An optional field of an existing service, never written, may be swept.
    const exp = resolveExperiment(parseSource('exp.yaml', `${HEAD}${params}sweep:\n  services.api.failover.coverage: [0.9, 0.99]\n`), models, {});
    expect(exp.configurations.map((c) => (c.resolved as { services: { api: { failover: { coverage: number } } } }).services.api.failover.coverage)).toEqual([0.9, 0.99]);
  });

  it('a sweep over a list entry the base does not have is rejected', () => {
    const issues = issuesOf(
      'name: t\nmodel: dr\nduration: 1y\nparams:\n  backups:\n    - { name: full, kind: full, interval: 1h, destination: other-region }\nsweep:\n  backups.1.interval: [1h, 2h]\n',
    );
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [['sweep', 'backups.1.interval'], 'sweep path "backups.1.interval": backups has 1 entry (index 0); a sweep varies existing entries and cannot add one: expected an index below 1, got "1"'],
    ]);
  });

  it('every shipped experiment resolves', () => {
    const dir = join(import.meta.dirname, '..', 'experiments');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(loadExperiment(join(dir, f), models).configurations.length, f).toBeGreaterThan(1);
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
