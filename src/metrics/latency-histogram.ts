// Latency distribution of successful requests, on an HDR histogram (hdr-histogram-js).
//
// Values are given in SECONDS and recorded as whole MICROSECONDS (rounded to nearest), with 3
// significant decimal digits by default: every recorded value is kept within 0.1% relative error,
// values below 2.048 ms are exact to the microsecond, and the range grows automatically
// (auto-resize), so a latency of hours costs nothing special. Percentiles are returned in seconds
// as HDR's "highest equivalent value" of the bucket holding the percentile (as HdrHistogram does
// everywhere). The mean and the maximum are kept exactly on the side (not from the buckets).
//
// Speed: HDR's own recordValue costs a log2, a pow and several calls per value, which dominated
// request-level runs. With ≤ 3 significant digits we compute HDR's bucket index ourselves (an
// integer clz32 and a shift, the very same layout) into a local counts array, and move those counts
// into the HDR histogram (recordValueWithCount of each bucket's lowest value) before any query.
// The results are identical to recording each value directly. Values ≥ 2^31 µs (≈ 36 min) and
// histograms with 4–5 digits go straight to HDR.
// Values are binned in batches: `record` appends the value to a small buffer, and a full buffer is
// binned in one loop. The counts array spans every magnitude (188 KB at 3 digits), so a bin is
// rarely in the L1 cache; an update in the request path waits for it, while a tight loop over a
// batch keeps many in flight. Measured on the request-level topology bench (three histograms per
// request): updating the counts costs 7% of its time in all; batching won about 3% back (8 of 9
// paired runs faster; the machine's noise is of the same size).
// The histogram class is imported from its own module rather than through the package's index,
// which loads every variant, the log reader/writer and the WebAssembly build (46 modules, 320 KB,
// a few tens of ms at every start-up, `hasim validate` included): Float64Histogram is the class
// the package's build() makes for bitBucketSize 64.
import type { Histogram } from 'hdr-histogram-js';
import float64HistogramModule from 'hdr-histogram-js/dist/Float64Histogram.js';
import { log2, powInt } from '../base/math/index.js';

// Node gives the default import of a CommonJS module as its exports object (the class is its
// `default`), Vite (the tests) as the `default` export itself: both are taken.
const Float64Histogram: typeof float64HistogramModule.default =
  (float64HistogramModule as { default?: typeof float64HistogramModule.default }).default ?? (float64HistogramModule as unknown as typeof float64HistogramModule.default);

/** Options of a LatencyHistogram. */
export interface LatencyHistogramOptions {
  /** Significant decimal digits kept (1–5; default 3, i.e. 0.1% relative resolution). */
  readonly significantDigits?: 1 | 2 | 3 | 4 | 5;
}

const US_PER_S = 1e6;
/** Values binned at a time (4 KB: stays in the L1 cache). */
const BATCH = 1024;

export class LatencyHistogram {
  private readonly h: Histogram;
  /** Pending counts by HDR counts-array index (fast path), or null when disabled. */
  private readonly pending: Float64Array | null;
  private readonly halfMag: number = 0;
  private readonly halfCount: number = 0;
  private dirty = false;
  /** Values (whole µs) recorded but not yet binned into `pending`. */
  private readonly batch = new Int32Array(BATCH);
  private nBatch = 0;
  private sum = 0;
  private _count = 0;
  private _max = 0;
  private _min = Infinity;

  constructor(options: LatencyHistogramOptions = {}) {
    const digits = options.significantDigits ?? 3;
    if (![1, 2, 3, 4, 5].includes(digits)) {
      throw new RangeError(`LatencyHistogram: invalid significantDigits = ${String(digits)}: must be an integer in 1..5`);
    }
    const h = new Float64Histogram(1, 2 * 3600 * US_PER_S, digits);
    h.autoResize = true;
    this.h = h;
    // HDR layout with lowestDiscernibleValue 1: sub-bucket half count 2^halfMag.
    this.halfMag = Math.ceil(log2(2 * powInt(10, digits))) - 1;
    this.halfCount = powInt(2, this.halfMag);
    this.pending = digits <= 3 ? new Float64Array((32 - this.halfMag + 1) * this.halfCount) : null;
  }

