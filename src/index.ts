// hasim: a deterministic discrete-event simulator for high availability and resilience.
// The kernel and random streams at the top level; every layer also as a namespace and as a
// subpath export ('hasim/engine', 'hasim/math', 'hasim/random', 'hasim/components', 'hasim/policies', …).
export * from './engine/index.js';
export { RandomStreams, makeSampler, distSpecSchema, parseDuration, parseRate, deriveSeed, type Rng, type DistSpecInput } from './random/index.js';
export * as math from './base/math/index.js';
export * as random from './random/index.js';
export * as stats from './stats/index.js';
export * as analysis from './analysis/index.js';
export * as metrics from './metrics/index.js';
export * as components from './components/index.js';
export * as dr from './components/dr/index.js';
export * as policies from './policies/index.js';
export * as experiment from './experiment/index.js';
