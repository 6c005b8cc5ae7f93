// docs/reference.md is generated from the schemas (npm run docs:reference); it must equal what
// the generator prints now, so it never goes stale. `hasim models NAME` prints the same rows,
// nested fields, list items and policy kinds included.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { referenceMarkdown, modelFieldDocs } from '../src/output/parameter-reference.js';
import { models } from '../models/index.js';

const root = join(import.meta.dirname, '..');
const hasim = (...args: string[]) => spawnSync(process.execPath, [join(root, 'dist', 'src', 'cli', 'main.js'), ...args], { encoding: 'utf8' });

describe('parameter reference', () => {
  it('docs/reference.md is what `npm run docs:reference` writes (run it after changing a schema)', () => {
    expect(readFileSync(join(root, 'docs', 'reference.md'), 'utf8')).toBe(referenceMarkdown(models));
  });

  it('documents nested fields: calls[], each policy kind, faults, zones, failure modes', () => {
    const topology = models.find((m) => m.name === 'topology')!;
    const byPath = new Map(modelFieldDocs(topology).map((d) => [d.path, d]));
    expect(byPath.get('services.<name>.calls[].timeout')).toMatchObject({ type: 'duration', unit: 's' });
    expect(byPath.get('services.<name>.calls[].policies')).toMatchObject({ type: 'list of objects' });
    expect(byPath.get('services.<name>.calls[].policies[type=retry].maxAttempts')).toMatchObject({ type: 'integer ≥ 1 ≤ 1000' });
    expect(byPath.get('services.<name>.calls[].policies[type=circuitBreaker,profile=polly].failureRatio')).toMatchObject({ default: 0.1 });
    expect(byPath.get('workload.policies[type=retryBudget,kind=envoy].budgetPercent')).toMatchObject({ default: 20 });
    expect(byPath.get('faults[with zone].zone')).toMatchObject({ type: 'string', required: true });
    expect(byPath.get('faults[with service].mode')).toMatchObject({ default: 'crash' });
    expect(byPath.get('zones.<name>.outage.ttf')).toMatchObject({ type: 'distribution', unit: 's', required: true });
    expect(byPath.get('services.<name>.failover.heartbeat.interval')).toMatchObject({ type: 'duration', unit: 's', default: '1s' });
    expect(byPath.get('workload.rate')).toMatchObject({ type: 'rate', unit: '1/s' });
    const dr = models.find((m) => m.name === 'dr')!;
    const drPaths = modelFieldDocs(dr).map((d) => d.path);
    expect(drPaths).toEqual(expect.arrayContaining(['backups[].interval', 'replication[mode=async].lag', 'disasters[].kind', 'restorePlan.steps[].after']));
  });

  it('`hasim models topology` prints the same rows; an unknown model is refused with exit 2', () => {
    const r = hasim('models', 'topology');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^topology — /);
    expect(r.stdout).not.toMatch(/^dr — /m);
    expect(r.stdout).toMatch(/^ {4}services\.<name>\.calls\[\]\.policies +list of objects — /m);
    expect(r.stdout).toMatch(/^ {4}faults +list of objects — scheduled faults/m);
    expect(r.stdout).toMatch(/^ {4}faults\[with zone\]\.for +duration, unit s, required — how long it lasts$/m);
    const bad = hasim('models', 'topolgy');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('hasim: unknown model "topolgy" (registered: mmc, topology, contention, dr)\n');
  });
});
