// Elementary functions that return the same bits on every JavaScript engine.
export { exp, expm1 } from './exp.js';
export { log, log1p, log2, log10 } from './log.js';
export { pow, powInt } from './pow.js';
export { sin, cos, tan } from './trig.js';
export { tanh } from './hyperbolic.js';
