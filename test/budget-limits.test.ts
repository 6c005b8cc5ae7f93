// The work estimate and the budget checked before running, the guards that stop
// a run during it (events, live entities, memory), and a prompt Ctrl-C. The CLI as a user runs
// it (dist/ is built by global-setup), with the test fixture model through HASIM_EXTRA_MODELS.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Simulation } from '../src/engine/simulation.js';
import { LimitError, SimulationError } from '../src/engine/errors.js';
import { JobQueue } from '../src/components/service/job-queue.js';
import type { Job } from '../src/components/service/job.js';
import { resolveLimits } from '../src/experiment/limits.js';
import { loadModels } from '../src/cli/load-models.js';
import { resolveExperiment } from '../src/experiment/spec.js';
import { parseSource } from '../src/experiment/source.js';
import { estimateWork, EVENTS_PER_CPU_SECOND } from '../src/experiment/estimate.js';
import { cliSandbox, env, main } from './helpers/cli-sandbox.js';

const { tmp, hasim, file, remove } = cliSandbox('hasim-budget-');
afterAll(remove);

const partialLines = (out: string, name: string): string[] => {
  const p = join(tmp, out, name, '.partial', 'runs.jsonl');
  return existsSync(p) ? readFileSync(p, 'utf8').split('\n').filter((l) => l.trim() !== '') : [];
};