  /** Bins the batched values into `pending`. */
  private bin(): void {
    const p = this.pending!;
    const batch = this.batch;
    const n = this.nBatch;
    const halfMag = this.halfMag;
    const halfCount = this.halfCount;
    for (let k = 0; k < n; k++) {
      const vi = batch[k]!; // < 2^31: clz32 and shifts need no conversion
      const e = 31 - Math.clz32(vi) - halfMag;
      const b = e & ~(e >> 31); // max(e, 0) without a branch
      p[((b + 1) << halfMag) + (vi >> b) - halfCount]!++;
    }
    this.nBatch = 0;
    this.dirty = true;
  }

  /** Moves pending fast-path counts into the HDR histogram. */
  private flush(): void {
    if (this.nBatch > 0) this.bin();
    const p = this.pending;
    if (p === null || !this.dirty) return;
    const half = this.halfCount;
    for (let i = 0; i < p.length; i++) {
      const c = p[i]!;
      if (c === 0) continue;
      p[i] = 0;
      // Inverse of the index: bucket b = floor(i / half) − 1 (bucket 0 spans indexes 0 .. 2·half − 1).
      let b = Math.floor(i / half) - 1;
      let sub = (i % half) + half;
      if (b < 0) {
        sub -= half;
        b = 0;
      }
      this.h.recordValueWithCount(sub * powInt(2, b), c);
    }
    this.dirty = false;
  }

  /** Records one latency in seconds (negative values are an error). */
  record(seconds: number): void {
    // Rounds half up like Math.round, without a branch: x − ⌊x⌋ is exact, and so is adding ½ to it
    // for x ≥ 1 µs (below, a value within 2⁻⁵⁴ of ½ µs may round up). Math.round and a branch on the
    // fraction (mispredicted half the time) each cost ~8 ns per record here, this ~1 ns.
    const x = seconds * US_PER_S;
    const fl = Math.floor(x);
    const v = fl + ((x - fl + 0.5) | 0);
    if (v >= 0 && v < 2147483648 && this.pending !== null) {
      // Below 2^31 µs (≈ 36 min): an int32, binned with its batch.
      this.batch[this.nBatch++] = v;
      if (this.nBatch === BATCH) this.bin();
    } else {
      this.recordSlow(seconds, v);
    }
    this.sum += seconds;
    this._count++;
    if (seconds > this._max) this._max = seconds;
    if (seconds < this._min) this._min = seconds;
  }

  /** Records `v` µs (= `seconds`) straight into HDR: large values, 4–5 digits (kept out of `record`). */
  private recordSlow(seconds: number, v: number): void {
    if (!(seconds >= 0)) throw new RangeError(`LatencyHistogram.record: latency must be ≥ 0 s, got ${seconds}`);
    this.h.recordValue(v);
  }

  /** Number of values recorded since the last reset. */
  get count(): number {
    return this._count;
  }

  /** Exact mean in seconds (NaN when empty). */
  get mean(): number {
    return this._count > 0 ? this.sum / this._count : NaN;
  }

  /** Exact maximum in seconds (NaN when empty). */
  get max(): number {
    return this._count > 0 ? this._max : NaN;
  }

  /** Exact minimum in seconds (NaN when empty). */
  get min(): number {
    return this._count > 0 ? this._min : NaN;
  }

  /** The value at percentile `p` (0 < p ≤ 100), in seconds, at the histogram's resolution; NaN when empty. */
  percentile(p: number): number {
    if (!(p > 0 && p <= 100)) throw new RangeError(`LatencyHistogram.percentile: p must be in (0, 100], got ${p}`);
    if (this._count === 0) return NaN;
    this.flush();
    return this.h.getValueAtPercentile(p) / US_PER_S;
  }

  /** Adds every value of `other` to this histogram. */
  addAll(other: LatencyHistogram): void {
    other.flush();
    this.h.add(other.h);
    this.sum += other.sum;
    this._count += other._count;
    if (other._count > 0) {
      if (other._max > this._max) this._max = other._max;
      if (other._min < this._min) this._min = other._min;
    }
  }

  /** Forgets every value (end of warm-up). */
  resetStats(): void {
    this.nBatch = 0;
    if (this.pending !== null && this.dirty) this.pending.fill(0);
    this.dirty = false;
    this.h.reset();
    this.sum = 0;
    this._count = 0;
    this._max = 0;
    this._min = Infinity;
  }
}
