/*
 * Named random streams.
 *
 * Generator choice (measured with bench/rng-choice.ts, Node v20.20.2, 2 shared vCPUs,
 * millions of draws per second, two runs; "create" = µs to seed one generator):
 *
 *   algorithm   prng()      double()   create   BigCrush (seedrandom docs)
 *   arc4        29-34       31-32      7.6      (default; passes)
 *   alea        95-104      72-74      8.5      passes
 *   xor128      112-115     93-95      1.5      fails MatrixRank, LinearComp
 *   xorwow      93-119      93-95      1.8      fails CollisionOver, SimpPoker, LinearComp
 *   xor4096     105-107     71-74      3.5-5.9  no systematic failures
 *   tychei      111-112     70-87      1.3      no systematic failures
 *
 * We use **tychei** (ChaCha-derived, period ~2^127): the fastest of the generators with no
 * known BigCrush failures, and the cheapest to seed (streams are created per component per
 * replication). We draw with `.double()`, i.e. 53 random bits per number: the plain `prng()`
 * call of the non-ARC4 generators has only 32 bits of resolution (2.3e-10), which would
 * quantise rare-event probabilities (bernoulli p = 1e-10) and cut exponential tails at ~22 means.
 * `.double()` costs ~25% versus `prng()` and is still ~2.5x faster than ARC4.
 *
 * Seeding: stream(name) is seeded with SHA-256 of (run seed, name), never by position, so
 * creating or using other streams (adding a component) never changes this stream's draws.
 */
import seedrandom from 'seedrandom';
import type { Rng } from './rng.js';
import { hashParts } from './seed.js';

/** Domain-separation tag, so stream seeds never coincide with other uses of hashParts. */
const STREAM_TAG = 'hasim/stream/v1';

export class RandomStreams {
  /** The run seed as a string (a number seed 42 and the string "42" are the same seed). */
  readonly seed: string;
  readonly #streams = new Map<string, Rng>();

  constructor(runSeed: string | number) {
    if (typeof runSeed === 'number') {
      if (!Number.isFinite(runSeed)) throw new Error(`RandomStreams: runSeed must be a finite number or a string; got ${String(runSeed)}`);
      this.seed = String(runSeed);
    } else if (typeof runSeed === 'string' && runSeed.length > 0) {
      this.seed = runSeed;
    } else {
      throw new Error(`RandomStreams: runSeed must be a non-empty string or a finite number; got ${JSON.stringify(runSeed)}`);
    }
  }

  /** The generator for `name`; the same object is returned for the same name. */
  stream(name: string): Rng {
    const cached = this.#streams.get(name);
    if (cached) return cached;
    if (typeof name !== 'string' || name.length === 0) {
      throw new Error(`RandomStreams.stream: name must be a non-empty string; got ${JSON.stringify(name)}`);
    }
    const rng = seedrandom.tychei(hashParts(STREAM_TAG, this.seed, name)).double;
    this.#streams.set(name, rng);
    return rng;
  }

  /** Names of the streams created so far, in creation order (diagnostics only). */
  names(): readonly string[] {
    return [...this.#streams.keys()];
  }
}
