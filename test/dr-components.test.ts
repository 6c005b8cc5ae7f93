// Golden cases for the disaster-recovery components and the dr model's parameters and experiments.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Simulation } from '../src/engine/index.js';
import { RandomStreams } from '../src/random/index.js';
import { loadExperiment } from '../src/experiment/spec.js';
import { drModel, drServiceConfig } from '../models/dr/model.js';
import { drParams } from '../models/dr/schema.js';
import {
  BackupCatalog,
  DrService,
  LostWrites,
  Runbook,
  retainedIndices,
  summarizeSample,
  DAY_S,
  type Backup,
  type DisasterTypeConfig,
} from '../src/components/dr/index.js';

const H = 3600;

function backup(id: number, start: number, parent: Backup | null = null, extra: Partial<Backup> = {}): Backup {
  return {
    id,
    schedule: 's',
    kind: parent === null ? 'full' : 'incremental',
    destination: 'other-region',
    immutable: false,
    start,
    end: start,
    storedGB: parent === null ? 10 : 1,
    dataSizeGB: 10,
    writesAtStart: 0,
    parent,
    corrupt: false,
    knownCorrupt: false,
    verified: false,
    removed: null,
    ...extra,
  };
}

describe('dr retention', () => {
  it('keep-last-N ∪ grandfather-father-son (golden)', () => {
    // One restore point at the middle of each of days 0..9; now = day 9.6.
    const starts = Array.from({ length: 10 }, (_, d) => (d + 0.5) * DAY_S);
    const now = 9.6 * DAY_S;
    // keepLast 2 → {8, 9}; daily 3 → days 9, 8, 7 → {9, 8, 7}; weekly 2 → week 1 (days 7–13)
    // newest = 9, week 0 (days 0–6) newest = 6 → {9, 6}; monthly 1 → month 0 newest = 9.
    expect([...retainedIndices(starts, now, { keepLast: 2, daily: 3, weekly: 2, monthly: 1 })].sort((a, b) => a - b)).toEqual([6, 7, 8, 9]);
    expect([...retainedIndices(starts, now, { keepLast: 0, daily: 0, weekly: 0, monthly: 1 })]).toEqual([9]);
    expect([...retainedIndices(starts, now, { keepLast: 4, daily: 0, weekly: 0, monthly: 0 })].sort()).toEqual([6, 7, 8, 9]);
  });

  it('keeping a restore point keeps its chain; storage is integrated in GB-days', () => {
    const cat = new BackupCatalog({ keepLast: 1, daily: 0, weekly: 0, monthly: 0 });
    const f = backup(1, 0);
    const i1 = backup(2, H, f);
    const i2 = backup(3, 2 * H, i1);
    cat.add(f, 0);
    cat.add(i1, H);
    cat.add(i2, 2 * H);
    expect(cat.all().map((b) => b.id).sort()).toEqual([1, 2, 3]); // the newest needs the whole chain
    expect(cat.storedGB).toBe(12);
    const f2 = backup(4, 3 * H);
    cat.add(f2, 3 * H);
    expect(cat.all().map((b) => b.id)).toEqual([4]);
    expect([f, i1, i2].map((b) => b.removed)).toEqual(['expired', 'expired', 'expired']);
    // 10 GB for 1 h, 11 GB for 1 h, 12 GB for 1 h, then 10 GB for 21 h: 10+11+12+210 = 243 GB·h.
    expect(cat.gbDays(24 * H)).toBeCloseTo(243 / 24, 12);
    expect(cat.baseFor('other-region')).toBe(f2);
  });

  it('rejects a retention that keeps nothing, naming the fields', () => {
    expect(() => new BackupCatalog({ keepLast: 0, daily: 0, weekly: 0, monthly: 0 })).toThrow(/keeps nothing/);
    expect(() => new BackupCatalog({ keepLast: -1, daily: 0, weekly: 0, monthly: 0 })).toThrow(/keepLast must be an integer ≥ 0; got -1/);
  });
});

