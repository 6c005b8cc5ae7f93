// Checks scripts/fast-string-width.mjs: every character of its fast path is one column wide by
// each string-width the bundled help layout uses. Run: node scripts/check-fast-string-width.mjs
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fastStringWidth, ONE_COLUMN } from './fast-string-width.mjs';

const root = join(import.meta.dirname, '..');
for (const dir of ['node_modules/cliui/node_modules/string-width', 'node_modules/yargs/node_modules/string-width', 'node_modules/wrap-ansi/node_modules/string-width']) {
  let real;
  try {
    real = (await import(pathToFileURL(join(root, dir, 'index.js')).href)).default;
  } catch {
    continue;
  }
  const fast = fastStringWidth(() => real);
  for (let c = 0; c <= 0xffff; c++) {
    const s = String.fromCharCode(c);
    if (ONE_COLUMN.test(s) && real(s) !== 1) throw new Error(`${dir}: U+${c.toString(16)} is ${real(s)} columns wide`);
  }
  if (fast('a — b ≤ c × d') !== real('a — b ≤ c × d')) throw new Error(`${dir}: widths differ`);
  console.log(`${dir}: every character of the fast path is one column wide`);
}
