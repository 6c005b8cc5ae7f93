// Change-induced failures (src/components/failure/deploys.ts): bad deploys rolled out in waves,
// with deterministic times and p = 1, give exact downtime.
import { describe, it, expect } from 'vitest';
import { topologyModel } from '../models/topology/model.js';
import { topologyTheory } from '../models/topology/theory.js';
import { outageBoundTerms } from '../models/topology/outage-bound.js';
import { waveCounts } from '../models/topology/deploy-waves.js';
import { runOnce } from './helpers/run-model.js';

const H = 3600;
const YEAR = 365 * 86400;
const downtime = (m: Record<string, number>, key: string, duration: number): number => (m[key]! / YEAR) * duration;

function run(service: Record<string, unknown>, duration: number) {
  return runOnce(topologyModel, { services: { api: { replicas: 4, ...service } } }, { warmup: 0, duration }, 0);
}

const deploys = (over: Record<string, unknown>) => ({ every: '100h', badProbability: 1, waveInterval: '1h', detection: '2h', rollback: '10m', ...over });

describe('bad deploys, scripted (p = 1, constant times)', () => {
  it('canary then the rest, detected after both waves: the group is down from the second wave to the rollback', () => {
    // Deploy at 100h: api[0] down 100h → 102h10m; api[1..3] down 101h → 102h10m. 1 of 4 needed:
    // down 70 min. The next deploy starts 100h after the rollback (202h10m), after the run.
    const m = run({ deploys: deploys({ waves: [0.25, 0.75] }) }, 200 * H);
    expect(downtime(m, 'api_downtime_per_year_s', 200 * H)).toBeCloseTo(70 * 60, 6);
    expect(m['api_deploys_count']).toBe(1);
    expect(m['api_bad_deploys_count']).toBe(1);
  });

  it('all at once: down from the deploy to the end of the rollback', () => {
    const m = run({ deploys: deploys({ waves: [1] }) }, 200 * H);
    expect(downtime(m, 'api_downtime_per_year_s', 200 * H)).toBeCloseTo(130 * 60, 6);
  });

  it('detected before the second wave: only the canary is hit, and the rest never updated', () => {
    // detection 30m < waveInterval 1h: api[0] down 100h → 100h40m. 1-of-4: no outage; 4-of-4: 40 min.
    const one = run({ deploys: deploys({ waves: [0.25, 0.75], detection: '30m' }) }, 200 * H);
    expect(one['api_downtime_per_year_s']).toBe(0);
    const all = run({ minReplicas: 4, deploys: deploys({ waves: [0.25, 0.75], detection: '30m' }) }, 200 * H);
    expect(downtime(all, 'api_downtime_per_year_s', 200 * H)).toBeCloseTo(40 * 60, 6);
  });

  it('deploys follow each other from the end of the previous one; good deploys change nothing', () => {
    // every 10h, all bad: deploy at 10h (down to 12h10m), next at 22h10m (to 24h20m), next at 34h20m (to 36h30m); run 40h.
    const m = run({ deploys: deploys({ every: '10h', waves: [1] }) }, 40 * H);
    expect(downtime(m, 'api_downtime_per_year_s', 40 * H)).toBeCloseTo(3 * 130 * 60, 6);
    expect(m['api_deploys_count']).toBe(3);
    const good = run({ deploys: deploys({ every: '10h', waves: [1], badProbability: 0 }) }, 40 * H);
    expect(good['api_downtime_per_year_s']).toBe(0);
    expect(good['api_deploys_count']).toBe(3); // 10h, 20h, 30h (one wave: it ends as it starts)
  });

  it('waves are ⌈n × cumulative share⌉ replicas; the section is checked', () => {
    expect(waveCounts(4, [0.1, 0.9])).toEqual([1, 4]);
    expect(waveCounts(10, [0.1, 0.4, 0.5])).toEqual([1, 5, 10]);
    expect(waveCounts(2, [0.25, 0.25, 0.5])).toEqual([1, 1, 2]);
    const r = topologyModel.params.safeParse({ services: { api: { replicas: 2, deploys: deploys({ waves: [0.5, 0.4] }) } } });
    expect(r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')).toMatch(/services\.api\.deploys\.waves: wave shares must sum to 1/);
  });

  it('the exact solver refuses bad deploys; the outage bound adds detection + rollback', () => {
    const p = topologyModel.params.parse({ services: { api: { replicas: 4, deploys: deploys({}) } } });
    const th = topologyTheory(p);
    expect(th && 'reason' in th ? th.reason : '').toMatch(/services\.api\.deploys \(change-induced failures\) is not modelled by the exact solver/);
    expect(outageBoundTerms(p, 'api').deploy).toBe(2 * H + 600);
  });
});
