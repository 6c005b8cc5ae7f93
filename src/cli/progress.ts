// Progress of a run on stderr. On a terminal, a bar: runs done, runs per second, time left. Where
// there is no terminal (Slurm, CI, a log file), a plain line every tenth of the runs or every
// minute, whichever comes first, but not more often than every few seconds:
//   progress: 120/400 runs (30%), 4.2 runs/s, ETA 1m07s
// Nothing with --quiet.
import cliProgress from 'cli-progress';

export interface ProgressUpdate {
  readonly done: number;
  readonly total: number;
  /** Runs taken as done rather than executed (they do not count in the rate). */
  readonly resumed: number;
}

export interface Progress {
  update(p: ProgressUpdate): void;
  stop(): void;
}

export type ProgressMode = 'bar' | 'lines' | 'none';

/** Plain lines: at every tenth of the runs or after this long, whichever first… */
const LINE_EVERY_S = 60;
/** …but never two lines closer than this. */
const LINE_MIN_GAP_S = 5;

/** "45s", "3m07s", "2h05m". */
export function formatEta(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '–';
  const t = Math.round(s);
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
}

/** One plain progress line from the runs done since `first` in `secs` seconds. */
export function progressLine(done: number, total: number, first: number, secs: number): string {
  const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
  const rate = secs > 0 ? (done - first) / secs : 0;
  const eta = rate > 0 ? formatEta((total - done) / rate) : '–';
  return `progress: ${done}/${total} runs (${pct}%), ${rate > 0 ? rate.toPrecision(2).replace(/\.?0+$/, '') : '–'} runs/s, ETA ${eta}\n`;
}

/**
 * The progress of a run: `mode` 'bar' on a terminal, 'lines' without one, 'none' with --quiet.
 * `now` (seconds) and `write` are injectable for tests.
 */
export function createProgress(
  mode: ProgressMode,
  write: (line: string) => void = (l) => process.stderr.write(l),
  now: () => number = () => performance.now() / 1000,
): Progress {
  if (mode === 'none') return { update() {}, stop() {} };
  if (mode === 'lines') return lineProgress(write, now);
  const bar = new cliProgress.SingleBar(
    {
      format: ' {bar} {value}/{total} runs | {speed} runs/s | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let t0 = 0;
  let first = 0;
  return {
    update({ done, total }) {
      if (!started) {
        started = true;
        t0 = now();
        first = done;
        bar.start(total, done, { speed: '–' });
        return;
      }
      const secs = now() - t0;
      const speed = secs > 0 ? ((done - first) / secs).toFixed(1) : '–';
      bar.setTotal(total);
      bar.update(done, { speed });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function lineProgress(write: (line: string) => void, now: () => number): Progress {
  let started = false;
  let t0 = 0;
  let first = 0;
  let lastAt = 0;
  let lastDone = 0;
  return {
    update({ done, total }) {
      const t = now();
      if (!started) {
        started = true;
        t0 = t;
        first = done;
        lastAt = t;
        lastDone = done;
        return;
      }
      const tenth = Math.max(1, Math.ceil(total / 10));
      const due = done - lastDone >= tenth || t - lastAt >= LINE_EVERY_S || done >= total;
      // A run of a few seconds prints nothing.
      if (!due || t - lastAt < LINE_MIN_GAP_S) return;
      write(progressLine(done, total, first, t - t0));
      lastAt = t;
      lastDone = done;
    },
    stop() {},
  };
}