describe('dr runbook', () => {
  const step = (name: string, after: string[] = []) => ({
    name,
    duration: () => 1,
    after,
    failureProbability: 0,
    automated: true,
    restore: false,
    untested: false,
    undocumented: false,
  });
  const plan = (steps: ReturnType<typeof step>[], p = 0) => ({
    name: 'p',
    steps: steps.map((s) => ({ ...s, failureProbability: p })),
    onCallResponse: () => 0,
    untested: true,
    undocumented: true,
    factors: { untestedDuration: 2, untestedFailure: 3, undocumentedDuration: 1.5, undocumentedFailure: 2 },
  });
  it('rejects cycles, unknown steps and failure probabilities pushed to 1 by the factors', () => {
    expect(() => new Runbook(plan([step('a', ['b']), step('b', ['a'])]), () => 0)).toThrow(/dependency cycle/);
    expect(() => new Runbook(plan([step('a', ['nope'])]), () => 0)).toThrow(/unknown step "nope"/);
    expect(() => new Runbook(plan([step('a')], 0.2), () => 0)).toThrow(/0.2 × the untested\/undocumented factors = 1.2/);
  });
  it('untested × undocumented multiply durations: 2 × 1.5 = 3 per step', () => {
    expect(new Runbook(plan([step('a'), step('b', ['a'])]), () => 0.99).execute().durationS).toBe(6);
  });
});

