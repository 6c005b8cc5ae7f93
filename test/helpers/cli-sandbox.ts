// The CLI as a user runs it, in a temporary folder: `node dist/bundle/hasim.js …`, the `bin` of
// package.json (built by global-setup: tsc, then scripts/bundle-cli.mjs), with the test fixture
// model visible through HASIM_EXTRA_MODELS.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const main = join(root, 'dist', 'bundle', 'hasim.js');
export const env = { ...process.env, HASIM_EXTRA_MODELS: join(root, 'test', 'fixtures', 'tiny-model.mjs') };

export interface CliSandbox {
  readonly tmp: string;
  hasim(...args: string[]): { code: number | null; stdout: string; stderr: string };
  /** Writes `text` to `name` in the sandbox; returns its path. */
  file(name: string, text: string): string;
  read(...parts: string[]): string;
  remove(): void;
}

export function cliSandbox(prefix: string): CliSandbox {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  return {
    tmp,
    hasim: (...args) => {
      const r = spawnSync(process.execPath, [main, ...args], { cwd: tmp, env, encoding: 'utf8' });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    file: (name, text) => {
      const p = join(tmp, name);
      writeFileSync(p, text);
      return p;
    },
    read: (...parts) => readFileSync(join(tmp, ...parts), 'utf8'),
    remove: () => rmSync(tmp, { recursive: true, force: true }),
  };
}
