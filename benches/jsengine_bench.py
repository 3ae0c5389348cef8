"""``jscell.JSEngine`` dispatch cost and thread scaling.

    .venv/bin/python benches/jsengine_bench.py [--repeat 7]

Prints a markdown table: the median cost of one ``pool.call("add", [1, 2])`` against a direct
``ctx.call("add", [1, 2])`` on one context (both timeit, median of ``--repeat`` runs), and the time of 8 x fib(24)
on a 1-worker and a 2-worker pool, each from 2 threads, with the speed-up. never_jscore's README gives its own
pool's dispatch as 1-2 ms.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
import timeit

import jscell

CODE = "function add(a, b) { return a + b } function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }"


def per_call(fn: object, repeat: int, number: int = 50_000) -> float:
    timer = timeit.Timer(fn)  # type: ignore[arg-type]
    return statistics.median(t / number for t in timer.repeat(repeat=repeat, number=number))


def fib_batch(pool: jscell.JSEngine, jobs: int = 8, threads: int = 2) -> float:
    per_thread = jobs // threads

    def run() -> None:
        for _ in range(per_thread):
            pool.call("fib", [24])

    workers = [threading.Thread(target=run) for _ in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with jscell.Context() as ctx, jscell.JSEngine(CODE, workers=2) as pool:
        ctx.compile(CODE)
        direct = per_call(lambda: ctx.call("add", [1, 2]), args.repeat)
        dispatch = per_call(lambda: pool.call("add", [1, 2]), args.repeat)
    with jscell.JSEngine(CODE, workers=1) as one, jscell.JSEngine(CODE, workers=2) as two:
        # Interleaved rounds: this machine's second core is noisy, so only the median of pairs means anything.
        pairs = [(fib_batch(one), fib_batch(two)) for _ in range(args.repeat)]
    single = statistics.median(a for a, _ in pairs)
    double = statistics.median(b for _, b in pairs)
    print("| measurement | median |")
    print("|---|---|")
    print(f"| `ctx.call('add', [1, 2])` on one context | {direct * 1e6:.2f} µs |")
    print(f"| `pool.call('add', [1, 2])` on a JSEngine | {dispatch * 1e6:.2f} µs ({dispatch / direct:.2f}×) |")
    print(f"| 8 × fib(24) from 2 threads, 1 worker | {single * 1e3:.1f} ms |")
    print(f"| 8 × fib(24) from 2 threads, 2 workers | {double * 1e3:.1f} ms ({single / double:.2f}× speed-up) |")


if __name__ == "__main__":
    main()
