// The shared core of exp, expm1 and pow: x = k·ln 2 + r with |r| ≤ ln2/2 (r carried as hi − lo,
// hi exact), and e^r − 1 − r = r²/2! + r³/3! + … + r¹⁴/14! (the terms left out are below 2⁻⁶³).
const C2 = 1 / 2;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;
const C7 = 1 / 5040;
const C8 = 1 / 40320;
const C9 = 1 / 362880;
const C10 = 1 / 3628800;
const C11 = 1 / 39916800;
const C12 = 1 / 479001600;
const C13 = 1 / 6227020800;
const C14 = 1 / 87178291200;

/** e^r − 1 − r for |r| ≤ ln2/2 (a little more is fine). */
export function expTail(r: number): number {
  return (
    r *
    r *
    (C2 + r * (C3 + r * (C4 + r * (C5 + r * (C6 + r * (C7 + r * (C8 + r * (C9 + r * (C10 + r * (C11 + r * (C12 + r * (C13 + r * C14))))))))))))
  );
}
