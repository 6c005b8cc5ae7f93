// Mistakes of the user's world are usage errors (exit 2, one line naming the file or
// folder), never "internal error": alias bombs and other YAML the library refuses by throwing,
// nesting that crashes the lexer, huge files, a folder given as the file, `--out` naming a file,
// `runs.csv` being a folder, read-only / full disks, names too long; and huge values are neither
// searched for did-you-mean suggestions nor echoed in full.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_BAD_INPUT, reportError } from '../src/cli/exit-codes.js';
import { readSource, parseSource } from '../src/experiment/source.js';
import { resolveExperiment } from '../src/experiment/spec.js';
import { SpecError } from '../src/experiment/spec-error.js';
import { closestName } from '../src/experiment/levenshtein.js';
import { clipQuoted } from '../src/experiment/clip-text.js';
// @ts-expect-error plain JS fixture without type declarations
import { tinyModel } from './fixtures/tiny-model.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'dist', 'src', 'cli', 'main.js');
const env = { ...process.env, HASIM_EXTRA_MODELS: join(root, 'test', 'fixtures', 'tiny-model.mjs') };
const tmp = mkdtempSync(join(tmpdir(), 'hasim-world-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function hasim(...args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: tmp, env, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

function specError(run: () => unknown): SpecError {
  try {
    run();
  } catch (err) {
    if (err instanceof SpecError) return err;
    throw err;
  }
  throw new Error('expected a SpecError');
}

const load = (text: string) => resolveExperiment(parseSource('exp.yaml', text), [tinyModel]);
const TINY = 'name: t\nmodel: tiny\nduration: 10\nreplications: 1\n';

/** reportError's exit code and what it wrote to stderr. */
function reported(err: unknown): { code: number; text: string } {
  const write = process.stderr.write.bind(process.stderr);
  let text = '';
  process.stderr.write = ((chunk: string) => {
    text += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: reportError(err), text };
  } finally {
    process.stderr.write = write;
  }
}

function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });
}

describe('YAML that the parser refuses by throwing or cannot survive', () => {
  it('an alias bomb is a SpecError naming the file, not "Excessive alias count"', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const n of 'bcdefg') levels.push(`${n}: &${n} [${Array(10).fill(`*${String.fromCharCode(n.charCodeAt(0) - 1)}`).join(', ')}]`);
    const err = specError(() => parseSource('bomb.yaml', `${levels.join('\n')}\n`));
    expect(err.message).toBe(
      'bomb.yaml: YAML aliases (*name) expand the file to more than 1000000 values, or an alias refers to its own anchor; write the values out or use fewer aliases',
    );
  });

  it('more than 1000 aliases are refused with the limit named', () => {
    const text = `a: &a 1\nb: [${Array(1001).fill('*a').join(', ')}]\n`;
    expect(specError(() => parseSource('many.yaml', text)).message).toBe(
      'many.yaml: too many YAML aliases (*name): at most 1000 are expanded; write the values out or use fewer aliases',
    );
  });

  it('an alias inside its own anchor is refused', () => {
    expect(specError(() => parseSource('cycle.yaml', 'a: &a [1, *a]\n')).message).toMatch(/^cycle\.yaml: YAML aliases .* refers to its own anchor/);
  });

  it('100 000 nested brackets are refused before the lexer sees them', () => {
    const n = 100_000;
    const err = specError(() => parseSource('deep.yaml', `a: ${'['.repeat(n)}${']'.repeat(n)}\n`));
    expect(err.message).toBe('deep.yaml: more than 1000 brackets [ { open at once; an experiment file is not nested that deeply');
  });

  it('a folder given as the file and a file over 16 MB are refused', () => {
    mkdirSync(join(tmp, 'folder.yaml'));
    expect(specError(() => readSource(join(tmp, 'folder.yaml'))).issues[0]?.message).toBe('is a folder, expected an experiment file');
    writeFileSync(join(tmp, 'big.yaml'), `# ${'x'.repeat(17 * 1024 * 1024)}\n`);
    expect(specError(() => readSource(join(tmp, 'big.yaml'))).issues[0]?.message).toBe('file is 17.0 MB; an experiment file may be at most 16 MB');
  });
});

