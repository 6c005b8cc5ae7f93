// Runs the SimPy reference scripts (bench/simpy_*.py) with a Python that can import simpy
// (Debian's python3-simpy3 lives in /usr/bin/python3's dist-packages, which a pyenv `python3`
// on the PATH does not see). Returns null, with the reason, when none is found.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, pinnedCommand, type CaseResult, type ClockKind } from './measure.js';

export const PYTHON_CANDIDATES: readonly string[] = ['/usr/bin/python3', 'python3'];

export interface SimPyFinding {
  readonly python: string | null;
  /** Why SimPy is unavailable (null when found). */
  readonly reason: string | null;
}

export function findSimPy(candidates: readonly string[] = PYTHON_CANDIDATES): SimPyFinding {
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import simpy'], { stdio: 'ignore', timeout: 20_000 });
    if (r.status === 0) return { python: py, reason: null };
  }
  return { python: null, reason: `no Python that can import simpy (tried ${candidates.join(', ')}; apt-get install python3-simpy3)` };
}

/** Directory holding the .py scripts, whether we run from bench/ or from dist/bench/. */
function scriptDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const d of [here, join(here, '..', '..', 'bench')]) {
    if (existsSync(join(d, 'simpy_mm1.py'))) return d;
  }
  throw new Error(`bench: simpy_mm1.py not found next to ${here} nor in ../../bench`);
}

interface SimPyLine {
  readonly events_per_s?: number;
  readonly customers_per_s?: number;
  readonly mean_sojourn?: number;
}

function runScript(python: string, script: string, args: readonly string[]): SimPyLine[] {
  const pinned = pinnedCommand(python, [join(scriptDir(), script), ...args]);
  const r = spawnSync(pinned.cmd, pinned.args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${script} failed (status ${r.status}): ${r.stderr || r.error?.message || ''}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as SimPyLine);
}

export function simpyMM1(python: string, customers: number, rho: number, runs: number, seed: number, clock: ClockKind): CaseResult {
  const lines = runScript(python, 'simpy_mm1.py', ['--customers', String(customers), '--rho', String(rho), '--runs', String(runs), '--seed', String(seed), '--clock', clock]);
  const crates = lines.map((l) => l.customers_per_s ?? NaN);
  const last = lines[lines.length - 1];
  return {
    benchmark: 'simpy-mm1',
    events_per_s: NaN, // SimPy does not count its events; compare customers/s
    customers_per_s: median(crates),
    mean_sojourn: last?.mean_sojourn ?? NaN,
    runs: crates,
  };
}

export function simpyTimeoutChain(python: string, pending: number, events: number, runs: number, seed: number, clock: ClockKind): CaseResult {
  const lines = runScript(python, 'simpy_timeout_chain.py', [
    '--pending', String(pending), '--events', String(events), '--runs', String(runs),
    '--warmup', String(Math.ceil(events / 4)), '--seed', String(seed), '--clock', clock,
  ]);
  const rates = lines.map((l) => l.events_per_s ?? NaN);
  return { benchmark: 'simpy-timeout-chain', pending, events_per_s: median(rates), runs: rates };
}
