import { describe, it, expect } from 'vitest';
import { Simulation, Interrupt, Resource, Preempted, SimulationError, type ProcessGenerator } from '../src/engine/index.js';

describe('generator processes', () => {
  it('yields plain delays and timeout events, and returns values to joiners', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const child = sim.process(function* (): ProcessGenerator<number> {
      yield 1.5;
      const v: string = yield sim.timeout(2, 'hello');
      log.push(`${sim.now}:child got ${v}`);
      return 42;
    }, 'child');
    sim.process(function* () {
      const r: number = yield child;
      log.push(`${sim.now}:parent got ${r}`);
    }, 'parent');
    sim.run();
    expect(log).toEqual(['3.5:child got hello', '3.5:parent got 42']);
  });

  it('anyOf returns the first event; the losing timeout is cancelled', () => {
    const sim = new Simulation();
    let result: unknown;
    const ev = sim.event<string>('signal');
    sim.schedule(3, () => ev.succeed('go'));
    sim.process(function* () {
      const r = yield sim.anyOf([ev, sim.timeout(10)]);
      result = [sim.now, r.index, r.value];
    });
    sim.run();
    expect(result).toEqual([3, 0, 'go']);
    expect(sim.now).toBe(3); // the 10 s timeout was cancelled, nothing else pending
  });

  it('allOf waits for every event and returns their values in order', () => {
    const sim = new Simulation();
    let result: unknown;
    sim.process(function* () {
      const r = yield sim.allOf([sim.timeout(5, 'a'), sim.timeout(2, 'b')]);
      result = [sim.now, r];
    });
    sim.run();
    expect(result).toEqual([5, ['a', 'b']]);
  });

  it('interrupt aborts a wait, with its cause; the abandoned delay never resumes the process', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const worker = sim.process(function* () {
      try {
        yield 10;
        log.push('finished');
      } catch (e) {
        if (!(e instanceof Interrupt)) throw e;
        log.push(`${sim.now}:interrupted by ${String(e.cause)}`);
        yield 1;
        log.push(`${sim.now}:recovered`);
      }
    }, 'worker');
    sim.schedule(4, () => worker.interrupt('failure'));
    sim.run();
    expect(log).toEqual(['4:interrupted by failure', '5:recovered']);
  });

  it('an interrupt sent at the instant of the wake-up, by an earlier-scheduled event, wins (URGENT)', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const p = sim.process(function* () {
      try { yield 5; log.push('woke'); } catch { log.push('interrupted'); }
    });
    sim.schedule(5, () => p.interrupt('x'));
    sim.run();
    // the interrupter (scheduled before the process started) runs first at t=5; its interrupt is
    // URGENT, so it is delivered before the process's own wake-up, which is cancelled
    expect(log).toEqual(['interrupted']);
    expect(p.isAlive).toBe(false);
    expect(p.interrupt('late')).toBe(false);
  });

  it('an error thrown inside a process stops the run with the time and the process name', () => {
    const sim = new Simulation();
    sim.process(function* () {
      yield 7;
      throw new Error('bad state');
    }, 'replica-3');
    expect(() => sim.run()).toThrowError(SimulationError);
    const sim2 = new Simulation();
    sim2.process(function* () { yield 7; throw new Error('bad state'); }, 'replica-3');
    try { sim2.run(); } catch (e) {
      expect((e as SimulationError).simTime).toBe(7);
      expect((e as SimulationError).component).toBe('replica-3');
      expect((e as Error).message).toBe('process "replica-3" failed: bad state (at t=7 s in replica-3)');
    }
  });

  it('a failed event throws into the waiting process', () => {
    const sim = new Simulation();
    const ev = sim.event('op');
    let caught = '';
    sim.process(function* () {
      try { yield ev; } catch (e) { caught = (e as Error).message; }
    });
    sim.schedule(1, () => ev.fail(new Error('timeout')));
    sim.run();
    expect(caught).toBe('timeout');
  });
});

