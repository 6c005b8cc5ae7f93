// A private single-node Slurm for tests: slurmctld and slurmd started as root from a slurm.conf in
// a temporary folder (found through SLURM_CONF, on free ports, so a Slurm already on the machine is
// left alone), munged started only when none answers. Every wait has a deadline and fails with
// the reason Slurm gives (a job that can never start fails at once). stop() ends only the
// processes start() began, by their pids.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, hostname, tmpdir, totalmem } from 'node:os';
import { delimiter, join } from 'node:path';

const DAEMONS = ['slurmctld', 'slurmd', 'munged'];
const CLIENTS = ['sbatch', 'squeue', 'scontrol', 'scancel', 'sinfo', 'munge', 'unmunge', 'runuser'];

/** Where Slurm's daemons and commands live: PATH, plus the sbin folders a non-login PATH may lack. */
function findCommand(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/local/sbin'];
  return dirs.filter((d) => d !== '').map((d) => join(d, name)).find((p) => existsSync(p));
}

/** Why a real Slurm cannot run here, or undefined when it can. */
export function slurmUnavailableReason(): string | undefined {
  const missing = [...DAEMONS, ...CLIENTS].filter((c) => findCommand(c) === undefined);
  if (missing.length > 0) return `Slurm or munge not installed (missing ${missing.join(', ')}; Debian: apt-get install slurm-wlm munge)`;
  if (process.getuid?.() !== 0) return 'the Slurm daemons are started as root, and this test is not running as root';
  if (!existsSync('/etc/munge/munge.key')) return 'munge has no key (/etc/munge/munge.key; create it with mungekey -c)';
  return undefined;
}

export type JobState = { id: string; state: string; reason: string };

