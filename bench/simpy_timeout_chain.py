"""Timeout-chain benchmark in SimPy, the reference for hasim's bench/run.ts (timeout-chain).

N processes each wait an exponential delay (mean 1 s) in a loop, so about N events are pending
at all times (memoryless delays: the pending set is in steady state from the start). After the
processes have started and about `--warmup` events have run, the rate is measured over about
`--events` events, `--runs` times. Prints one JSON object per run:
{"benchmark": "simpy-timeout-chain", "pending": N, "events": k, "elapsed_s": t, "events_per_s": r}
Usage: python3 simpy_timeout_chain.py --pending 10000 --events 200000 --runs 3 [--warmup 100000] [--seed 1] [--clock cpu|wall]
"""
import argparse
import json
import random
import sys
import time

import simpy

CLOCKS = {'cpu': time.process_time, 'wall': time.perf_counter}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--pending', type=int, required=True)
    ap.add_argument('--events', type=int, required=True)
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--warmup', type=int, default=-1, help='events before measuring (default: --events / 2)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--clock', choices=['cpu', 'wall'], default='cpu',
                    help='cpu: process CPU time (robust on a shared machine); wall: elapsed time')
    args = ap.parse_args()
    clock = CLOCKS[args.clock]
    n = args.pending
    env = simpy.Environment()
    rng = random.Random(args.seed)
    expo = rng.expovariate
    count = [0]

    def ticker(env):
        timeout = env.timeout
        while True:
            yield timeout(expo(1.0))
            count[0] += 1

    for _ in range(n):
        env.process(ticker(env))
    # With N processes and mean delay 1 s, about N events happen per simulated second.
    horizon = args.events / n
    warmup = args.events // 2 if args.warmup < 0 else args.warmup
    env.run(until=max(warmup / n, 1e-9))  # starts the processes (their first step is at t = 0)
    for _ in range(args.runs):
        c0 = count[0]
        t0 = clock()
        env.run(until=env.now + horizon)
        dt = clock() - t0
        k = count[0] - c0
        print(json.dumps({'benchmark': 'simpy-timeout-chain', 'pending': n, 'events': k,
                          'elapsed_s': dt, 'events_per_s': k / dt}))
        sys.stdout.flush()


if __name__ == '__main__':
    main()
