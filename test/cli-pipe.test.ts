// A reader that stops early closes the pipe (`hasim schema | head -1`): the CLI stops quietly,
// exit 0, no Node stack for EPIPE.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cliSandbox, env, main, root } from './helpers/cli-sandbox.js';

describe('hasim writing into a closed pipe', () => {
  it('stops quietly: exit 0, nothing on stderr', async () => {
    const child = spawn(process.execPath, [main, 'schema'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read the first chunk, then close our end, as `head -1` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('counts on the command line', () => {
  it('--workers and --replications quote what was typed (not NaN), exit 2', () => {
    const sandbox = cliSandbox('hasim-count-');
    try {
      const workers = sandbox.hasim('run', join(root, 'experiments', 'flagship.yaml'), '--workers', 'abc', '--out', 'w');
      expect(workers.code).toBe(2);
      expect(workers.stderr).toBe('hasim: --workers: expected an integer ≥ 1, got "abc"\n');
      const reps = sandbox.hasim('run', join(root, 'experiments', 'flagship.yaml'), '--replications', '1.5', '--out', 'w');
      expect(reps.code).toBe(2);
      expect(reps.stderr).toBe('hasim: --replications: expected an integer ≥ 1, got "1.5"\n');
    } finally {
      sandbox.remove();
    }
  });
});
