// The Kubernetes manifests of examples/k8s/render.sh: resources and image come from options or
// the environment; the experiment file travels in a ConfigMap byte for byte; the pod with
// completion index k runs shard k+1 of N (its shell command is run here, with a stand-in for
// node that prints its arguments); the merge job's init container waits until every shard is
// complete (run here against a temporary folder) and only then lets the merge start.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { root } from './helpers/cli-sandbox.js';

const render = join(root, 'examples', 'k8s', 'render.sh');
const experiment = join(root, 'experiments', 'mmc-servers.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'hasim-k8s-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Container {
  name: string;
  image: string;
  env?: { name: string; value: string }[];
  command?: string[];
  args?: string[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    resources?: { requests: { storage: string } };
    template: { spec: { initContainers?: Container[]; containers: Container[]; volumes: { name: string; configMap?: { name: string }; persistentVolumeClaim?: { claimName: string } }[] } };
  };
}

function renderManifests(args: string[], env: NodeJS.ProcessEnv = {}): Manifest[] {
  const r = spawnSync(render, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`render.sh ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  const docs = parseAllDocuments(r.stdout);
  for (const d of docs) if (!('errors' in d) || d.errors.length > 0) throw new Error(`render.sh printed invalid YAML: ${String('errors' in d ? d.errors[0] : d)}`);
  return docs.map((d) => d.toJS() as Manifest);
}

const byKind = (ms: Manifest[], kind: string, suffix = ''): Manifest => {
  const m = ms.find((x) => x.kind === kind && x.metadata.name.endsWith(suffix));
  if (!m) throw new Error(`no ${kind} *${suffix} rendered`);
  return m;
};
const envOf = (c: Container): Record<string, string> => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));

/** Runs a container's `sh -c` script here, with its env and `overrides`; `node` prints its arguments. */
function runScript(c: Container, overrides: Record<string, string>): string {
  const bin = join(tmp, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'node'), '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n');
  chmodSync(join(bin, 'node'), 0o755);
  expect(c.command).toEqual(['sh', '-c']);
  const r = spawnSync('sh', ['-c', c.args![0]!], { env: { PATH: `${bin}:/usr/bin:/bin`, ...envOf(c), ...overrides }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`container script failed: ${r.stderr}`);
  return r.stdout;
}

describe('Kubernetes manifests (examples/k8s/render.sh)', () => {
  it('defaults fit a small node; the experiment travels in a ConfigMap unchanged', () => {
    const ms = renderManifests([experiment, '3']);
    expect(ms.map((m) => `${m.kind} ${m.metadata.name}`)).toEqual([
      'ConfigMap hasim-mmc-servers-experiment',
      'PersistentVolumeClaim hasim-mmc-servers-results',
      'Job hasim-mmc-servers-sweep',
      'Job hasim-mmc-servers-merge',
    ]);
    expect(byKind(ms, 'ConfigMap').data!['experiment.yaml']).toBe(readFileSync(experiment, 'utf8'));
    const sweep = byKind(ms, 'Job', '-sweep');
    expect([sweep.spec.completionMode, sweep.spec.completions, sweep.spec.parallelism]).toEqual(['Indexed', 3, 3]);
    const pod = sweep.spec.template.spec.containers[0]!;
    expect(pod.resources).toEqual({ requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi' } });
    expect(pod.image).toBe('registry.example.com/hasim:0.1.0');
    expect(sweep.spec.template.spec.volumes).toEqual([
      { name: 'experiment', configMap: { name: 'hasim-mmc-servers-experiment' } },
      { name: 'results', persistentVolumeClaim: { claimName: 'hasim-mmc-servers-results' } },
    ]);
    expect(byKind(ms, 'PersistentVolumeClaim').spec.resources!.requests.storage).toBe('5Gi');
  });

  it('resources, image and names come from options or the environment', () => {
    const fromEnv = renderManifests([experiment, '4'], { HASIM_CPUS: '2', HASIM_MEM: '512Mi', HASIM_IMAGE: 'example.org/h:1', HASIM_PARALLELISM: '2' });
    const fromOptions = renderManifests(['--cpus', '2', '--mem=512Mi', '-i', 'example.org/h:1', '-P', '2', experiment, '4']);
    expect(fromOptions).toEqual(fromEnv);
    const sweep = byKind(fromEnv, 'Job', '-sweep');
    const pod = sweep.spec.template.spec.containers[0]!;
    expect([sweep.spec.completions, sweep.spec.parallelism, pod.image]).toEqual([4, 2, 'example.org/h:1']);
    expect(pod.resources).toEqual({ requests: { cpu: '2', memory: '512Mi' }, limits: { memory: '512Mi' } });
    expect(envOf(pod).WORKERS).toBe('2');
    const named = renderManifests(['--job', 'study-7', '--storage', '20Gi', experiment]);
    expect(named.map((m) => m.metadata.name)).toEqual(['study-7-experiment', 'study-7-results', 'study-7-sweep', 'study-7-merge']);
    expect(byKind(named, 'Job', '-sweep').spec.completions).toBe(8);
  });

  it('refuses bad values with one line and exit 2', () => {
    for (const [args, message] of [
      [[experiment, '0'], /SHARDS must be a whole number/],
      [['--cpus', 'two', experiment], /--cpus \(HASIM_CPUS\) must be a whole number/],
      [['--mem', '1 GB', experiment], /--mem \(HASIM_MEM\) must be a Kubernetes quantity/],
      [[join(tmp, 'missing.yaml')], /missing\.yaml: no such file/],
    ] as const) {
      const r = spawnSync(render, [...args], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });

  it('the pod with completion index k runs shard k+1 of N of the mounted experiment', () => {
    const ms = renderManifests(['--cpus', '2', experiment, '3']);
    const pod = byKind(ms, 'Job', '-sweep').spec.template.spec.containers[0]!;
    expect(pod.volumeMounts).toEqual([
      { name: 'experiment', mountPath: '/experiment', readOnly: true },
      { name: 'results', mountPath: '/results' },
    ]);
    for (const index of [0, 1, 2]) {
      expect(runScript(pod, { JOB_COMPLETION_INDEX: String(index) }).split('\n').filter(Boolean)).toEqual([
        '/app/dist/src/cli/main.js', 'run', '/experiment/experiment.yaml',
        '--out', '/results', '--workers', '2', '--shard', `${index + 1}/3`,
      ]);
    }
  });

  it('the merge starts only when every shard is complete, and merges the experiment’s shards', async () => {
    const ms = renderManifests([experiment, '3']);
    const merge = byKind(ms, 'Job', '-merge').spec.template.spec;
    expect(merge.containers[0]!.args).toEqual(['merge', '/results/mmc-servers/shards', '--out', '/results']);
    const wait = merge.initContainers![0]!;
    expect(envOf(wait).SHARDS_DIR).toBe('/results/mmc-servers/shards');
    expect(envOf(wait).SHARDS).toBe('3');

    const shards = join(tmp, 'shards');
    const complete = (i: number) => {
      mkdirSync(join(shards, `${i}-of-3`), { recursive: true });
      writeFileSync(join(shards, `${i}-of-3`, 'meta.json'), '{}');
    };
    const child = spawn('sh', ['-c', wait.args![0]!], { env: { PATH: '/usr/bin:/bin', ...envOf(wait), SHARDS_DIR: shards, POLL_SECONDS: '0.05' } });
    let exited = false;
    const done = new Promise<number | null>((resolve) => child.on('exit', (code) => ((exited = true), resolve(code))));
    const pause = () => new Promise((r) => setTimeout(r, 400));
    try {
      complete(1);
      complete(3);
      await pause();
      expect(exited, 'merge started with shard 2 missing').toBe(false);
      complete(2);
      mkdirSync(join(shards, '2-of-3', '.publish')); // shard 2 is still moving its files into place
      await pause();
      expect(exited, 'merge started while shard 2 was being published').toBe(false);
      rmSync(join(shards, '2-of-3', '.publish'), { recursive: true });
      const code = await Promise.race([done, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
      expect(code).toBe(0);
    } finally {
      if (!exited) child.kill('SIGKILL');
    }
  });
});
