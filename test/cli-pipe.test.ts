// A reader that stops early closes the pipe (`hasim schema | head -1`): the CLI stops quietly,
// exit 0, no Node stack for EPIPE.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { env, main } from './helpers/cli-sandbox.js';

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
