// Public API of the random layer.
export type { Rng } from './rng.js';
export { RandomStreams } from './streams.js';
export { deriveSeed, seedToUint32, hashParts } from './seed.js';
export { parseDuration, parseRate, formatDuration, DURATION_UNITS } from './units.js';
export { UnitError } from './unit-error.js';
export { expZiggurat } from './exp-ziggurat.js';
export * from './distributions/index.js';
