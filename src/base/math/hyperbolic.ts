// Hyperbolic tangent from expm1: bit-for-bit the same on every engine.
import { expm1 } from './exp.js';

const TINY = 3.725290298461914e-9; // 2⁻²⁸: below it tanh x rounds to x
const ONE_ABOVE = 22; // tanh 22 = 1 − 1.5e−19 rounds to 1

/** tanh x = (e^{2x} − 1) / (e^{2x} + 1); keeps −0, ±1 at ±∞. */
export function tanh(x: number): number {
  if (x !== x) return x;
  const ax = x < 0 ? -x : x;
  if (ax < TINY) return x;
  let t: number;
  if (ax >= ONE_ABOVE) t = 1;
  else {
    // e/(e + 2) with e = e^{2|x|} − 1 ≥ 0: a relative error in e moves the quotient by at most as much.
    const e = expm1(2 * ax);
    t = ax >= 1 ? 1 - 2 / (e + 2) : e / (e + 2);
  }
  return x < 0 ? -t : t;
}