describe('the estimate and the budget, before running', () => {
  it('validate and run print the expected work: runs, events per run, CPU time', async () => {
    const exp = file('mm1.yaml', 'name: mm1\nmodel: mmc\nduration: 1000\nreplications: 3\nparams: { arrivalRate: 5 }\n');
    const v = hasim('validate', exp);
    expect(v.code).toBe(0);
    // mmc: 2 events (arrival, departure) per customer: 2 × 5/s × 1000 s + 10
    expect(v.stdout.split('\n')[1]).toMatch(/^expected work: 3 runs × ~10 k events = 30 k events, about [\d.]+ms of CPU \([\d.]+ms on \d+ workers?\)$/);
    const r = hasim('run', exp, '--workers', '1', '--out', 'est');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^mm1: expected work: 3 runs × ~10 k events = 30 k events, about [\d.]+ms of CPU \([\d.]+ms on 1 worker\)$/);
    // the same numbers through the API
    const { models } = await loadModels();
    const e = estimateWork(resolveExperiment(parseSource(exp, readFileSync(exp, 'utf8')), models));
    expect(e).toMatchObject({ runs: 3, maxRuns: 3, eventsPerRun: 10_010, events: 30_030, fromModel: true });
    expect(e.cpuS).toBeCloseTo(30_030 / EVENTS_PER_CPU_SECOND + 3 * 0.002, 9);
  });

  it('mmc with arrivalRate 1e308/s: refused with exit 2 before anything runs (rates are bounded at validation)', () => {
    const exp = file('huge-rate.yaml', 'name: huge-rate\nmodel: mmc\nduration: 1h\nparams: { arrivalRate: 1e308/s }\n');
    for (const args of [['validate', exp], ['run', exp, '--out', 'never1']]) {
      const r = hasim(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^hasim: .*huge-rate\.yaml:4:24: params\.arrivalRate: rate: invalid rate "1e308\/s" \(must be ≤ 1e9 per second\)/);
    }
    expect(existsSync(join(tmp, 'never1'))).toBe(false);
  });

  it('duration 20y at 100000/s: refused with the estimate and by how much it exceeds the budget (1000y: beyond the horizon)', () => {
    const beyond = hasim('validate', file('beyond.yaml', 'name: beyond\nmodel: topology\nduration: 1000y\nreplications: 1\nparams:\n  workload: { rate: 100000/s }\n  services: { api: { replicas: 2 } }\n'));
    expect(beyond.code).toBe(2);
    expect(beyond.stderr).toMatch(/duration: warmup \+ duration is 1000 years; a run may simulate at most 20 years/);
    const exp = file('long.yaml', 'name: long\nmodel: topology\nduration: 20y\nreplications: 1\nparams:\n  workload: { rate: 100000/s }\n  services: { api: { replicas: 2 } }\n');
    const r = hasim('run', exp, '--out', 'never2');
    expect(r.code).toBe(2);
    // topology: 4 events per service visit per request, over 20 years (6.3072e8 s), + 100
    expect(r.stderr).toMatch(/: too much work: 2\.5e14 events \(1 run × ~2\.5e14 events\), about 8y of CPU, 70080× the budget of 1h; raise it with --budget or limits\.budget in the file\n$/);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('hasim:'))).toHaveLength(1);
    expect(existsSync(join(tmp, 'never2'))).toBe(false);
    expect(hasim('validate', exp).code).toBe(2);
    // raised far enough, validation passes (not run: it would take 8 years)
    expect(hasim('validate', exp, '--budget', '1000y').code).toBe(0);
  });

  it('a sweep × replications of 10^9 runs: refused before the run list is built', () => {
    const exp = file('many.yaml', 'name: many\nmodel: mmc\nduration: 1s\nreplications: 1000000\nsweep:\n  servers: { from: 1, to: 1000, step: 1 }\n');
    const r = hasim('run', exp, '--out', 'never3');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `hasim: ${exp}: too much work: 1e9 runs (1000 configurations × 1000000 replications) exceed the budget of 1 M runs 1000×; raise it with --max-runs or limits.maxRuns in the file\n`,
    );
    expect(existsSync(join(tmp, 'never3'))).toBe(false);
  });

  it('limits: in the file lowers or raises the budget; --budget and --max-runs override it', () => {
    const exp = file('small.yaml', 'name: small\nmodel: tiny\nduration: 10\nreplications: 3\nlimits: { budget: 1ms, maxRuns: 2 }\n');
    const runs = hasim('run', exp, '--out', 'lim');
    expect(runs.code).toBe(2);
    expect(runs.stderr).toBe(`hasim: ${exp}: too much work: 3 runs (1 configuration × 3 replications) exceed the budget of 2 runs 1.5×; raise it with --max-runs or limits.maxRuns in the file\n`);
    const cpu = hasim('run', exp, '--out', 'lim', '--max-runs', '3');
    expect(cpu.code).toBe(2);
    expect(cpu.stderr).toMatch(/: too much work: 3\.2 k events \(3 runs × ~1\.1 k events\), about [\d.]+ms of CPU, [\d.]+× the budget of 1ms; raise it with --budget or limits\.budget in the file\n$/);
    expect(existsSync(join(tmp, 'lim'))).toBe(false);
    const ok = hasim('run', exp, '--out', 'lim', '--max-runs', '3', '--budget', '1h', '--quiet');
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(tmp, 'lim', 'small', 'runs.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(4);
    // the file raises it too
    const raised = file('raised.yaml', 'name: raised\nmodel: tiny\nduration: 10\nreplications: 3\nlimits: { budget: 2h, maxRuns: unlimited }\n');
    expect(hasim('validate', raised).code).toBe(0);
    expect(hasim('validate', raised, '--max-runs', '2').code).toBe(2);
    expect(hasim('run', exp, '--budget', 'soon')).toMatchObject({ code: 2, stderr: 'hasim: --budget: expected a CPU time such as 8h or 30m, or unlimited; got "soon"\n' });
    const bad = hasim('validate', file('badlim.yaml', 'name: b\nmodel: tiny\nduration: 10\nlimits: { maxHeapMB: 1, budgte: 1h }\n'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/limits\.maxHeapMB/);
    expect(bad.stderr).toMatch(/limits\.budgte: unknown key/);
  });

  it('the default limits; the event limit of a run follows the CPU budget', () => {
    expect(resolveLimits(undefined, {}, 1e6)).toMatchObject({ budgetS: 3600, maxRuns: 1e6, maxEventsPerRun: 3.6e9, maxLive: 1e6, maxHeapBytes: 512 * 1048576 });
    expect(resolveLimits({ budget: 7200 }, {}, 1e6).maxEventsPerRun).toBe(7.2e9);
    expect(resolveLimits({ budget: 7200, maxEventsPerRun: 5 }, { budgetS: Infinity }, 1e6)).toMatchObject({ budgetS: Infinity, maxEventsPerRun: 5 });
    expect(resolveLimits(undefined, { budgetS: Infinity }, 1e6).maxEventsPerRun).toBe(Infinity);
  });
});

