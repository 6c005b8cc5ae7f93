// The doubles nearest 10^n, n in [−323, 308]: string-to-number conversion is correctly rounded by
// the ECMAScript specification, so these are the same on every engine.
const LOW = -323;
const HIGH = 308;
const TABLE = new Float64Array(HIGH - LOW + 1);
for (let n = LOW; n <= HIGH; n++) TABLE[n - LOW] = Number(`1e${n}`);

/** The double nearest 10^n for an integer n (0 below 10^−323, ∞ above 10^308). */
export function tenTo(n: number): number {
  if (n < LOW) return 0;
  if (n > HIGH) return Infinity;
  return TABLE[n - LOW]!;
}