describe('dr scenarios (golden)', () => {
  function service(extra: Record<string, unknown>, disasters: Record<string, unknown>[]) {
    const p = drParams.parse({
      store: { writeRate: 10, writeSizeKB: 0, initialSizeGB: 100 },
      backups: [{ name: 'b', kind: 'full', interval: '1h', throughputMBps: 'unlimited', destination: 'other-region' }],
      retention: { keepLast: 100 },
      restoreThroughputMBps: 'unlimited',
      replication: { mode: 'none' },
      failoverPlan: { steps: [], onCallResponse: 0 },
      restorePlan: { steps: [{ name: 'restore', duration: '30m', restore: true, automated: true }], onCallResponse: 0 },
      disasters,
      ...extra,
    });
    const sim = new Simulation();
    const streams = new RandomStreams('golden');
    return { sim, svc: new DrService(sim, drServiceConfig(p, streams), streams) };
  }

  it('logical corruption: a point-in-time restore from before it; later backups purged; a replica does not help', () => {
    // Corruption at 10.5 h, detected 3 h later (13.5 h): the newest clean backup is the 10 h one,
    // so the window is 3.5 h; the 11 h, 12 h and 13 h backups are poisoned and purged.
    const { sim, svc } = service({ replication: { mode: 'sync', location: 'other-region' } }, [
      { name: 'deploy', kind: 'logical', at: ['10.5h'], detectionDelay: '3h' },
    ]);
    sim.run({ until: 20 * H });
    expect(svc.outcomes).toHaveLength(1);
    const o = svc.outcomes[0]!;
    expect(o).toMatchObject({ path: 'restore', onsetS: 10.5 * H, declaredS: 13.5 * H, recoveryPointS: 10 * H, lossWindowS: 3.5 * H, rtoS: 30 * 60 });
    expect(o.writesLost).toBeCloseTo(10 * 3.5 * H, 6);
    const starts = svc.catalog.all().map((b) => b.start / H);
    expect(starts.filter((s) => s >= 10.5 && s < 14)).toEqual([]); // poisoned ones purged; 14 h missed (service down)
    expect(starts).toContain(15);
    const m = svc.metrics();
    expect(m['rpo_logical_mean_s']).toBe(3.5 * H);
    expect(m['downtime_per_year_s']).toBeCloseTo((1800 / (20 * H)) * 365 * DAY_S, 6);
  });

  it('region loss: same-region backups are lost (unrecoverable); other-region ones restore', () => {
    const region: Record<string, unknown>[] = [{ name: 'r', kind: 'region', at: ['5.25h'] }];
    const lost = service({ backups: [{ name: 'b', kind: 'full', interval: '1h', throughputMBps: 'unlimited', destination: 'other-zone' }] }, region);
    lost.sim.run({ until: 10 * H });
    expect(lost.svc.outcomes[0]).toMatchObject({ path: 'none', corruptAttempts: 0 });
    expect(lost.svc.metrics()['unrecoverable_pct']).toBe(100);
    expect(Number.isNaN(lost.svc.metrics()['rpo_mean_s'])).toBe(true);
    const kept = service({}, region);
    kept.sim.run({ until: 10 * H });
    expect(kept.svc.outcomes[0]).toMatchObject({ path: 'restore', lossWindowS: 0.25 * H });
  });

  it('a region loss during a running recovery has no outcome of its own but still destroys what is in the region', () => {
    // A disk failure at 5.25 h starts a 30 min restore from the other-zone backups; a region loss at
    // 5.5 h, during it, is dropped as a disaster but destroys those backups: a disk failure at
    // 7.1 h then finds only the 6 h and 7 h ones (taken after the recovery).
    const { sim, svc } = service(
      { backups: [{ name: 'b', kind: 'full', interval: '1h', throughputMBps: 'unlimited', destination: 'other-zone' }] },
      [
        { name: 'disk', kind: 'disk', at: ['5.25h', '7.1h'] },
        { name: 'r', kind: 'region', at: ['5.5h'] },
      ],
    );
    sim.run({ until: 5.6 * H });
    expect(svc.isRecovering).toBe(true);
    expect(svc.catalog.all().filter((b) => b.removed === null)).toEqual([]);
    sim.run({ until: 10 * H });
    expect(svc.outcomes.map((o) => [o.onsetS / H, o.path, o.lossWindowS / H])).toEqual([
      [5.25, 'restore', 0.25],
      [7.1, 'restore', 0.1],
    ]);
    expect(svc.metrics()['disasters_dropped_count']).toBe(1);
  });

  it('two disasters restored from the same backup: the second loses only the writes made since the first', () => {
    // 10 writes/s, hourly instantaneous backups, a 30 min restore. Disk losses at 5.25 h and 5.9 h
    // both restore the 5 h backup: the first loses 5 h … 5.25 h (9000 writes); the service is down
    // until 5.75 h, so the second loses 5.75 h … 5.9 h (5400), not 5 h … 5.9 h again. A third at
    // 7.5 h restores the 7 h backup (18 000).
    const { sim, svc } = service({}, [{ name: 'disk', kind: 'disk', at: ['5.25h', '5.9h', '7.5h'] }]);
    sim.run({ until: 10 * H });
    expect(svc.outcomes.map((o) => [o.path, o.recoveryPointS / H, o.writesLost])).toEqual([
      ['restore', 5, 9000],
      ['restore', 5, 5400],
      ['restore', 7, 18_000],
    ]);
    const m = svc.metrics();
    expect(m['writes_lost_count']).toBe(32_400);
    // The data-loss window stays the age of the recovery point (0.25 h, 0.9 h, 0.5 h); the writes
    // lost never exceed the write rate × the windows.
    expect(svc.outcomes.map((o) => o.lossWindowS / H)).toEqual([0.25, 0.9, 0.5]);
    expect(m['rpo_mean_s']).toBe((900 + 3240 + 1800) / 3);
    expect(m['rpo_max_s']).toBe(3240);
    expect(m['writes_lost_count']).toBeLessThanOrEqual(10 * m['rpo_mean_s']! * m['disasters_count']!);
  });

  it('a failover after a restore: the re-seeded replica misses no write made before the restore', () => {
    // A region loss at 5.25 h takes the other-zone replica with it: restore from the 5 h backup
    // (9000 writes lost), down until 5.75 h, replica re-seeded then. A disk loss at 6 h fails over
    // with a 2 h lag, which reaches back before the restore: only the writes since 5.75 h (9000) are lost.
    const { sim, svc } = service({ replication: { mode: 'async', location: 'other-zone', lag: '2h' } }, [
      { name: 'r', kind: 'region', at: ['5.25h'] },
      { name: 'disk', kind: 'disk', at: ['6h'] },
    ]);
    sim.run({ until: 10 * H });
    expect(svc.outcomes.map((o) => [o.path, o.lossWindowS / H, o.writesLost])).toEqual([
      ['restore', 0.25, 9000],
      ['failover', 2, 9000],
    ]);
    expect(svc.metrics()['writes_lost_count']).toBe(18_000);
  });

  it('ransomware deletes mutable backups it reaches; immutable ones survive', () => {
    const ransom = [{ name: 'x', kind: 'logical', at: ['5.5h'], detectionDelay: '1h', deletesBackupsAt: ['other-region'] }];
    const mutable = service({}, ransom);
    mutable.sim.run({ until: 10 * H });
    expect(mutable.svc.outcomes[0]?.path).toBe('none');
    const locked = service({ backups: [{ name: 'b', kind: 'full', interval: '1h', throughputMBps: 'unlimited', destination: 'other-region', immutable: true }] }, ransom);
    locked.sim.run({ until: 10 * H });
    expect(locked.svc.outcomes[0]).toMatchObject({ path: 'restore', recoveryPointS: 5 * H, lossWindowS: 1.5 * H });
  });

  it('a corrupt backup costs its transfer time and the restore falls back to the previous one', () => {
    // 100 GB at 100 MB/s: 1000 s per transfer. Corruption probability 1 after 4 h is emulated by
    // marking the newest backup corrupt by hand.
    const { sim, svc } = service({ restoreThroughputMBps: 100 }, [{ name: 'd', kind: 'disk', at: ['4.5h'] }]);
    sim.run({ until: 4.2 * H });
    const newest = svc.catalog.candidates()[0]!;
    expect(newest.start).toBe(4 * H);
    (newest as { corrupt: boolean }).corrupt = true;
    sim.run({ until: 10 * H });
    // restore step: 1000 s wasted + 30 min + 1000 s transfer.
    expect(svc.outcomes[0]).toMatchObject({ path: 'restore', recoveryPointS: 3 * H, lossWindowS: 1.5 * H, corruptAttempts: 1, rtoS: 2000 + 1800 });
    expect(newest.knownCorrupt).toBe(true);
  });

  it('metrics are NaN (printed empty) when no disaster happened', () => {
    const { sim, svc } = service({}, []);
    sim.run({ until: 48 * H });
    const m = svc.metrics();
    for (const k of ['rpo_mean_s', 'rpo_p95_s', 'rpo_max_s', 'rto_mean_s', 'rto_p95_s', 'rto_max_s', 'unrecoverable_pct']) expect(Number.isNaN(m[k])).toBe(true);
    expect(m).toMatchObject({ disasters_count: 0, writes_lost_count: 0, corrupt_restore_count: 0, availability_pct: 100, downtime_per_year_s: 0 });
    // keepLast 100 holds every hourly backup of 100 GB taken at 0 h … 47 h: Σ 100·(48 − k) GB·h.
    expect(m['backup_storage_gb_days']).toBeCloseTo((100 * (48 * 49) / 2) / 24, 6);
  });

  it('nearest-rank p95', () => {
    expect(summarizeSample(Array.from({ length: 20 }, (_, i) => i + 1))).toEqual({ mean: 10.5, p95: 19, max: 20 });
    expect(summarizeSample([]).p95).toBeNaN();
  });
});

