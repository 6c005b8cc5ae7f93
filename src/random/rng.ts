/** A source of uniform random numbers in [0, 1). All randomness in hasim is injected as an `Rng`. */
export type Rng = () => number;
