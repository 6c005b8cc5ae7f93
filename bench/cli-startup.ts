// CLI start-up: wall-clock time of `hasim --version`, `hasim --help` and `hasim validate
// experiments/flagship.yaml`, each a fresh process of the bin a user runs, against a bare
// `node -e 0` (Node's own start-up, the floor no change to hasim can go under). Spawns are
// interleaved (bare, --version, --help, validate; again), so that a slow spell of a shared
// machine touches every command alike; a command's ratio is the median of its per-round ratios
// to the bare node of the same round. Target: each command under 0.3 s of wall-clock time.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, pinnedCommand, type CaseResult } from './measure.js';

/** The commands timed, as typed after `hasim`. */
export const CLI_STARTUP_COMMANDS: readonly (readonly string[])[] = [['--version'], ['--help'], ['validate', 'experiments/flagship.yaml']];

/** Target of every command: median wall-clock time under this many ms. */
export const CLI_STARTUP_MS_TARGET = 300;

// This file runs as dist/bench/cli-startup.js (npm run bench) or as bench/cli-startup.ts (tests).
const here = dirname(fileURLToPath(import.meta.url));
const root = basename(dirname(here)) === 'dist' ? join(here, '..', '..') : join(here, '..');
/** The file users run: package.json's `bin` (the bundle that `npm run build` writes). */
const cli = join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { hasim: string } }).bin.hasim);

/** Wall-clock ms of one process; throws when it fails, so that a broken command is never timed. */
function timeSpawn(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const pinned = pinnedCommand(process.execPath, args);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(pinned.cmd, pinned.args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 24 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`bench cli-startup: node ${args.join(' ')} exited ${r.status}: ${r.stderr || r.error?.message || ''}`);
  return ms;
}

/** One line per command: its median wall ms over `spawns` processes and its ratio to bare node. */
export function cliStartup(spawns: number): CaseResult[] {
  const env = { ...process.env };
  delete env['HASIM_EXTRA_MODELS'];
  delete env['NODE_OPTIONS'];
  const bare: number[] = [];
  const times: number[][] = CLI_STARTUP_COMMANDS.map(() => []);
  for (let round = 0; round < spawns; round++) {
    bare.push(timeSpawn(['-e', '0'], env));
    CLI_STARTUP_COMMANDS.forEach((command, i) => times[i]!.push(timeSpawn([cli, ...command], env)));
  }
  const bareMs = median(bare);
  return CLI_STARTUP_COMMANDS.map((command, i) => ({
    benchmark: 'cli-startup',
    command: `hasim ${command.join(' ')}`,
    events_per_s: NaN,
    wall_ms: median(times[i]!),
    bare_node_ms: bareMs,
    ratio_vs_bare_node: median(times[i]!.map((t, round) => t / bare[round]!)),
    runs: times[i]!,
  }));
}