describe('dr model parameters and experiments', () => {
  it('the schema is strict at every level', () => {
    expect(drParams.safeParse({ bogus: 1 }).success).toBe(false);
    expect(drParams.safeParse({ store: { writeRat: 5 } }).success).toBe(false);
    expect(drParams.safeParse({ backups: [{ interval: '1h', destinaton: 'other-zone' }] }).success).toBe(false);
    expect(drParams.safeParse({ restorePlan: { steps: [{ name: 'a', duration: 1, afterr: [] }] } }).success).toBe(false);
    expect(drParams.safeParse({ replication: { mode: 'async', lagg: 1 } }).success).toBe(false);
    expect(drParams.safeParse({}).success).toBe(true);
  });

  it('every parameter carries a description (hasim models / hasim schema print them)', () => {
    const schema = z.toJSONSchema(drParams, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      const props = n['properties'] as Record<string, Record<string, unknown>> | undefined;
      if (props) {
        for (const [k, v] of Object.entries(props)) {
          if (path.includes('dist') || k === 'dist') continue; // distribution specs are described by src/random
          const described = typeof v['description'] === 'string' || ['anyOf', 'oneOf'].some((u) => Array.isArray(v[u]) && typeof v['description'] === 'string');
          if (!described) missing.push(`${path}.${k}`);
        }
      }
      for (const [k, v] of Object.entries(n)) if (k !== 'properties') walk(v, path);
      if (props) for (const [k, v] of Object.entries(props)) if (!path.includes('dist')) walk(v, `${path}.${k}`);
    };
    walk(schema, 'params');
    expect(missing.filter((m) => !/\.(duration|onCallResponse|lag|outage|detectionDelay)\./.test(m))).toEqual([]);
  });

  it('the shipped experiments resolve', () => {
    const dir = join(import.meta.dirname, '..', 'experiments');
    const files = readdirSync(dir).filter((f) => /^dr-.*\.yaml$/.test(f));
    expect(files.sort()).toEqual(['dr-backup-interval.yaml', 'dr-strategies.yaml', 'dr-tested-vs-untested.yaml']);
    const counts = files.sort().map((f) => loadExperiment(join(dir, f), [drModel]).configurations.length);
    expect(counts).toEqual([6, 4, 4]);
  });

  it('strategy presets: standby cost and failover behaviour', () => {
    const costs: number[] = [];
    for (const strategy of ['backup-restore', 'pilot-light', 'warm-standby', 'active-active']) {
      const p = drParams.parse({ strategy, disasters: [{ name: 'd', kind: 'disk', at: ['2d'] }] });
      const sim = new Simulation();
      const streams = new RandomStreams('s');
      const svc = new DrService(sim, drServiceConfig(p, streams), streams);
      sim.run({ until: 10 * DAY_S });
      costs.push(svc.metrics()['standby_cost_unit_hours']!);
      expect(svc.outcomes[0]?.path).toBe(strategy === 'backup-restore' ? 'restore' : 'failover');
    }
    expect(costs).toEqual([0, 24, 120, 240]); // production-site-hours over 10 days
  });
});

