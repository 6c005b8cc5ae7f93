// A tiny seeded generator (xorshift32) for randomized tests of the engine: independent of the
// product's streams, so a failure replays from its seed whatever the streams do.
export function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}