describe('guards during a run: exit 1 naming the component, the time and the limit; finished runs kept', () => {
  it('events per run (the estimate was too low: nested.weight multiplies the rate)', () => {
    const exp = file('events.yaml', 'name: events\nmodel: tiny\nduration: 100\nreplications: 1\nparams: { rate: 1 }\nsweep:\n  nested.weight: [1, 1000]\nlimits: { maxEventsPerRun: 10000 }\n');
    const r = hasim('run', exp, '--workers', '1', '--out', 'g1', '--quiet');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^hasim: run failed: config_id c[0-9a-f]{10} \(nested\.weight=1000\), replication 1, seed [0-9a-f]{16} at simulated time t=[\d.]+ s in component "arrival": more than 10000 events in this simulation; the run was stopped at the limit limits\.maxEventsPerRun \(raise it under limits: in the experiment file\)\n$/,
    );
    const t = Number(/t=([\d.]+) s/.exec(r.stderr)![1]);
    expect(t).toBeGreaterThan(5); // 10 000 events at 1000/s
    expect(t).toBeLessThan(15);
    expect(partialLines('g1', 'events')).toHaveLength(1);
    expect(existsSync(join(tmp, 'g1', 'events', 'runs.csv'))).toBe(false);
  });

  it('live entities: the mmc waiting queue (a typed array)', () => {
    // The same arrival rate (so the same work estimate: runs in file order), 100 servers or 1.
    const exp = file('queue.yaml', 'name: queue\nmodel: mmc\nduration: 1000\nreplications: 1\nparams: { arrivalRate: 100, serviceTime: { dist: exponential, mean: 0.5 } }\nsweep:\n  servers: [100, 1]\nlimits: { maxLiveEntities: 2000 }\n');
    const r = hasim('run', exp, '--workers', '1', '--out', 'g2', '--quiet'); // one worker: run 1 ends before run 2 fails
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\nhasim: run failed: config_id c[0-9a-f]{10} \(servers=1\), replication 1, seed [0-9a-f]{16} at simulated time t=[\d.]+ s in component "arrive": the waiting queue holds more than 2000 customers; the run was stopped at the limit limits\.maxLiveEntities \(raise it under limits: in the experiment file\)\n$/);
    expect(partialLines('g2', 'queue')).toHaveLength(1);
  });

  it('live entities: a retry with maxAttempts 1000, a 1 ms timeout and 1 s service fills the server queue (the issue\'s 4.5 GB case; 1e9 attempts are refused at validation)', () => {
    const text = 'name: retry\nmodel: topology\nduration: 60s\nreplications: 1\nparams:\n  workload:\n    rate: 100/s\n    policies:\n      - { type: retry, maxAttempts: 1000000000 }\n      - { type: timeout, timeout: 1ms }\n  services:\n    api: { replicas: 1, serviceTime: { dist: constant, value: 1 } }\nlimits: { maxLiveEntities: 5000 }\n';
    expect(hasim('validate', file('retry-1e9.yaml', text)).code).toBe(2);
    const exp = file('retry.yaml', text.replace('maxAttempts: 1000000000', 'maxAttempts: 1000'));
    const r = hasim('run', exp, '--workers', '1', '--out', 'g3', '--quiet');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/hasim: run failed: config_id c[0-9a-f]{10}, replication 1, seed [0-9a-f]{16} at simulated time t=[\d.]+ s in component "[^"]+": the queue of api\[0\] holds more than 5000 queued jobs; the run was stopped at the limit limits\.maxLiveEntities/);
  });

  it('memory: a run whose heap and array buffers pass limits.maxHeapMB', () => {
    // The same arrival rate (the same work estimate: runs in file order), 10 000 servers or 1.
    const exp = file('heap.yaml', 'name: heap\nmodel: mmc\nduration: 300\nreplications: 1\nparams: { arrivalRate: 10000, serviceTime: { dist: exponential, mean: 0.5 } }\nsweep:\n  servers: [10000, 1]\nlimits: { maxHeapMB: 16, maxLiveEntities: 100000000 }\n');
    const r = hasim('run', exp, '--workers', '1', '--out', 'g4', '--quiet');
    expect(r.code).toBe(1);
    // the waiting queue alone (a Float64Array) reaches 16 MB at 2^21 customers, t ≈ 210 s
    expect(r.stderr).toMatch(/\nhasim: run failed: config_id c[0-9a-f]{10} \(servers=1\), replication 1, seed [0-9a-f]{16} at simulated time t=[\d.]+ s in component "[^"]+": the run uses more than 16 MB of memory \(\d+ MB\); the run was stopped at the limit limits\.maxHeapMB/);
    expect(partialLines('g4', 'heap')).toHaveLength(1);
  });
});