describe('dr lost writes', () => {
  it('counts each write lost once, across overlapping and disjoint losses (golden)', () => {
    // Write counter = 10 × t, except no writes in [30, 40) (down): W(t) = 10t for t ≤ 30, 300 for
    // 30 ≤ t ≤ 40, 300 + 10(t − 40) after.
    const W = (t: number): number => (t <= 30 ? 10 * t : t <= 40 ? 300 : 300 + 10 * (t - 40));
    const lost = new LostWrites(0);
    expect(lost.record(20, W(20), 30, W(30))).toBe(0); // (20, 30]
    expect([lost.reconciledT, lost.reconciledW]).toEqual([30, 300]);
    // (20, 50] again from the same point: (20, 30] was lost already (100 writes).
    expect(lost.record(20, W(20), 50, W(50))).toBe(100);
    // (48, 55]: straddles the end of the merged (20, 50]: (48, 50] lost already (20).
    expect(lost.record(48, W(48), 55, W(55))).toBe(20);
    // (10, 60]: covers (20, 55] (100 + 150 + 50 = 300 writes) and more.
    expect(lost.record(10, W(10), 60, W(60))).toBe(W(55) - W(20));
    // A zero-length loss (a synchronous failover) loses nothing and moves the reconciled point.
    expect(lost.record(70, W(70), 70, W(70))).toBe(0);
    expect([lost.reconciledT, lost.reconciledW]).toEqual([70, W(70)]);
    // (65, 80]: nothing of it lost before.
    expect(lost.record(65, W(65), 80, W(80))).toBe(0);
    // Everything up to 90: (10, 60] and (65, 80] were lost already.
    expect(lost.recordAll(90, W(90))).toBe(W(60) - W(10) + W(80) - W(65));
  });

  it('rejects a loss that ends before it starts or before an earlier one', () => {
    const lost = new LostWrites(0);
    expect(() => lost.record(5, 50, 4, 40)).toThrow(/end must not precede its start/);
    lost.record(5, 50, 10, 100);
    expect(() => lost.record(1, 10, 8, 80)).toThrow(/recorded in time order/);
  });
});
