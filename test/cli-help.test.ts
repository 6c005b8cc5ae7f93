// The CLI's help as a user reads it at 80 columns: every example command on one line, the exit
// codes listed, no contradictory hints; and `--version` answered without the parser.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { env, main, root } from './helpers/cli-sandbox.js';

function hasim(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, env: { ...env, COLUMNS: '80' }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The lines of the "Examples:" section of a help text. */
function exampleLines(help: string): string[] {
  const start = help.indexOf('\nExamples:\n');
  expect(start, help).toBeGreaterThanOrEqual(0);
  const section = help.slice(start + '\nExamples:\n'.length);
  const end = section.indexOf('\n\n');
  return (end < 0 ? section : section.slice(0, end)).split('\n');
}

describe('hasim --help', () => {
  const commands = [[], ['run'], ['validate'], ['plan'], ['merge'], ['report'], ['schema']];
  const helps = new Map<string, { code: number | null; stdout: string }>();
  /** `hasim … --help`, spawned once per command. */
  const help = (command: string[]) => {
    const key = command.join(' ');
    if (!helps.has(key)) helps.set(key, hasim(...command, '--help'));
    return helps.get(key)!;
  };

  it('at 80 columns: nothing wider, every example a "# what" line above one whole command', () => {
    for (const command of commands) {
      const r = help(command);
      expect(r.code).toBe(0);
      for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
      const lines = exampleLines(r.stdout);
      expect(lines.length % 2, r.stdout).toBe(0);
      for (let i = 0; i < lines.length; i += 2) {
        expect(lines[i]).toMatch(/^ {2}# \S/);
        // The command line is a whole command: it starts with the program's name and the next
        // line is the next example's description (a wrapped command would continue otherwise).
        expect(lines[i + 1]).toMatch(/^ {2}hasim( \S+)*$/);
      }
    }
    const run = exampleLines(help(['run']).stdout);
    expect(run).toContain('  hasim run exp.yaml --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT');
  });

  it('lists every exit code (130 where a command runs simulations)', () => {
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    for (const command of [[], ['run'], ['merge']]) {
      const text = flat(help(command).stdout);
      expect(text).toMatch(/Exit codes: 0 ok; 1 a run failed \(or an internal error\); 2 bad input or usage; 130 interrupted/);
    }
    for (const command of [['validate'], ['plan'], ['report']]) {
      expect(flat(help(command).stdout)).toMatch(/Exit codes: 0 ok; 2 bad input or usage; 1 an internal error\./);
    }
  });

  it('merge: the shard folders are required, with no default shown', () => {
    const text = help(['merge']).stdout;
    expect(text).toMatch(/^ {2}dirs {2}Shard directories.*\n\s+\[array\] \[required\]$/m);
    expect(text).not.toMatch(/default: \[\]/);
    const none = hasim('merge');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^hasim: Not enough non-option arguments: got 0, need at least 1\n/);
  });
});

describe('hasim --version', () => {
  it('a value that starts with a dash is not read as short flags: "--budget -1h" is bad input, not -h', () => {
    const r = hasim('run', 'experiments/flagship.yaml', '--budget', '-1h', '--out', '/nonexistent/never-written');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toMatch(/^hasim: /);
    expect(hasim('run', '-h').stdout).toMatch(/^hasim run <file>/);
  });

  it('validate FILE without options (answered without the parser) says what the parsed command says', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'hasim-validate-')), 'bad.yaml');
    writeFileSync(bad, readFileSync(join(root, 'experiments', 'flagship.yaml'), 'utf8').replace('replicas: 3', 'replcas: 3'));
    for (const file of ['experiments/flagship.yaml', bad]) {
      const fast = hasim('validate', file);
      const parsed = hasim('validate', file, '--budget', '1h'); // 1h: the default budget
      expect(fast).toEqual(parsed);
      expect(fast.code).toBe(file === bad ? 2 : 0);
    }
  });

  it('prints the package version, alone or with other arguments', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(hasim('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    // Through yargs (not the shortcut): the same text.
    expect(hasim('--version', '--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