describe('guards in the kernel (no per-event cost: checked at checkpoints and where structures grow)', () => {
  it('maxEvents counts every run call of a simulation, however short', () => {
    const sim = new Simulation({ maxEvents: 5000 });
    const tick = (): void => void sim.schedule(1, tick);
    sim.schedule(1, tick);
    let error: unknown;
    try {
      for (let t = 10; t <= 100_000; t += 10) sim.run({ until: t }); // 10 events per call
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as SimulationError).cause).toBeInstanceOf(LimitError);
    expect((error as SimulationError).component).toBe('tick');
    expect(sim.eventCount).toBeGreaterThan(5000);
    expect(sim.eventCount).toBeLessThanOrEqual(5000 + 1024);
  });

  it('maxLive bounds the pending events where the queue grows, naming the component that scheduled', () => {
    const sim = new Simulation({ maxLive: 300 });
    const fanout = { name: 'fan-out' };
    const spawnTwo = (): void => {
      sim.schedule(1, spawnTwo, fanout);
      sim.schedule(1, spawnTwo, fanout);
    };
    sim.schedule(0, spawnTwo, fanout);
    let error: unknown;
    try {
      sim.run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as SimulationError).message).toMatch(/^more than 300 pending events .*\(at t=\d+ s in fan-out\)$/);
    expect(sim.pending).toBeLessThanOrEqual(300);
  });

  it('onCheckpoint is reached across many short run calls, at the time of the event at hand', () => {
    const times: number[] = [];
    const sim = new Simulation({ onCheckpoint: (s) => void times.push(s.now) });
    const tick = (): void => void sim.schedule(1, tick);
    sim.schedule(1, tick);
    for (let t = 100; t <= 10_000; t += 100) sim.run({ until: t }); // 100 events per call
    expect(times.length).toBeGreaterThanOrEqual(9);
    expect(times[0]).toBe(1024);
  });

  it('a job queue grows up to its limit, then throws', () => {
    const q = new JobQueue(100, 'the queue of db[0]');
    for (let i = 0; i < 128; i++) q.push({} as Job); // grows 16 → 128 (≥ 100)
    expect(() => q.push({} as Job)).toThrow(new LimitError('the queue of db[0] holds more than 100 queued jobs', 'maxLive', 100));
  });
});

describe('stopping is prompt', () => {
  for (const workers of ['1', '2']) {
    it(`Ctrl-C during a long run with --workers ${workers}: exit 130 within a bounded wait, finished runs kept`, async () => {
      // Run 1 takes 100 events, run 2 about 10^8 (minutes); nested.weight multiplies the rate out
      // of the estimate's sight, so both have the same estimate and start in file order.
      const exp = file(`ctrlc${workers}.yaml`, 'name: ctrlc\nmodel: tiny\nreplications: 1\nduration: 100\nparams: { rate: 1 }\nsweep: { nested.weight: [1, 1000000] }\nlimits: { budget: unlimited }\n');
      const out = `int${workers}`;
      const child = spawn(process.execPath, [main, 'run', exp, '--workers', workers, '--out', out, '--quiet'], { cwd: tmp, env });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      for (let i = 0; i < 600 && partialLines(out, 'ctrlc').length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(partialLines(out, 'ctrlc')).toHaveLength(1);
      child.kill('SIGINT');
      const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
      if (code === 'hung') child.kill('SIGKILL');
      expect(code).toBe(130);
      expect(stderr).toBe('hasim: interrupted; finished runs are kept, run the same command again to resume\n');
      expect(partialLines(out, 'ctrlc')).toHaveLength(1);
    }, 60_000);
  }
});
