// Standard exponential variates by the ziggurat method (Marsaglia & Tsang, "The ziggurat method
// for generating random variables", J. Stat. Softw. 5(8), 2000), with 256 layers.
//
// Why not d3-random's randomExponential (-log1p(-u)/λ)? V8 does not inline Math.log: one call
// costs about as much as a push and a pop on a small event queue, and exponential draws are the
// commonest in a simulation (Poisson arrivals, service times, failures, repairs). The ziggurat
// needs no logarithm in 98.9% of draws: one uniform, a multiplication and a comparison.
// Measured in one process (tychei stream, CPU time): see bench/rng-choice.ts.
//
// The layers. The density f(x) = e^-x is covered by 256 horizontal layers of equal area V. Layer
// k ≥ 1 is the rectangle [0, X[k]] × [f(X[k]), f(X[k+1])], with X[1] = R > X[2] > … > X[256] = 0;
// layer 0 is the rectangle [0, R] × [0, f(R)] together with the tail beyond R, and has the
// "virtual" width X[0] = V / f(R). With R and V from the paper the layers close at X[256] ≈ 0.
// A draw picks a layer k and a point x = u·X[k] uniformly in its width: if x < X[k+1] the point
// lies under the curve whatever its height (accept); for layer 0 beyond R it is in the tail,
// R + Exp(1) by memorylessness; otherwise it lies in the wedge, accepted when a uniform height
// falls under f(x), and the whole draw is repeated when not.
//
// One 53-bit uniform d gives both the layer (its top 8 bits: k = ⌊256·d⌋) and the position (the
// other 45 bits: u = 256·d − k), so that layer and position are independent.
import type { Rng } from './rng.js';
import { exp, log, log1p } from '../base/math/index.js';

const LAYERS = 256;
/** Start of the tail (Marsaglia & Tsang 2000, 256 layers). */
const R = 7.69711747013104972;
/** Area of each layer. */
const V = 3.949659822581572e-3;

/** X[k]: width of layer k (X[0] virtual), X[LAYERS] = 0. */
const X = new Float64Array(LAYERS + 1);
/** F[k] = f(X[k]) = e^-X[k]. */
const F = new Float64Array(LAYERS + 1);
/** ACCEPT[k] = X[k+1] / X[k]: u below it lies wholly under the curve. */
const ACCEPT = new Float64Array(LAYERS);

X[0] = V / exp(-R);
X[1] = R;
for (let k = 1; k < LAYERS - 1; k++) X[k + 1] = -log(exp(-X[k]!) + V / X[k]!);
X[LAYERS] = 0;
for (let k = 0; k <= LAYERS; k++) F[k] = exp(-X[k]!);
F[0] = 0; // the base layer starts at height 0
for (let k = 0; k < LAYERS; k++) ACCEPT[k] = X[k + 1]! / X[k]!;

/** Draws a standard exponential variate (mean 1) from `rng`. */
export function expZiggurat(rng: Rng): number {
  for (;;) {
    const t = rng() * LAYERS;
    const k = t | 0;
    const u = t - k;
    if (u < ACCEPT[k]!) return u * X[k]!;
    if (k === 0) return R - log1p(-rng());
    const x = u * X[k]!;
    const fk = F[k]!;
    if (fk + rng() * (F[k + 1]! - fk) < exp(-x)) return x;
  }
}

/** @internal The layer table, for tests: widths X[0..256] and heights F[0..256]. */
export const ZIGGURAT_TABLE = { layers: LAYERS, tailStart: R, area: V, widths: X, heights: F } as const;