/** Reasons for which a pending job never starts by itself. */
const NEVER_STARTS = /PartitionConfig|PartitionNodeLimit|PartitionTimeLimit|BadConstraints|ReqNodeNotAvail|NodeDown|DependencyNeverSatisfied|JobHeldAdmin|JobHeldUser|InvalidAccount|InvalidQOS|launch failed/i;
const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'PREEMPTED', 'BOOT_FAIL', 'DEADLINE']);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether `pid` is a running process (a zombie waiting to be reaped is not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

export class SlurmCluster {
  /** Environment for Slurm's commands and for scripts that call them: SLURM_CONF, no SLURM_* of an enclosing job. */
  readonly env: NodeJS.ProcessEnv;
  private readonly pids: { name: string; pid: number }[] = [];

  private constructor(
    readonly dir: string,
    readonly node: string,
    readonly cpus: number,
    readonly memoryMB: number,
  ) {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SLURM_')) env[k] = v;
    const path = env.PATH ?? '';
    for (const sbin of ['/usr/sbin', '/sbin']) if (!path.split(delimiter).includes(sbin)) env.PATH = `${env.PATH ?? ''}${delimiter}${sbin}`;
    env.SLURM_CONF = join(dir, 'slurm.conf');
    this.env = env;
  }

  /** Starts munged (when none answers), slurmctld and slurmd; resolves once the node is idle. */
  static async start(): Promise<SlurmCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'hasim-slurm-'));
    const node = hostname().split('.')[0]!;
    const cpus = Math.min(2, availableParallelism());
    const memoryMB = Math.min(4000, Math.floor((totalmem() / 2 ** 20) * 0.8));
    const cluster = new SlurmCluster(dir, node, cpus, memoryMB);
    try {
      cluster.ensureMunge();
      const [ctldPort, dPort] = [await freePort(), await freePort()];
      mkdirSync(join(dir, 'state'));
      mkdirSync(join(dir, 'slurmd'));
      writeFileSync(
        join(dir, 'slurm.conf'),
        [
          'ClusterName=hasimtest',
          `SlurmctldHost=${node}`,
          `SlurmctldPort=${ctldPort}`,
          `SlurmdPort=${dPort}`,
          'AuthType=auth/munge',
          // A requeued job waits this long before it starts again (120 s by default).
          'AuthInfo=cred_expire=5',
          // No cgroups in these containers: track processes by /proc, no task plugin, no cgroup.conf.
          'ProctrackType=proctrack/linuxproc',
          'TaskPlugin=task/none',
          'SchedulerType=sched/backfill',
          // Look at pending jobs every 2 s (60 s and 30 s by default): a requeued job starts soon after its delay.
          'SchedulerParameters=sched_interval=2,bf_interval=2',
          'SelectType=select/cons_tres',
          'SelectTypeParameters=CR_Core_Memory',
          'ReturnToService=2',
          'SlurmUser=root',
          `SlurmctldPidFile=${dir}/slurmctld.pid`,
          `SlurmdPidFile=${dir}/slurmd.pid`,
          `SlurmdSpoolDir=${dir}/slurmd`,
          `StateSaveLocation=${dir}/state`,
          `SlurmctldLogFile=${dir}/slurmctld.log`,
          `SlurmdLogFile=${dir}/slurmd.log`,
          'JobCompType=jobcomp/none',
          'AccountingStorageType=accounting_storage/none',
          'MpiDefault=none',
          `NodeName=${node} CPUs=${cpus} RealMemory=${memoryMB} State=UNKNOWN`,
          `PartitionName=debug Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
          '',
        ].join('\n'),
      );
      cluster.daemon('slurmctld', join(dir, 'slurmctld.pid'));
      cluster.daemon('slurmd', join(dir, 'slurmd.pid'));
      cluster.waitFor('the node to be idle', 30_000, () => {
        const r = spawnSync('sinfo', ['-h', '-N', '-n', node, '-o', '%T|%E'], { env: cluster.env, encoding: 'utf8' });
        const [state = '', reason = ''] = r.stdout.trim().split('|');
        if (/^(drain|inval|fail)/i.test(state)) throw new Error(`node ${node} is ${state}: ${reason}\n${cluster.logTail()}`);
        return state === 'idle' ? true : undefined;
      });
      return cluster;
    } catch (e) {
      cluster.stop();
      throw e;
    }
  }

  private ensureMunge(): void {
    if (this.mungeAnswers()) return;
    mkdirSync('/run/munge', { recursive: true });
    execFileSync('chown', ['munge:munge', '/run/munge']);
    this.daemon('munged', '/run/munge/munged.pid', ['runuser', '-u', 'munge', '--', findCommand('munged')!]);
    this.waitFor('munged to answer', 10_000, () => (this.mungeAnswers() ? true : undefined));
  }

  private mungeAnswers(): boolean {
    return spawnSync('sh', ['-c', 'munge -n | unmunge'], { env: this.env, stdio: 'ignore' }).status === 0;
  }

  /** Runs a daemon that forks into the background, then records its pid from its pid file. */
  private daemon(name: string, pidFile: string, command: string[] = [findCommand(name)!]): void {
    if (name !== 'munged') rmSync(pidFile, { force: true });
    const r = spawnSync(command[0]!, command.slice(1), { env: this.env, encoding: 'utf8', timeout: 20_000 });
    if (r.status !== 0) throw new Error(`${name} did not start (exit ${r.status}): ${r.stderr || r.stdout}\n${this.logTail()}`);
    const pid = this.waitFor(`${name}'s pid file ${pidFile}`, 10_000, () => {
      const text = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : '';
      const n = Number(text);
      return text !== '' && Number.isInteger(n) && alive(n) ? n : undefined;
    });
    this.pids.push({ name, pid });
  }

  /** Calls `probe` every 100 ms until it returns a value; throws after `ms` naming what was awaited. */
  waitFor<T>(what: string, ms: number, probe: () => T | undefined): T {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = probe();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}\n${this.logTail()}`);
      sleep(100);
    }
  }

  /** Runs a Slurm command (or a script that calls one) with the cluster's environment; throws on failure. */
  run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
    const r = spawnSync(command, args, { cwd: options.cwd, env: { ...this.env, ...options.env }, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  /** Every task of the given jobs (array tasks one per line), as squeue shows them, finished ones included. */
  jobs(ids: string[]): JobState[] {
    const out = this.run('squeue', ['-h', '-r', '-t', 'all', '-j', ids.join(','), '-o', '%i|%T|%r']);
    return out
      .trim()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [id = '', state = '', reason = ''] = l.split('|');
        return { id, state, reason };
      });
  }

  /**
   * Waits until every task of `ids` has finished and returns their states. Fails at once when one
   * pends for a reason that never clears by itself (except `allowPending`, ids expected to wait).
   */
  waitDone(ids: string[], ms: number, allowPending: string[] = []): JobState[] {
    return this.waitFor(`jobs ${ids.join(',')} to finish`, ms, () => {
      const jobs = this.jobs(ids);
      for (const j of jobs) {
        if (j.state === 'PENDING' && NEVER_STARTS.test(j.reason) && !allowPending.includes(j.id)) {
          throw new Error(`job ${j.id} can never start (reason ${j.reason}):\n${jobs.map((x) => `${x.id} ${x.state} ${x.reason}`).join('\n')}\n${this.logTail()}`);
        }
      }
      return jobs.length > 0 && jobs.every((j) => FINAL.has(j.state)) ? jobs : undefined;
    });
  }

  logTail(): string {
    const tail = (f: string) => (existsSync(join(this.dir, f)) ? readFileSync(join(this.dir, f), 'utf8').split('\n').slice(-8).join('\n') : '(none)');
    return `--- ${this.dir}/slurmctld.log (end)\n${tail('slurmctld.log')}\n--- slurmd.log (end)\n${tail('slurmd.log')}`;
  }

  /** Cancels every job of this cluster, stops the daemons it started (TERM, then KILL after 10 s) and removes its folder. */
  stop(): void {
    if (this.pids.some((p) => p.name === 'slurmctld' && alive(p.pid))) {
      const ids = spawnSync('squeue', ['-h', '-o', '%A'], { env: this.env, encoding: 'utf8', timeout: 10_000 }).stdout?.trim();
      if (ids) spawnSync('scancel', ids.split('\n'), { env: this.env, timeout: 10_000 });
    }
    for (const { pid } of [...this.pids].reverse()) {
      if (!alive(pid)) continue;
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + 10_000;
      while (alive(pid) && Date.now() < deadline) sleep(100);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    this.pids.length = 0;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
