// Progress without a terminal: a plain line every tenth of the runs or every minute, whichever
// first, never two within a few seconds, none for a short run; rate and ETA from the runs
// executed (not those taken as done).
import { describe, expect, it } from 'vitest';
import { createProgress, formatEta, progressLine } from '../src/cli/progress.js';

function clocked() {
  let t = 0;
  const lines: string[] = [];
  const p = createProgress('lines', (l) => lines.push(l), () => t);
  return { p, lines, at: (s: number) => (t = s) };
}

describe('progress lines', () => {
  it('formats runs done, percentage, rate and ETA', () => {
    expect(progressLine(120, 400, 0, 30)).toBe('progress: 120/400 runs (30%), 4 runs/s, ETA 1m10s\n');
    expect(progressLine(50, 100, 40, 0)).toBe('progress: 50/100 runs (50%), – runs/s, ETA –\n');
    expect([5.4, 187, 7500, Infinity].map(formatEta)).toEqual(['5s', '3m07s', '2h05m', '–']);
  });

  it('every tenth of the runs, but never within 5 s of the last line', () => {
    const { p, lines, at } = clocked();
    p.update({ done: 0, total: 100, resumed: 0 });
    at(1);
    p.update({ done: 10, total: 100, resumed: 0 }); // a tenth, but after 1 s only
    at(6);
    p.update({ done: 11, total: 100, resumed: 0 });
    at(7);
    p.update({ done: 12, total: 100, resumed: 0 });
    at(20);
    p.update({ done: 21, total: 100, resumed: 0 }); // a tenth since the last line
    expect(lines).toEqual(['progress: 11/100 runs (11%), 1.8 runs/s, ETA 49s\n', 'progress: 21/100 runs (21%), 1.1 runs/s, ETA 1m15s\n']);
  });

  it('every minute when a tenth takes longer; runs taken as done are not in the rate', () => {
    const { p, lines, at } = clocked();
    p.update({ done: 500, total: 1000, resumed: 500 });
    at(61);
    p.update({ done: 561, total: 1000, resumed: 500 });
    at(90);
    p.update({ done: 570, total: 1000, resumed: 500 });
    expect(lines).toEqual(['progress: 561/1000 runs (56%), 1 runs/s, ETA 7m19s\n']);
  });

  it('a run of a few seconds prints nothing; --quiet prints nothing', () => {
    const { p, lines, at } = clocked();
    p.update({ done: 0, total: 4, resumed: 0 });
    for (let i = 1; i <= 4; i++) {
      at(i);
      p.update({ done: i, total: 4, resumed: 0 });
    }
    expect(lines).toEqual([]);
    const quiet: string[] = [];
    const q = createProgress('none', (l) => quiet.push(l), () => 100);
    q.update({ done: 0, total: 1, resumed: 0 });
    q.update({ done: 1, total: 1, resumed: 0 });
    expect(quiet).toEqual([]);
  });
});
