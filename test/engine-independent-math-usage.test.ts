// hasim's numbers are the same bits on every JavaScript engine only if no code leaves a last bit to
// the engine. ECMAScript does for Math.log, exp, pow, sin, … (and for the ** operator, which is
// pow), so every .ts file under src/, models/ and playground/src/ must call src/base/math's
// functions instead; only src/base/math itself may use Math's. Math.sqrt, floor, abs, min, max,
// fround, … are exact by the spec and stay. Comments, strings and regular expressions are
// blanked before the search, so prose and Markdown (`**bold**`) do not count.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = ['src', 'models', 'playground/src'];
const EXEMPT = 'src/base/math/';

/** The Math functions whose last bit ECMAScript leaves to the implementation. */
const INEXACT = [
  'log', 'log1p', 'log2', 'log10', 'exp', 'expm1', 'pow',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2',
  'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'cbrt', 'hypot',
];
const RULES: readonly { readonly what: string; readonly re: RegExp }[] = [
  { what: 'Math.<inexact>', re: new RegExp(String.raw`\bMath\s*\.\s*(?:${INEXACT.join('|')})\b`, 'g') },
  { what: 'Math[…] (computed member)', re: /\bMath\s*\[/g },
  { what: 'an alias of Math', re: /(?<![.\w$])Math\s*(?=[;,)}\n]|$)/g },
  { what: 'the ** operator', re: /\*\*/g },
];

/** Words after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/**
 * `text` with every comment, string literal, template literal text and regular expression
 * replaced by spaces (newlines kept, so line numbers still hold); `${…}` inside templates is code.
 */
function blankNonCode(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  /** Brace depth of each open `${` of a template, innermost last. */
  const templates: number[] = [];
  let depth = 0;
  let lastSignificant = '';
  let lastWord = '';
  let i = 0;
  const n = text.length;
  /** Scans template text from i (just after ` or }) to the closing ` or to a `${`. */
  const templateText = (): void => {
    const start = i;
    while (i < n) {
      const ch = text[i]!;
      if (ch === '\\') i += 2;
      else if (ch === '`') {
        blank(start, i);
        i++;
        lastSignificant = '`';
        lastWord = '';
        return;
      } else if (ch === '$' && text[i + 1] === '{') {
        blank(start, i);
        i += 2;
        templates.push(depth);
        depth++;
        lastSignificant = '{';
        lastWord = '';
        return;
      } else i++;
    }
    blank(start, n);
  };
  while (i < n) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      blank(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
    } else if (ch === '"' || ch === "'") {
      const start = i;
      i++;
      while (i < n && text[i] !== ch && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      blank(start + 1, Math.min(i - 1, n));
      lastSignificant = ch;
      lastWord = '';
    } else if (ch === '`') {
      i++;
      templateText();
    } else if (ch === '}' && templates.length > 0 && templates[templates.length - 1] === depth - 1) {
      templates.pop();
      depth--;
      i++;
      templateText();
    } else if (ch === '/' && (lastSignificant === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(lastSignificant) || BEFORE_REGEX.has(lastWord))) {
      const start = i;
      i++;
      let inClass = false;
      while (i < n && text[i] !== '\n') {
        const c = text[i]!;
        if (c === '\\') i += 2;
        else {
          if (c === '[') inClass = true;
          else if (c === ']') inClass = false;
          else if (c === '/' && !inClass) break;
          i++;
        }
      }
      i++;
      blank(start + 1, Math.min(i - 1, n));
      lastSignificant = '/';
      lastWord = '';
    } else if (/[\w$]/.test(ch)) {
      const start = i;
      while (i < n && /[\w$]/.test(text[i]!)) i++;
      lastWord = text.slice(start, i);
      lastSignificant = lastWord[lastWord.length - 1]!;
    } else {
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
      if (!/\s/.test(ch)) {
        lastSignificant = ch;
        lastWord = '';
      }
      i++;
    }
  }
  return out.join('');
}

/** `file:line: what` for every forbidden use in `text` (named `file`). */
function forbiddenUses(file: string, text: string): string[] {
  const lines = blankNonCode(text).split('\n');
  const found: string[] = [];
  lines.forEach((line, k) => {
    for (const rule of RULES) {
      rule.re.lastIndex = 0;
      if (rule.re.test(line)) found.push(`${file}:${k + 1}: ${rule.what}: ${text.split('\n')[k]!.trim()}`);
    }
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(?:ts|mts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

describe('engine-independent math', () => {
  const files = SCANNED.flatMap((d) => sourceFiles(join(root, d)))
    .map((p) => relative(root, p).split(sep).join('/'))
    .filter((f) => !f.startsWith(EXEMPT));

  it('scans the sources', () => {
    expect(files.filter((f) => f.startsWith('src/')).length).toBeGreaterThan(100);
    expect(files.some((f) => f.startsWith('models/'))).toBe(true);
    expect(files.some((f) => f.startsWith('playground/src/'))).toBe(true);
  });

  it('no file outside src/base/math calls an inexact Math function or uses **', () => {
    const found = files.flatMap((f) => forbiddenUses(f, readFileSync(join(root, f), 'utf8')));
    expect(found, `use src/base/math (exp, log, pow, powInt, …) instead:\n${found.join('\n')}`).toEqual([]);
  });

  it('finds each forbidden use in code, and none in comments, strings or regular expressions', () => {
    const bad = [
      'const a = Math.log(x);',
      'const b = Math . exp(x);',
      'const c = x ** 2;',
      'y **= 3;',
      "const d = Math['pow'](x, 2);",
      'const M = Math;',
      'const e = `${Math.sin(t)}`;',
      'const f = `a ${g(`b ${Math.cos(t)}`)} c`;',
      'const h = Math.hypot(a, b) + Math.cbrt(c) + Math.atan2(y, x);',
    ];
    for (const line of bad) expect(forbiddenUses('x.ts', line), line).not.toEqual([]);
    const good = [
      '// Math.log(x) and 2 ** 10 in a comment',
      '/* Math.exp(x) ** 2 */ const a = 1;',
      "const s = '**required**' + \"Math.pow\";",
      'const t = `**bold** ${a * b} Math.tan`;',
      'const r = /a**/g.test(s) ? x / 2 : y / 3;',
      'const q = Math.sqrt(x) + Math.floor(y) + Math.abs(z) + Math.max(a, b) + Math.logX;',
      'const u = p * q; const v = Math.PI * Math.E * Math.LN2;',
      'const w = myMath.log(x) + o.Math;',
    ];
    for (const line of good) expect(forbiddenUses('x.ts', line), line).toEqual([]);
    expect(forbiddenUses('x.ts', 'const a = 1;\n// Math.log\nconst b = Math.log(2);')).toEqual(['x.ts:3: Math.<inexact>: const b = Math.log(2);']);
  });
});