describe('huge strings', () => {
  const huge = 'x'.repeat(2_000_000);

  it('a 2 MB model name gets no did-you-mean search and is quoted to 80 characters', () => {
    const started = performance.now();
    const err = specError(() => load(`name: t\nmodel: tiny${huge}\nduration: 10\n`));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(err.message).toBe(`exp.yaml:2:8: model: unknown model "tiny${'x'.repeat(76)}… (2000004 characters)" (registered: tiny)`);
  });

  it('a 2 MB key and a 2 MB duration are clipped wherever they are quoted', () => {
    const key = specError(() => load(`${TINY}params: { ${huge}: 1 }\n`));
    expect(key.message).toMatch(new RegExp(`^exp\\.yaml:5:11: params\\["x{80}… \\(2000000 characters\\)"\\]: unknown key "x{80}… \\(2000000 characters\\)" \\(valid keys: rate, label, failAt, nested\\)$`));
    const duration = specError(() => load(`name: t\nmodel: tiny\nduration: 10${huge}\n`));
    expect(duration.message.length).toBeLessThan(600);
    expect(duration.message).toContain(`invalid duration "10${'x'.repeat(78)}… (2000002 characters)"`);
  });

  it('only quoted values are clipped, never the text between two of them', () => {
    const between = ` ${'is not quoted '.repeat(8)}`;
    expect(clipQuoted(`"a"${between}"b"`)).toBe(`"a"${between}"b"`);
    expect(clipQuoted(`"a" "${'q'.repeat(81)}" "c\\"d"`)).toBe(`"a" "${'q'.repeat(80)}… (81 characters)" "c\\"d"`);
  });

  it('closestName skips names longer than 64 characters and candidates out of reach', () => {
    expect(closestName('replicsa', ['replicas'])).toBe('replicas');
    expect(closestName(`replicas${'x'.repeat(60)}`, [`replicas${'x'.repeat(59)}`])).toBeUndefined();
    expect(closestName('abc', [huge])).toBeUndefined();
  });

  it('an experiment name over 128 characters is refused at validation (it names a folder)', () => {
    const err = specError(() => load(`name: ${'n'.repeat(300)}\nmodel: tiny\nduration: 10\n`));
    expect(err.issues.map((i) => i.path)).toEqual([['name']]);
    expect(err.issues[0]?.message).toMatch(/^expected at most 128 characters, got "n{57}\.\.\."$/);
  });
});

describe('file-system errors of the user\'s world are usage errors (exit 2) naming the path', () => {
  it.each([
    ['EROFS', 'open', 'res/exp/runs.csv', 'cannot open "res/exp/runs.csv": the file system is read-only (EROFS)'],
    ['ENOSPC', 'write', 'res/exp/runs.csv', 'cannot write "res/exp/runs.csv": no space left on the device (ENOSPC)'],
    ['EACCES', 'mkdir', '/root/res', 'cannot mkdir "/root/res": permission denied (EACCES)'],
    ['ENAMETOOLONG', 'mkdir', 'res/n', 'cannot mkdir "res/n": a name in the path is too long for the file system (at most 255 bytes) (ENAMETOOLONG)'],
  ])('%s', (code, syscall, path, message) => {
    expect(reported(fsError(code, syscall, path))).toEqual({ code: EXIT_BAD_INPUT, text: `hasim: ${message}\n` });
  });

  it('other errors stay internal errors (exit 1)', () => {
    expect(reported(new TypeError('x is undefined')).code).toBe(1);
    expect(reported(fsError('EIO', 'read', 'f')).code).toBe(1);
  });

  it('--out naming a file: exit 2 naming the folder', () => {
    const exp = join(tmp, 'exp.yaml');
    writeFileSync(exp, TINY);
    writeFileSync(join(tmp, 'afile'), '');
    const r = hasim('run', exp, '--out', 'afile', '--workers', '1', '--quiet');
    expect(r.stderr).toBe('hasim: cannot mkdir "afile/t": a part of the path is a file, not a folder (ENOTDIR)\n');
    expect(r.code).toBe(2);
  });

  it('runs.csv being a folder: exit 2 naming runs.csv', () => {
    const exp = join(tmp, 'exp.yaml');
    writeFileSync(exp, TINY);
    mkdirSync(join(tmp, 'out2', 't', 'runs.csv'), { recursive: true });
    const r = hasim('run', exp, '--out', 'out2', '--workers', '1', '--quiet');
    expect(r.stderr).toMatch(/^hasim: cannot \w+ "[^"]*runs\.csv[^"]*"( to "[^"]*runs\.csv")?: is a folder, expected a file \(EISDIR\)\n$/);
    expect(r.code).toBe(2);
  });
});
