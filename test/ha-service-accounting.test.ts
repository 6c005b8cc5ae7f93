// Accounting on the request path (Service, CallEdge, pooled calls), exact scripted cases: a
// reused Call carries no stale routing, and a crash fails each request once, counted once.
import { describe, it, expect } from 'vitest';
import { Simulation } from '../src/engine/simulation.js';
import { CallEdge, Call, CallPool } from '../src/components/service/index.js';
import { OutlierDetector } from '../src/policies/index.js';
import { staticService } from './helpers/static-service.js';

describe('pooled calls carry no stale routing into outlier detection', () => {
  it("a 'no-replica' error is not charged to the replica a reused dependency Call went to last time", () => {
    const sim = new Simulation();
    const od = new OutlierDetector({ consecutive5xx: 1, maxEjectionPercent: 100, interval: 1000 }, [0, 1]);
    const b = staticService(sim, 'b', 2, { capacity: 4, outlierDetector: od });
    const a = staticService(sim, 'a', 1, { capacity: 4, serviceTime: () => 0, calls: [{ name: 'b', target: new CallEdge(sim, b.svc) }] });
    const edge = new CallEdge(sim, a.svc);
    const outcomes: string[] = [];
    const send = (at: number): void => {
      sim.schedule(at, () => edge.invoke(new Call(), (c) => outcomes.push(`${sim.now}:${c.outcome}:${c.cause}`)));
    };
    send(0); // a's dependency Call goes to b[0] and succeeds at t = 1, then returns to a's pool
    sim.schedule(2, () => {
      b.group.setRoutable(0, false);
      b.group.setRoutable(1, false);
    });
    send(3); // the same pooled Call finds no routable replica of b
    sim.schedule(4, () => {
      b.group.setRoutable(0, true);
      b.group.setRoutable(1, true);
    });
    sim.run();
    expect(outcomes).toEqual(['1:ok:', '3:error:dependency:b']);
    // b[0] answered nothing wrong: 'no-replica' is not a replica's answer
    expect(od.isEjected(0, 5)).toBe(false);
    expect(b.svc.record(5)['outlier_ejections_count']).toBe(0);
    expect(b.svc.routable().map((r) => r.index)).toEqual([0, 1]);
  });

  it('a Call back from a pool has no replica', () => {
    const pool = new CallPool();
    const c = pool.acquire();
    c.replica = 3;
    pool.release(c);
    expect(pool.acquire().replica).toBe(-1);
  });
});

describe('replica-down failures are requests, not orphaned work', () => {
  it('an orphan (its caller timed out) lost in a crash is not counted again as a replica-down failure', () => {
    const sim = new Simulation();
    const { svc, group } = staticService(sim, 's', 1, { serviceTime: () => 10 });
    const edge = new CallEdge(sim, svc, { timeout: 2 });
    const outcomes: string[] = [];
    sim.schedule(0, () => edge.invoke(new Call(), (c) => outcomes.push(`${sim.now}:${c.outcome}`)));
    sim.schedule(5, () => group.replicas[0]!.down('crash'));
    sim.run();
    expect(outcomes).toEqual(['2:timeout']);
    expect(svc.record(6)).toMatchObject({
      offered_count: 1,
      errors_timeout_count: 1,
      errors_error_count: 0,
      errors_replica_down_count: 0,
      orphaned_work_count: 1,
    });
  });

  it('a request offered before the warm-up reset and failed by a crash after it counts in neither', () => {
    const sim = new Simulation();
    const { svc, group } = staticService(sim, 's', 1, { serviceTime: () => 10 });
    const edge = new CallEdge(sim, svc);
    sim.schedule(0, () => edge.invoke(new Call(), () => {}));
    sim.schedule(3, () => svc.resetStats());
    sim.schedule(5, () => group.replicas[0]!.down('crash'));
    sim.run();
    expect(svc.record(6)).toMatchObject({ offered_count: 0, errors_error_count: 0, errors_replica_down_count: 0 });
  });
});
