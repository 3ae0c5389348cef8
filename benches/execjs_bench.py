"""``jscell.execjs`` against PyExecJS with node: ``compile`` of a 1 MB library, then 1,000 calls.

    .venv/bin/python benches/execjs_bench.py [--rounds 3] [--calls 1000]

PyExecJS 1.5.1 is installed into its own venv (``.bench-venv``, shared with benches/run.sh; created when
missing) and runs with node, which must be on PATH. Every (engine, round) runs in a fresh process, rounds are
interleaved, and the table shows medians with ratios against ``jscell.execjs`` from the same run. Each engine's
1,000 results are hashed and must agree.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_VENV = ROOT / ".bench-venv"
PYEXECJS = "PyExecJS==1.5.1"

ENGINES = {
    # name: (label, how the worker makes the context)
    "jscell": ("jscell.execjs", "snapshot"),
    "jscell-stateful": ("jscell.execjs, stateful=True", "stateful"),
    "pyexecjs": ("PyExecJS 1.5.1 + node", "node"),
}


def library_source(target: int = 1_000_000) -> str:
    """About ``target`` bytes of JS shaped like an obfuscated signing library: a table, many small functions."""
    parts = ["var TABLE = [" + ",".join(str((i * 2654435761) % 4294967296) for i in range(2048)) + "];\n"]
    size, count = len(parts[0]), 0
    while size < target - 200_000:
        line = (
            f"function mix{count}(h, c) {{ h = (h ^ (c + {count % 97})) >>> 0; "
            f"h = (Math.imul(h, 16777619) + TABLE[(h + {count}) & 2047]) >>> 0; return h; }}\n"
        )
        parts.append(line)
        size, count = size + len(line), count + 1
    parts.append("var MIXERS = [" + ",".join(f"mix{i}" for i in range(count)) + "];\n")
    parts.append("var PADDING = '" + "k" * max(0, target - size - len(parts[-1]) - 400) + "';\n")
    parts.append(
        "function sign(s) {\n"
        "  var h = 2166136261;\n"
        "  for (var k = 0; k < s.length; k++) {\n"
        "    h = MIXERS[(k * 31 + s.charCodeAt(k)) % MIXERS.length](h, s.charCodeAt(k));\n"
        "  }\n"
        "  return ('00000000' + h.toString(16)).slice(-8) + ':' + PADDING.length;\n"
        "}\n"
    )
    return "".join(parts)


# -- the worker (runs in the engine's own process) ------------------------------------------------------------------


def worker(engine: str, source_path: str, calls: int) -> None:
    if engine == "pyexecjs":
        import execjs  # PyExecJS, in the bench venv

        runtime = execjs.get("Node")
        options: dict[str, Any] = {}
    else:
        import jscell.execjs as execjs

        runtime = execjs.get()
        options = {"stateful": True} if engine == "jscell-stateful" else {}
    with open(source_path, encoding="utf-8") as file:
        source = file.read()
    start = time.perf_counter()
    ctx = runtime.compile(source, **options)
    compiled = time.perf_counter()
    results, per_call = [], []
    for i in range(calls):
        before = time.perf_counter()
        results.append(ctx.call("sign", f"input-{i}"))
        per_call.append(time.perf_counter() - before)
    done = time.perf_counter()
    digest = hashlib.sha256(json.dumps(results).encode()).hexdigest()
    print(
        json.dumps(
            {
                "compile": compiled - start,
                "calls": done - compiled,
                "per_call": statistics.median(per_call),
                "digest": digest,
                "first": results[0],
            }
        ),
        flush=True,
    )


# -- the driver -----------------------------------------------------------------------------------------------------


def pyexecjs_python() -> str:
    """The bench venv's python, with PyExecJS installed into it if it is missing."""
    python = BENCH_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
    if subprocess.run([str(python), "-c", "import execjs"], capture_output=True, check=False).returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "-q", PYEXECJS], check=True)
    return str(python)


def run_worker(python: str, engine: str, source_path: str, calls: int) -> dict[str, Any]:
    env = dict(os.environ, EXECJS_RUNTIME="Node")
    command = [python, str(Path(__file__).resolve()), "--worker", engine, "--source", source_path]
    completed = subprocess.run(
        [*command, "--calls", str(calls)], capture_output=True, text=True, env=env, check=False, timeout=3600
    )
    if completed.returncode != 0:
        raise SystemExit(f"{engine} failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def fmt(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of library source")
    parser.add_argument("--worker", choices=sorted(ENGINES), help=argparse.SUPPRESS)
    parser.add_argument("--source", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.source, args.calls)
        return

    engines = ["jscell", "jscell-stateful"]
    pythons = {"jscell": sys.executable, "jscell-stateful": sys.executable}
    if shutil.which("node"):
        pythons["pyexecjs"] = pyexecjs_python()
        engines.append("pyexecjs")
    else:
        print("note: node is not on PATH, so PyExecJS is not measured", file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        source_path = os.path.join(tmp, "library.js")
        source = library_source(args.size)
        with open(source_path, "w", encoding="utf-8") as file:
            file.write(source)
        samples: dict[str, list[dict[str, Any]]] = {engine: [] for engine in engines}
        for round_number in range(args.rounds):
            for engine in engines:
                sample = run_worker(pythons[engine], engine, source_path, args.calls)
                samples[engine].append(sample)
                print(
                    f"round {round_number + 1}/{args.rounds} {engine}: compile {fmt(sample['compile'])}, "
                    f"{args.calls} calls {fmt(sample['calls'])}",
                    file=sys.stderr,
                )

    digests = {sample["digest"] for runs in samples.values() for sample in runs}
    if len(digests) != 1:
        raise SystemExit(f"the engines disagree on the results: {digests}")

    def median(engine: str, key: str) -> float:
        return statistics.median(sample[key] for sample in samples[engine])

    base_total = median("jscell", "compile") + median("jscell", "calls")
    node = (
        subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
        if "pyexecjs" in engines
        else ""
    )
    print(
        f"`execjs.compile` of a {len(source) / 1e6:.2f} MB library, then {args.calls:,} calls of `sign(s)`; "
        f"medians of {args.rounds} rounds, each in a fresh process "
        f"(Python {platform.python_version()}, {platform.machine()}{', node ' + node if node else ''}).\n"
    )
    print("| engine | compile | calls | per call | compile + calls | vs jscell.execjs |")
    print("|---|---|---|---|---|---|")
    for engine in engines:
        total = median(engine, "compile") + median(engine, "calls")
        print(
            f"| {ENGINES[engine][0]} | {fmt(median(engine, 'compile'))} | {fmt(median(engine, 'calls'))} | "
            f"{fmt(median(engine, 'per_call'))} | {fmt(total)} | {total / base_total:.2f}× |"
        )


if __name__ == "__main__":
    main()
