// Every ```yaml block of README.md and docs/*.md validates as `hasim validate` checks a file
// (spec, model parameters, sweep, build checks, budget), in process. The convention (stated in
// docs/README.md): a block is a whole experiment file; a block whose first line is
// `# params: MODEL` is the `params:` of that model, wrapped into a minimal experiment; a block
// whose first line is `# fragment` (a Kubernetes manifest, a file of another tool) is
// skipped. Any other block that is not an experiment fails.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSource } from '../src/experiment/source.js';
import { resolveExperiment } from '../src/experiment/spec.js';
import { budgetedEstimate } from '../src/experiment/estimate.js';
import { models } from '../models/index.js';

const root = join(import.meta.dirname, '..');

interface Snippet {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** The ```yaml blocks of a markdown text, with the line each starts on. */
function yamlBlocks(file: string, markdown: string): Snippet[] {
  const out: Snippet[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    let j = start;
    while (j < lines.length && !/^```\s*$/.test(lines[j]!)) j++;
    out.push({ file, line: start + 1, text: lines.slice(start, j).join('\n') });
    i = j;
  }
  return out;
}

/** Validates one snippet as `hasim validate` would; returns the error message, or undefined when it is valid or skipped. */
function checkSnippet(s: Snippet): string | undefined {
  const first = s.text.split('\n')[0]!.trim();
  if (first === '# fragment') return undefined;
  const fragment = /^# params: ([\w-]+)$/.exec(first);
  const text = fragment
    ? `name: snippet\nmodel: ${fragment[1]!}\nduration: 1h\nparams:\n${s.text
        .split('\n')
        .slice(1)
        .map((l) => `  ${l}`)
        .join('\n')}\n`
    : s.text;
  try {
    budgetedEstimate(resolveExperiment(parseSource(`${s.file}:${s.line}`, text), models));
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

const files = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const snippets = files.flatMap((f) => yamlBlocks(f, readFileSync(join(root, f), 'utf8')));

describe('YAML snippets in the docs', () => {
  it('there are snippets to check', () => {
    expect(snippets.length).toBeGreaterThan(10);
  });

  for (const s of snippets) {
    it(`${s.file}:${s.line} validates`, () => {
      expect(checkSnippet(s)).toBeUndefined();
    });
  }

  it('a broken snippet fails: a misspelt field, a fragment of an unknown model, a block that is no experiment', () => {
    expect(checkSnippet({ file: 'x.md', line: 1, text: '# params: topology\nservices:\n  web: { replica: 3 }' })).toMatch(/replica/);
    expect(checkSnippet({ file: 'x.md', line: 1, text: '# params: topolgy\nservices: {}' })).toMatch(/unknown model "topolgy"/);
    expect(checkSnippet({ file: 'x.md', line: 1, text: 'services:\n  web: { replicas: 3 }' })).toMatch(/name/);
    expect(checkSnippet({ file: 'x.md', line: 1, text: '# fragment\nkind: Job' })).toBeUndefined();
    expect(checkSnippet({ file: 'x.md', line: 1, text: '# params: topology\nservices:\n  web: { replicas: 3 }' })).toBeUndefined();
  });
});
