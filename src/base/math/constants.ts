// Constants of the elementary functions, each the double nearest the exact value unless said
// otherwise; the *_HI parts keep few significant bits so that k · HI is exact for every exponent
// k a double can have. Derived with 400-bit arithmetic (mpmath); test/engine-independent-math
// checks them against its own high-precision reference.

/** ln 2 truncated to 42 significant bits, and the double nearest ln 2 − LN2_HI. */
export const LN2_HI = 0.6931471805598903;
export const LN2_LO = 5.497923018708371e-14;
export const INV_LN2 = 1.4426950408889634;
export const INV_LN10 = 0.4342944819032518;
/** log10(2) truncated to 42 significant bits, and the rest. */
export const LOG10_2_HI = 0.30102999566395283;
export const LOG10_2_LO = 2.8363394551044964e-14;
export const SQRT2 = 1.4142135623730951;
export const HALF_LN2 = 0.34657359027997264;
/** π/2 as three 33-bit parts and the rest: n · PIO2_k is exact for |n| < 2^20. */
export const PIO2_1 = 1.5707963267341256;
export const PIO2_2 = 6.077100506303966e-11;
export const PIO2_3 = 2.0222662487111665e-21;
export const PIO2_4 = 8.4784276603689e-32;
export const TWO_OVER_PI = 0.6366197723675814;
export const PI_OVER_4 = 0.7853981633974483;
