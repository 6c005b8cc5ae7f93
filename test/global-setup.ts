// Builds dist/ once before the suite (tsc, then the CLI bundle), so that tests which run the CLI
// or worker threads exercise the same compiled code a user runs with `npx hasim`.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export default function setup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  // `npm test` has just run `npm run build` (package.json): the same two steps, not needed twice.
  if (process.env['npm_lifecycle_event'] === 'test') return;
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (e) {
    // tsc still emits JavaScript when it reports type errors; `npm test` type-checks separately
    // and fails on them, so here we only warn and let the suite run against what was emitted.
    const out = (e as { stdout?: Buffer }).stdout?.toString() ?? String(e);
    console.warn(`global-setup: tsc reported errors (npm test fails on them):\n${out.split('\n').slice(0, 10).join('\n')}`);
  }
  // The bundle users run (package.json's bin), which the CLI tests spawn.
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle-cli.mjs')], { cwd: root, stdio: 'pipe' });
}
