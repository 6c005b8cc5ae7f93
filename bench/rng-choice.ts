// Measures draws per second of the seedrandom algorithms, to choose the generator behind
// RandomStreams (src/random/streams.ts). Run: npx tsc -p . && node dist/bench/rng-choice.js
// Each algorithm is timed for its default call (`prng()`) and for `prng.double()` (53-bit).
// The median of 5 rounds of 5e6 draws is reported; a checksum keeps the loop from being elided.
// `create` is the cost of seeding one generator from a 64-hex-char seed (as RandomStreams does).
import seedrandom from 'seedrandom';

type Prng = { (): number; double(): number };

const algorithms: ReadonlyArray<readonly [string, (seed: string) => Prng]> = [
  ['arc4', (s) => seedrandom(s)],
  ['alea', (s) => seedrandom.alea(s)],
  ['xor128', (s) => seedrandom.xor128(s)],
  ['xorwow', (s) => seedrandom.xorwow(s)],
  ['xor4096', (s) => seedrandom.xor4096(s)],
  ['tychei', (s) => seedrandom.tychei(s)],
];

const DRAWS = 5_000_000;
const ROUNDS = 5;

function timeDraws(draw: () => number): { perSecond: number; checksum: number } {
  const rates: number[] = [];
  let checksum = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    let sum = 0;
    for (let i = 0; i < DRAWS; i++) sum += draw();
    const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
    rates.push(DRAWS / elapsed);
    checksum += sum;
  }
  rates.sort((a, b) => a - b);
  return { perSecond: rates[Math.floor(ROUNDS / 2)] ?? 0, checksum };
}

function timeCreate(make: (seed: string) => Prng): number {
  const n = 20_000;
  const seed = 'a3f1'.repeat(16);
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += make(seed + i)();
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  return sink >= 0 ? (elapsed / n) * 1e6 : NaN;
}

function main(): void {
  console.log(`node ${process.version}, ${DRAWS} draws x ${ROUNDS} rounds (median)`);
  console.log('algorithm   prng() Mdraws/s   double() Mdraws/s   create us   mean(prng)');
  for (const [name, make] of algorithms) {
    const a = make('bench-seed');
    const quick = timeDraws(() => a());
    const b = make('bench-seed');
    const dbl = timeDraws(() => b.double());
    const mean = quick.checksum / (DRAWS * ROUNDS);
    const create = timeCreate(make);
    console.log(
      `${name.padEnd(10)}  ${(quick.perSecond / 1e6).toFixed(1).padStart(16)}   ${(dbl.perSecond / 1e6)
        .toFixed(1)
        .padStart(17)}   ${create.toFixed(2).padStart(9)}   ${mean.toFixed(4)}`,
    );
  }
}

main();
