"""What compiling the engine images for the baseline CPU (x86-64-v2) costs against the building machine's own
CPU features: the same workloads in two venvs, one with each wheel, interleaved, as min-of-runs thread CPU time.

    bash benches/cpu_baseline.sh          builds both wheels, then runs this

or, with two Pythons that each have one of the wheels installed:

    python benches/cpu_baseline.py BASELINE_PYTHON NATIVE_PYTHON [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
from pathlib import Path

HERE = Path(__file__).parent

# Runs in the venv under test: each workload once per call of this script, its best of three thread CPU times.
WORKLOAD = r"""
import hashlib, json, sys, time
import jscell
sha_js = open(sys.argv[1]).read()
data = "".join(chr(i % 256) for i in range(256 * 1024))
ctx = jscell.Context()
ctx.eval("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }")
ctx.eval(sha_js)
ctx.eval("function objects(n) { let a = []; for (let i = 0; i < n; i++) a.push({ i, s: 'x' + i, t: [i] });"
         " return a.reduce((s, o) => s + o.t[0] + o.s.length, 0) }")
work = {
    "fib(27)": (lambda: ctx.call("fib", [27]), 196418),
    "SHA-256 of 256 KiB": (lambda: ctx.call("sha256", [data]), hashlib.sha256(data.encode("latin-1")).hexdigest()),
    "200k objects": (lambda: ctx.call("objects", [200000]), None),
}
best = {}
for name, (run, expected) in work.items():
    times = []
    for _ in range(3):
        start = time.thread_time()
        answer = run()
        times.append(time.thread_time() - start)
        assert expected is None or answer == expected, (name, answer)
    best[name] = min(times)
print(json.dumps(best))
"""


def measure(python: str) -> dict[str, float]:
    """One run of the workloads in ``python``'s venv."""
    out = subprocess.run(
        [python, "-c", WORKLOAD, str(HERE / "sha256.js")], capture_output=True, text=True, check=True, timeout=600
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline", help="a Python with the baseline wheel installed")
    parser.add_argument("native", help="a Python with the JSCELL_IMAGE_CPU=native wheel installed")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    runs: dict[str, list[dict[str, float]]] = {"baseline": [], "native": []}
    for _ in range(args.rounds):
        # Interleaved, so that the machine's load drifts over both alike.
        runs["baseline"].append(measure(args.baseline))
        runs["native"].append(measure(args.native))
    print(f"| workload (median of {args.rounds} interleaved runs) | x86-64-v2 | native | baseline / native |")
    print("|---|---|---|---|")
    for name in runs["baseline"][0]:
        base = statistics.median(run[name] for run in runs["baseline"])
        native = statistics.median(run[name] for run in runs["native"])
        print(f"| {name} | {base * 1e3:.1f} ms | {native * 1e3:.1f} ms | {base / native:.3f} |")


if __name__ == "__main__":
    main()
