// Progress bar on a terminal (stderr): runs done, runs per second, time left. Nothing when
// stderr is not a terminal or with --quiet.
import cliProgress from 'cli-progress';

export interface Progress {
  update(p: { readonly done: number; readonly total: number; readonly resumed: number }): void;
  stop(): void;
}

export function createProgress(enabled: boolean): Progress {
  if (!enabled) return { update() {}, stop() {} };
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
    update({ done, total, resumed }) {
      if (!started) {
        started = true;
        t0 = performance.now();
        first = done;
        bar.start(total, done, { speed: '–' });
        void resumed;
        return;
      }
      const secs = (performance.now() - t0) / 1000;
      const speed = secs > 0 ? ((done - first) / secs).toFixed(1) : '–';
      bar.update(done, { speed });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
