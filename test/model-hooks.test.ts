// The mmc, dr and contention models' hooks: metric specs, the DR headline, warnings.
import { describe, expect, test } from 'vitest';
import { mmcModel } from '../models/mmc.js';
import { drModel } from '../models/dr/model.js';
import { contentionModel } from '../models/contention.js';
import { expectedDisasters } from '../models/dr/hooks.js';

const YEAR = 365 * 86_400;

describe('mmc', () => {
  const warn = (x: unknown) => mmcModel.warnings!(mmcModel.params.parse(x), { duration: 3600, warmup: 0, replications: 10 });

  test('a queue that cannot be stable: λ ≥ c·μ with an unlimited queue', () => {
    expect(warn({ arrivalRate: 4, servers: 4, serviceTime: { dist: 'exponential', mean: 1 } })).toEqual([
      'arrival rate 4/s is at or above the capacity 4/s of 4 servers (mean service time 1s, ρ = 1): the queue cannot be stable; waiting and sojourn times grow with the run length and the theory_* columns are NaN',
    ]);
    expect(warn({ arrivalRate: 3.99, servers: 4, serviceTime: { dist: 'exponential', mean: 1 } })).toEqual([]);
    // Any service-time distribution: its mean counts.
    expect(warn({ arrivalRate: 2.1, servers: 1, serviceTime: { dist: 'uniform', min: 0, max: 1 } })).toHaveLength(1);
    // A bounded queue blocks instead: always stable.
    expect(warn({ arrivalRate: 10, servers: 1, queueCapacity: 5 })).toEqual([]);
  });

  test('specs: theory columns exact (no rare rule), times lower, volumes and levels plain', () => {
    expect(mmcModel.metricSpec!('theory_mean_sojourn_s')).toEqual({ range: 'nonneg', better: 'lower' });
    expect(mmcModel.metricSpec!('theory_blocking_pct')).toEqual({ range: 'pct', better: 'lower' });
    expect(mmcModel.metricSpec!('mean_in_system')).toEqual({ range: 'nonneg', better: 'lower' });
    for (const m of ['arrivals_count', 'completed_count', 'in_system_count', 'busy_servers_count']) expect(mmcModel.metricSpec!(m)?.rare, m).toBeUndefined();
  });
});

describe('dr', () => {
  const parse = (x: unknown) => drModel.params.parse(x);

  test('headline leads with physical RPO/RTO, then logical, unrecoverable, availability and the costs', () => {
    expect(drModel.headlineFor!(parse({}))).toEqual([
      'rpo_physical_mean_s',
      'rto_physical_mean_s',
      'rpo_logical_mean_s',
      'rto_logical_mean_s',
      'unrecoverable_pct',
      'availability_pct',
      'standby_cost_unit_hours',
      'backup_storage_gb_days',
    ]);
    // Only logical disasters; backups that can be corrupt add the corrupt restores.
    const logical = parse({
      disasters: [{ name: 'oops', kind: 'logical', rate: '1/y' }],
      backups: [{ kind: 'full', interval: '1d', corruptProbability: 0.01 }],
    });
    expect(drModel.headlineFor!(logical)).toEqual([
      'rpo_logical_mean_s',
      'rto_logical_mean_s',
      'unrecoverable_pct',
      'corrupt_restore_count',
      'availability_pct',
      'standby_cost_unit_hours',
      'backup_storage_gb_days',
    ]);
    // The headline does not depend on the strategy (a strategy sweep shares one).
    for (const strategy of ['pilot-light', 'warm-standby', 'active-active']) expect(drModel.headlineFor!(parse({ strategy }))).toEqual(drModel.headlineFor!(parse({})));
  });

  test('specs: RPO/RTO and costs lower; unrecoverable share rests on the disasters; lost writes are not rare events', () => {
    expect(drModel.metricSpec!('rpo_physical_mean_s')).toEqual({ range: 'nonneg', better: 'lower' });
    expect(drModel.metricSpec!('standby_cost_unit_hours')?.better).toBe('lower');
    expect(drModel.metricSpec!('unrecoverable_pct')?.rare).toEqual({
      events: 'unrecoverable_count',
      exposure: 'disasters_count',
      scale: 100,
      side: 'high',
      event: 'unrecoverable disaster',
    });
    expect(drModel.metricSpec!('writes_lost_count')).toEqual({ range: 'nonneg', better: 'lower' });
    expect(drModel.metricSpec!('availability_pct')).toEqual({ range: 'pct', better: 'higher' });
  });

  test('warning when fewer than 3 disasters are expected in all runs', () => {
    const p = parse({ disasters: [{ name: 'disk', kind: 'disk', rate: '0.1/y', startAfter: '1d' }, { name: 'x', kind: 'region', at: ['200d', '400d'] }] });
    const run = { duration: YEAR, warmup: 0, replications: 5 };
    expect(expectedDisasters(p, run)).toBeCloseTo(5 * (0.1 * (YEAR - 86_400) / YEAR + 1), 12);
    expect(drModel.warnings!(p, run)).toEqual([]);
    expect(drModel.warnings!(p, { ...run, replications: 2 })).toEqual([
      'only 2.2 disasters are expected in all 2 runs of 1y: RPO and RTO will be NaN in most runs; use a longer duration, more replications or higher disaster rates',
    ]);
    expect(drModel.warnings!(parse({ disasters: [] }), run)[0]).toContain('only 0 disasters are expected in all 5 runs of 1y: RPO and RTO will be NaN in every run');
  });
});

describe('contention', () => {
  test('specs: calls are volumes (no rare rule), clients that gave up are events', () => {
    expect(contentionModel.metricSpec!('total_calls_count')).toEqual({ range: 'nonneg', better: 'lower' });
    expect(contentionModel.metricSpec!('failed_clients_count')).toMatchObject({ better: 'lower', rare: { events: 'failed_clients_count' } });
    expect(contentionModel.metricSpec!('succeeded_clients_count')).toEqual({ range: 'nonneg', better: 'higher' });
  });
});
