// Gamma variates by the method of G. Marsaglia and W. W. Tsang, "A simple method for generating
// gamma variables", ACM TOMS 26(3), 2000.
//
// Shape k ≥ 1: with d = k − 1/3 and c = 1/√(9d), draw a standard normal x until v = 1 + c·x > 0,
// cube v and draw u uniform in (0, 1]; accept d·v³ when u < 1 − 0.0331·x⁴ (the squeeze, no
// logarithm) or ln u < x²/2 + d·(1 − v³ + ln v³), else start again. Shape k < 1: a Gamma(k + 1)
// variate times U^(1/k) (the paper's boost), with U drawn after the accepted one. Shape exactly 1 is
// the exponential distribution, drawn by inversion (−ln(1 − U)). Each times the scale θ.
//
// The draws and the arithmetic are those of d3-random's randomGamma 3.0 (its own polar normal
// sampler, u = 1 − U, products evaluated left to right), so that a seed gives d3's variates draw
// for draw; the logarithms and powers are base/math's, the same on every engine.
import { log, log1p, pow } from '../../base/math/index.js';
import type { Rng } from '../rng.js';
import { normalPolar } from './normal-polar.js';

/** A sampler of Gamma(shape k > 0, scale θ > 0) drawing from `rng`. */
export function gammaMarsagliaTsang(rng: Rng, shape: number, scale: number): () => number {
  if (shape === 1) return () => -log1p(-rng()) * scale;
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  const c = 1 / (3 * Math.sqrt(d));
  const invShape = 1 / shape;
  const normal = normalPolar(rng, 0, 1);
  return () => {
    let x: number;
    let v: number;
    let u: number;
    do {
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * (v * v);
      u = 1 - rng();
    } while (u >= 1 - 0.0331 * x * x * x * x && log(u) >= 0.5 * x * x + d * (1 - v + log(v)));
    return boosted ? d * v * pow(rng(), invShape) * scale : d * v * scale;
  };
}
