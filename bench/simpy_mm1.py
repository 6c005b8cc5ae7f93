"""M/M/1 benchmark in SimPy, the reference for hasim's bench/run.ts (mm1-generator, mm1-callback).

Poisson arrivals (rate rho), one server (exponential service, rate 1) modelled as a
simpy.Resource, one process per customer, as in SimPy's own examples. Each run serves
`--customers` customers on a fresh environment and prints one JSON object:
{"benchmark": "simpy-mm1", "customers": n, "elapsed_s": t, "customers_per_s": r, "mean_sojourn": w}
Usage: python3 simpy_mm1.py --customers 100000 --runs 3 [--rho 0.9] [--seed 1] [--clock cpu|wall]
"""
import argparse
import json
import random
import sys
import time

import simpy

CLOCKS = {'cpu': time.process_time, 'wall': time.perf_counter}


def run_once(customers, rho, seed, clock):
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    rng = random.Random(seed)
    expo = rng.expovariate
    stats = {'done': 0, 'sojourn': 0.0}
    finished = env.event()

    def customer(env):
        arrived = env.now
        with server.request() as req:
            yield req
            yield env.timeout(expo(1.0))
        stats['sojourn'] += env.now - arrived
        stats['done'] += 1
        if stats['done'] == customers:
            finished.succeed()

    def source(env):
        for _ in range(customers):
            yield env.timeout(expo(rho))
            env.process(customer(env))

    env.process(source(env))
    t0 = clock()
    env.run(until=finished)
    dt = clock() - t0
    return dt, stats['sojourn'] / customers


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--customers', type=int, required=True)
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--rho', type=float, default=0.9)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--clock', choices=['cpu', 'wall'], default='cpu',
                    help='cpu: process CPU time (robust on a shared machine); wall: elapsed time')
    args = ap.parse_args()
    for r in range(args.runs):
        dt, w = run_once(args.customers, args.rho, args.seed + r, CLOCKS[args.clock])
        print(json.dumps({'benchmark': 'simpy-mm1', 'customers': args.customers, 'rho': args.rho,
                          'elapsed_s': dt, 'customers_per_s': args.customers / dt, 'mean_sojourn': w}))
        sys.stdout.flush()


if __name__ == '__main__':
    main()