describe('resources', () => {
  it('FIFO: customers are served in arrival order, with exact waits', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1, name: 'server' });
    const log: string[] = [];
    for (const [name, at, service] of [['a', 0, 3], ['b', 1, 2], ['c', 1, 1]] as const) {
      sim.process(function* () {
        yield at;
        const req = res.request();
        yield req;
        log.push(`${sim.now}:${name} start (waited ${req.waited})`);
        yield service;
        res.release(req);
      }, name);
    }
    sim.run();
    expect(log).toEqual(['0:a start (waited 0)', '3:b start (waited 2)', '5:c start (waited 4)']);
    expect(res.meanWait()).toBe(2);
    // busy all the time from 0 to 6
    expect(res.utilisation()).toBe(1);
    // queue: 2 waiting during [1,3), 1 during [3,5) → integral 6 over 6 s
    expect(res.meanQueueLength()).toBe(1);
  });

  it('priority queue: lower number first, FIFO among equals', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1, queue: 'priority' });
    const order: string[] = [];
    const job = (name: string, prio: number) => sim.process(function* () {
      const req = res.request({ priority: prio });
      yield req;
      order.push(name);
      yield 1;
      res.release(req);
    }, name);
    job('first', 5); job('low', 9); job('high', 1); job('high2', 1); job('mid', 5);
    sim.run();
    expect(order).toEqual(['first', 'high', 'high2', 'mid', 'low']);
  });

  it('bounded queue rejects beyond its capacity', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1, queueCapacity: 1 });
    const got: boolean[] = [];
    for (let i = 0; i < 3; i++) sim.process(function* () {
      const req = res.request();
      const ok: boolean = yield req;
      got.push(ok);
      if (ok) { yield 1; res.release(req); }
    });
    sim.run();
    expect(got).toEqual([true, false, true]);
    expect(res.rejectedCount).toBe(1);
  });

  it('preemption with resume and restart semantics', () => {
    for (const mode of ['resume', 'restart'] as const) {
      const sim = new Simulation();
      const res = new Resource(sim, { capacity: 1, queue: 'priority', preemptive: true });
      const done: Record<string, number> = {};
      sim.process(function* () {
        yield* res.use(10, { priority: 5, onPreempt: mode });
        done.low = sim.now;
      }, 'low');
      sim.process(function* () {
        yield 4;
        yield* res.use(3, { priority: 1 });
        done.high = sim.now;
      }, 'high');
      sim.run();
      expect(done.high).toBe(7);
      // resume: 4 s served, 6 s left → 13; restart: full 10 s again → 17
      expect(done.low).toBe(mode === 'resume' ? 13 : 17);
      expect(res.preemptedCount).toBe(1);
    }
  });

  it('a preempted process receives Preempted with usageSince; equal priority does not preempt', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1, queue: 'priority', preemptive: true });
    let cause: Preempted | undefined;
    sim.process(function* () {
      const req = res.request({ priority: 3 });
      yield req;
      try { yield 100; } catch (e) { cause = (e as Interrupt).cause as Preempted; }
    });
    sim.process(function* () {
      yield 1;
      const same = res.request({ priority: 3 });
      expect(same.status).toBe('queued');
      res.release(same);
      yield 1;
      const req = res.request({ priority: 0 });
      yield req;
      res.release(req);
    });
    sim.run();
    expect(cause?.usageSince).toBe(0);
    expect(cause?.by.priority).toBe(0);
  });

  it('use(): a process interrupted while queued withdraws its request, so the next requester gets the unit', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    sim.process(function* () {
      yield* res.use(10);
      log.push(`${sim.now}:holder done`);
    }, 'holder');
    const queued = sim.process(function* () {
      yield 1;
      try { yield* res.use(5); } catch (e) { log.push(`${sim.now}:queued ${(e as Interrupt).cause}`); }
    }, 'queued');
    sim.process(function* () {
      yield 3;
      queued.interrupt('gave up');
      yield* res.use(2);
      log.push(`${sim.now}:third done`);
    }, 'third');
    sim.run();
    expect(log).toEqual(['3:queued gave up', '10:holder done', '12:third done']);
    expect(res.count).toBe(0);
    expect(res.queueLength).toBe(0);
  });

  it('use(): a request granted and interrupted in the same instant, before its process resumes, is released', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    const first = sim.process(function* () {
      try { yield* res.use(5); } catch { log.push(`${sim.now}:first interrupted`); }
    }, 'first');
    // the unit is granted at 0 and the interrupt delivered before `first` resumes
    first.interrupt('stop');
    sim.process(function* () {
      yield 1;
      yield* res.use(2);
      log.push(`${sim.now}:second done`);
    }, 'second');
    sim.run();
    expect(log).toEqual(['0:first interrupted', '3:second done']);
    expect(res.count).toBe(0);
  });

  it('use(): a holder interrupted for another reason releases its unit', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const log: string[] = [];
    const holder = sim.process(function* () {
      try { yield* res.use(10); } catch { log.push(`${sim.now}:holder interrupted`); }
    }, 'holder');
    sim.process(function* () {
      yield 1;
      yield* res.use(2);
      log.push(`${sim.now}:second done`);
    }, 'second');
    sim.schedule(4, () => holder.interrupt('stop'));
    sim.run();
    expect(log).toEqual(['4:holder interrupted', '6:second done']);
    expect(res.count).toBe(0);
  });

  it('use(): preempted, then interrupted while queued again, the process leaves nothing behind (every mode)', () => {
    for (const mode of ['resume', 'restart', 'abort'] as const) {
      const sim = new Simulation();
      const res = new Resource(sim, { capacity: 1, queue: 'priority', preemptive: true });
      const log: string[] = [];
      const low = sim.process(function* () {
        try {
          const r = yield* res.use(10, { priority: 5, onPreempt: mode });
          log.push(`${sim.now}:low ${r}`);
        } catch { log.push(`${sim.now}:low interrupted`); }
      }, 'low');
      sim.process(function* () {
        yield 2;
        yield* res.use(5, { priority: 1 });
        log.push(`${sim.now}:high done`);
      }, 'high');
      sim.schedule(4, () => low.interrupt('stop'));
      sim.process(function* () {
        yield 6;
        yield* res.use(1, { priority: 9 });
        log.push(`${sim.now}:third done`);
      }, 'third');
      sim.run();
      const lowLine = mode === 'abort' ? '2:low aborted' : '4:low interrupted';
      expect(log).toEqual([lowLine, '7:high done', '8:third done']);
      expect(res.count).toBe(0);
      expect(res.queueLength).toBe(0);
    }
  });

  it('use(): an error thrown into it or an early return releases the request, queued or held', () => {
    const sim = new Simulation();
    const res = new Resource(sim, { capacity: 1 });
    const blocker = res.request();
    // queued behind `blocker`, then an error is thrown in: the request is withdrawn
    const g1 = res.use(5);
    const req1 = g1.next().value as import('../src/engine/index.js').Request;
    expect(req1.status).toBe('queued');
    expect(() => g1.throw(new Error('boom'))).toThrow('boom');
    expect(req1.status).toBe('cancelled');
    expect(res.queueLength).toBe(0);
    // queued, then closed with return(): withdrawn as well
    const g2 = res.use(5);
    const req2 = g2.next().value as import('../src/engine/index.js').Request;
    g2.return('done');
    expect(req2.status).toBe('cancelled');
    // holding, then an error is thrown in: the unit is given back
    res.release(blocker);
    const g3 = res.use(5);
    const req3 = g3.next().value as import('../src/engine/index.js').Request;
    expect(req3.status).toBe('granted');
    g3.next(true);
    expect(() => g3.throw(new Error('boom'))).toThrow('boom');
    expect(req3.status).toBe('released');
    expect(res.count).toBe(0);
  });
});
