"""jscell against its peers, in one run, on one machine. Writes a markdown table.

Run with: bash benches/run.sh  (it builds jscell, installs the peers in their own venv, and calls this file).

Every number is a median over interleaved rounds, so machine noise hits every engine alike; ratios are
against jscell in the same run. Each scenario also checks the engine's answer and marks wrong ones.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
SHA256_JS = (HERE / "sha256.js").read_text()
FIB_JS = "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }"
ADD_JS = "function add(a, b) { return a + b }"
ID_JS = "function id(x) { return x }\nfunction id_json(s) { return JSON.stringify(JSON.parse(s)) }"


def document() -> dict[str, Any]:
    """A nested dict of about 100 KB (as JSON)."""
    return {
        "items": [
            {
                "id": i,
                "name": f"item-{i}",
                "price": i * 1.25,
                "tags": ["alpha", "beta", "gamma"][: i % 3 + 1],
                "active": i % 2 == 0,
                "owner": {"name": f"user{i % 17}", "email": f"user{i % 17}@example.com", "score": None},
            }
            for i in range(650)
        ]
    }


DOC = document()
SHA_INPUT_LEN = 1 << 20


# --- engines --------------------------------------------------------------------------------------------------
# Each engine offers: new_eval() (fresh context + eval 1+1 + dispose), load(js) -> handle, call(handle, name, *args),
# echo(handle, obj) -> obj. `None` marks what an engine cannot do.


class Engine:
    name = ""

    def available(self) -> bool:
        return True

    def fresh(self) -> Any:
        raise NotImplementedError

    def load(self, js: str) -> Any:
        raise NotImplementedError

    def call(self, handle: Any, name: str, *args: Any) -> Any:
        raise NotImplementedError

    def echo(self, handle: Any, obj: Any) -> Any:
        return self.call(handle, "id", obj)


class Jscell(Engine):
    name = "jscell"

    def __init__(self) -> None:
        import jscell

        self.m = jscell

    def fresh(self) -> Any:
        with self.m.Context() as c:
            return c.evaluate("1+1")

    def load(self, js: str) -> Any:
        c = self.m.Context()
        c.compile(js)
        return c

    def call(self, handle: Any, name: str, *args: Any) -> Any:
        return handle.call(name, list(args))


class JscellLimited(Jscell):
    """jscell with a time limit and a memory limit set, to show what the limits cost."""

    name = "jscell (limits on)"

    def fresh(self) -> Any:
        with self.m.Context(timeout=60, memory_limit=256 << 20) as c:
            return c.evaluate("1+1")

    def load(self, js: str) -> Any:
        c = self.m.Context(timeout=60, memory_limit=256 << 20)
        c.compile(js)
        return c


class NeverJscore(Jscell):
    """The same API as jscell. Only one context may be alive at a time (more abort the process with V8's
    HandleScope error), so each scenario runs in a process of its own, and fresh contexts use the `del` its
    documentation asks for."""

    name = "never-jscore"

    def __init__(self) -> None:
        import never_jscore

        self.m = never_jscore

    def fresh(self) -> Any:
        c = self.m.Context()
        value = c.evaluate("1+1")
        del c
        return value


class MiniRacer(Engine):
    name = "mini-racer"

    def __init__(self) -> None:
        from py_mini_racer import MiniRacer as PyMiniRacer

        self.cls = PyMiniRacer

    def fresh(self) -> Any:
        with self.cls() as c:
            return c.eval("1+1")

    def load(self, js: str) -> Any:
        c = self.cls()
        c.eval(js)
        return c

    def call(self, handle: Any, name: str, *args: Any) -> Any:
        return handle.call(name, *args)


class QuickJS(Engine):
    """PyPI `quickjs` (native QuickJS). Its functions take only primitives, so objects travel as JSON."""

    name = "quickjs"

    def __init__(self) -> None:
        import quickjs

        self.m = quickjs

    def fresh(self) -> Any:
        return self.m.Context().eval("1+1")

    def load(self, js: str) -> Any:
        c = self.m.Context()
        c.eval(js)
        return c

    def call(self, handle: Any, name: str, *args: Any) -> Any:
        return handle.get(name)(*args)

    def echo(self, handle: Any, obj: Any) -> Any:
        return json.loads(handle.get("id_json")(json.dumps(obj)))


class QuickJSRs(Engine):
    """PyPI `quickjs-rs`: QuickJS in wasm with a Python-side host."""

    name = "quickjs-rs"

    def __init__(self) -> None:
        import quickjs_rs

        self.m = quickjs_rs

    def fresh(self) -> Any:
        rt = self.m.Runtime()
        ctx = rt.new_context()
        value = ctx.eval("1+1")
        ctx.close()
        rt.close()
        return value

    def load(self, js: str) -> Any:
        ctx = self.m.Runtime().new_context()
        ctx.eval(js)
        return ctx

    def call(self, handle: Any, name: str, *args: Any) -> Any:
        return handle.eval_handle(name).call(*args).to_python()


class ExecJS(Engine):
    name = "pyexecjs (node)"

    def __init__(self) -> None:
        import execjs

        self.m = execjs
        self.m.get("Node")

    def fresh(self) -> Any:
        return self.m.eval("1+1")

    def load(self, js: str) -> Any:
        return self.m.compile(js)

    def call(self, handle: Any, name: str, *args: Any) -> Any:
        return handle.call(name, *args)


ENGINE_CLASSES = [Jscell, JscellLimited, NeverJscore, MiniRacer, QuickJS, QuickJSRs, ExecJS]


def engine_class(name: str) -> type[Engine]:
    return next(cls for cls in ENGINE_CLASSES if cls.name == name)


# --- timing ---------------------------------------------------------------------------------------------------


def per_op(fn: Callable[[], Any], budget: float) -> float:
    """Seconds per call of fn, measured over about `budget` seconds."""
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= budget or n >= 1 << 22:
            return elapsed / n
        n = max(n * 2, int(n * budget / max(elapsed, 1e-9) * 1.1))


def sha_input() -> str:
    return "".join(chr(97 + (i * 7) % 26) for i in range(SHA_INPUT_LEN))


SHA_EXPECTED = hashlib.sha256(sha_input().encode()).hexdigest()


def scenarios(engine: Engine) -> dict[str, tuple[Callable[[], Callable[[], Any]], Callable[[Any], bool], float]]:
    """name -> (setup returning the operation, correctness check, seconds budget per round)."""

    def calling(js: str, name: str, *args: Any) -> Callable[[], Callable[[], Any]]:
        def setup() -> Callable[[], Any]:
            handle = engine.load(js)
            return lambda: engine.call(handle, name, *args)

        return setup

    def echoing() -> Callable[[], Any]:
        handle = engine.load(ID_JS)
        return lambda: engine.echo(handle, DOC)

    quick = 1.0 if isinstance(engine, ExecJS) else 0.2
    return {
        "new context + eval + dispose": (lambda: engine.fresh, lambda r: r == 2, quick),
        "call add(1, 2)": (calling(ADD_JS, "add", 1, 2), lambda r: r == 3, quick),
        "100 KB dict round trip": (echoing, lambda r: r == DOC, quick),
        "fib(27)": (calling(FIB_JS, "fib", 27), lambda r: r == 196418, 0.5),
        "SHA-256 of 1 MiB in JS": (calling(SHA256_JS, "sha256", sha_input()), lambda r: r == SHA_EXPECTED, 1.0),
    }


SCENARIOS = [
    "new context + eval + dispose",
    "call add(1, 2)",
    "100 KB dict round trip",
    "fib(27)",
    "SHA-256 of 1 MiB in JS",
]


def worker(name: str, scenario: str) -> None:
    """Measures one scenario for one engine and prints [seconds, correct] as JSON.

    Each (engine, scenario) runs in a process of its own: V8 bindings can abort the whole process
    (never_jscore's HandleScope error), and one engine's heap must not slow another's.
    """
    engine = engine_class(name)()
    setup, check, budget = scenarios(engine)[scenario]
    op = setup()
    correct = bool(check(op()))
    print(json.dumps([per_op(op, budget), correct]), flush=True)
    # Skip interpreter teardown: some peers crash while freeing their contexts.
    os._exit(0)


def run_speed(names: list[str], rounds: int) -> dict[str, dict[str, tuple[float, bool] | str]]:
    """Interleaved rounds: every engine and scenario once per round, each in a fresh process."""
    times: dict[str, dict[str, list[float]]] = {}
    ok: dict[str, dict[str, bool]] = {}
    failed: dict[str, dict[str, str]] = {}
    for r in range(rounds):
        for name in names:
            for scenario in SCENARIOS:
                cmd = [sys.executable, __file__, "--worker", name, "--scenario", scenario]
                try:
                    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
                except subprocess.TimeoutExpired:
                    failed.setdefault(scenario, {})[name] = "timed out"
                    continue
                lines = proc.stdout.strip().splitlines()
                if proc.returncode != 0 or not lines:
                    last = (proc.stderr.strip().splitlines() or [f"exit code {proc.returncode}"])[-1]
                    failed.setdefault(scenario, {})[name] = last[:80]
                    continue
                seconds, correct = json.loads(lines[-1])
                times.setdefault(scenario, {}).setdefault(name, []).append(seconds)
                ok.setdefault(scenario, {})[name] = ok.get(scenario, {}).get(name, True) and correct
        print(f"round {r + 1}/{rounds} done", file=sys.stderr)
    table: dict[str, dict[str, tuple[float, bool] | str]] = {}
    for scenario in SCENARIOS:
        row: dict[str, tuple[float, bool] | str] = dict(failed.get(scenario, {}))
        for name, ts in times.get(scenario, {}).items():
            row[name] = (statistics.median(ts), ok[scenario][name])
        table[scenario] = row
    return table


# --- whole-process measurements -------------------------------------------------------------------------------


def startup(runs: int) -> tuple[float, float]:
    """Median wall time of `python -c pass` and of importing jscell and evaluating once."""

    def median_of(code: str) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    return median_of("pass"), median_of("import jscell; jscell.Context().evaluate('1')")


def direct_call(repeat: int = 7) -> float:
    """Median seconds of one `ctx.call("add", [1, 2])`, timed with no wrapper around it."""
    import timeit

    import jscell

    ctx = jscell.Context()
    ctx.compile(ADD_JS)
    timer = timeit.Timer(lambda: ctx.call("add", [1, 2]))
    number = 200_000
    return statistics.median(t / number for t in timer.repeat(repeat, number))


def timeout_overshoot(runs: int = 5) -> dict[str, float]:
    """Median time past a 100 ms deadline until the call raised, for JS of several shapes. Each shape's data
    is built first, without a time limit, so only the stopping is timed."""
    import jscell

    shapes = {
        "loop": ("", "while (true) {}"),
        "regexp": ("", "/(a+)+$/.test('a'.repeat(40) + 'b')"),
        "fill": ("", "Array(3e7).fill('abcdefgh')"),
        "join": ("var big = []; for (let i = 0; i < 2e7; i++) big.push('abcdefgh')", "big.join('')"),
        "repeat": ("", "'abcdefgh'.repeat(6e7)"),
        "sort": ("var strings = []; for (let i = 0; i < 3e6; i++) strings.push(String(i))", "strings.sort()"),
    }
    medians = {}
    for name, (setup, code) in shapes.items():
        over = []
        for _ in range(runs):
            with jscell.Context(memory_limit=1 << 30) as ctx:
                ctx.compile(setup)
                start = time.perf_counter()
                try:
                    ctx.evaluate(code, timeout=0.1)
                except jscell.JSTimeoutError:
                    pass
                over.append(time.perf_counter() - start - 0.1)
        medians[name] = statistics.median(over)
    return medians


def library_source(megabytes: int) -> str:
    """About 1 MB of generated library code (functions and a string table, like an obfuscated bundle) and
    objects that fill the heap to about `megabytes` MB."""
    functions = "".join(
        f"function f{i}(a) {{ var k = 'k{i}_' + a; return k.length * {i} % 97 + table[{i % 500}].length }}\n"
        for i in range(9000)
    )
    table = "var table = [" + ",".join(f"'{'abcdefghij' * 4}{i}'" for i in range(500)) + "];\n"
    filler = f"var heap = Array.from({{ length: {megabytes} * 9000 }}, (_, i) => ({{ id: i, name: 'item' + i }}));\n"
    sign = "function sign(x) { var h = 0; for (var i = 0; i < x.length; i++) h = (h * 31 + f100(x) + x.charCodeAt(i)) | 0; return h }\n"
    return table + functions + filler + sign


def fork_cost() -> list[dict[str, float]]:
    """For heaps of about 1, 8 and 64 MB holding ~1 MB of loaded library code: the snapshot's size, then medians
    of fork + first call (`snap.call`, memory reused from closed forks), of the same while every fork is kept
    alive (fresh copy-on-write mappings), of forks of a snapshot loaded from bytes, and of a new context that
    re-evaluates the library and calls it."""
    import jscell

    def median_of(fn, number: int, repeat: int = 7) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            for _ in range(number):
                fn()
            times.append((time.perf_counter() - start) / number)
        return statistics.median(times)

    rows = []
    for mb in (1, 8, 64):
        code = library_source(mb)
        snap = jscell.Snapshot.from_code(code, memory_limit=512 << 20)
        loaded = jscell.Snapshot.from_bytes(snap.to_bytes())
        # Each lambda is run by median_of before the loop moves on, so it sees this iteration's snapshot.
        fork = median_of(lambda: snap.call("sign", ["abc"]), 2000)  # noqa: B023
        from_bytes = median_of(lambda: loaded.call("sign", ["abc"]), 2000)  # noqa: B023
        held: list = []
        alive = []
        for _ in range(300):
            start = time.perf_counter()
            ctx = snap.context()
            ctx.call("sign", ["abc"])
            alive.append(time.perf_counter() - start)
            held.append(ctx)
        for ctx in held:
            ctx.close()

        def reevaluate(code: str = code) -> object:
            with jscell.Context(memory_limit=512 << 20) as ctx:
                ctx.compile(code)
                return ctx.call("sign", ["abc"])

        again = median_of(reevaluate, 1, repeat=5)
        rows.append(
            {
                "mb": mb,
                "code": len(code),
                "size": len(snap),
                "fork": fork,
                "held": statistics.median(alive),
                "from_bytes": from_bytes,
                "again": again,
            }
        )
    return rows


def untrusted_speed(rounds: int = 7) -> tuple[float, float]:
    """fib(27) in a context forked from an in-process snapshot and in one forked from the same snapshot's bytes
    (whose engine also checks wasmtime's epoch): medians of interleaved rounds."""
    import jscell

    snap = jscell.Snapshot.from_code("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }")
    contexts = (snap.context(), jscell.Snapshot.from_bytes(snap.to_bytes()).context())
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for ctx, out in zip(contexts, times):
            start = time.perf_counter()
            ctx.call("fib", [27])
            out.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def memory(live: int, cycles: int) -> dict[str, float]:
    import jscell

    gc.collect()
    base = rss_bytes()
    contexts = [jscell.Context() for _ in range(live)]
    for c in contexts[:: max(1, live // 100)]:
        c.evaluate("1")
    per_context = (rss_bytes() - base) / live
    del contexts, c
    gc.collect()
    after_free = rss_bytes()
    samples = []
    step = cycles // 10
    for i in range(cycles):
        with jscell.Context() as c:
            c.evaluate("[1, 2, 3].map(x => x * 2)")
        if (i + 1) % step == 0:
            samples.append(rss_bytes())
    return {
        "live": live,
        "per_context": per_context,
        "after_free": after_free - base,
        "cycles": cycles,
        "first": samples[0],
        "last": samples[-1],
        "min": min(samples),
        "max": max(samples),
    }


def parallel() -> tuple[float, float]:
    """Wall time of 4 fib(27) calls on 1 thread vs 2 threads with one context each."""
    import jscell

    def work(n: int) -> None:
        with jscell.Context() as c:
            c.compile(FIB_JS)
            for _ in range(n):
                c.call("fib", [27])

    start = time.perf_counter()
    work(4)
    serial = time.perf_counter() - start
    threads = [threading.Thread(target=work, args=(2,)) for _ in range(2)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return serial, time.perf_counter() - start


# --- report ---------------------------------------------------------------------------------------------------


def fmt_time(seconds: float) -> str:
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def report(args: argparse.Namespace, speed: dict, extra: list[str]) -> str:
    names = [e for e in [c.name for c in ENGINE_CLASSES] if any(e in row for row in speed.values())]
    lines = [
        "| scenario | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for scenario, row in speed.items():
        jscell_cell = row.get("jscell")
        base = jscell_cell[0] if isinstance(jscell_cell, tuple) else None
        cells = []
        for name in names:
            if name not in row:
                cells.append("—")
                continue
            if isinstance(row[name], str):
                cells.append(f"failed: {row[name]}")
                continue
            seconds, correct = row[name]
            cell = fmt_time(seconds)
            if base and name != "jscell":
                cell += f" ({seconds / base:.2f}×)"
            if not correct:
                cell += " **wrong result**"
            cells.append(cell)
        lines.append(f"| {scenario} | " + " | ".join(cells) + " |")
    head = [
        f"Medians of {args.rounds} interleaved rounds; (N×) is the peer's time divided by jscell's (above 1: jscell is faster).",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}.",
        "",
    ]
    return "\n".join(head + lines + [""] + extra) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--engines", default="", help="comma-separated subset, e.g. jscell,quickjs")
    parser.add_argument("--live", type=int, default=10_000)
    parser.add_argument("--cycles", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--scenario", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.scenario)

    wanted = [name for name in args.engines.split(",") if name] or [cls.name for cls in ENGINE_CLASSES]
    names = []
    for name in wanted:
        try:
            engine_class(name)()
            names.append(name)
        except Exception as err:  # noqa: BLE001 - a missing peer is reported, not fatal
            print(f"skipping {name}: {type(err).__name__}: {err}", file=sys.stderr)
    speed = run_speed(names, args.rounds)

    extra = []
    if "jscell" in names:
        bare, with_jscell = startup(21)
        extra.append(
            f"- Start-up: `python -c \"import jscell; jscell.Context().evaluate('1')\"` {fmt_time(with_jscell)} "
            f"vs `python -c pass` {fmt_time(bare)}: +{fmt_time(with_jscell - bare)} (median of 21 runs)."
        )
        extra.append(
            f"- Direct call: `ctx.call('add', [1, 2])` takes {fmt_time(direct_call())} "
            "(timeit, median of 7 runs of 200,000 calls, no wrapper)."
        )
        overshoot = timeout_overshoot()
        extra.append(
            "- Time limit: with `timeout=0.1`, the call raised this long after the deadline (median of 5): "
            + ", ".join(f"{name} {fmt_time(seconds)}" for name, seconds in overshoot.items())
            + "."
        )
        forks = fork_cost()
        extra.append(
            "\nSnapshots: a library of "
            f"{forks[0]['code'] / 1e6:.1f} MB of source loaded, plus about 1, 8 or 64 MB of objects (medians; "
            "`snap.call('sign', ['abc'])` is fork + call + close):\n\n"
            "| objects | snapshot | fork + first call | forks kept alive | from bytes | new context re-evaluating | "
            "speed-up |\n|---|---|---|---|---|---|---|"
        )
        for row in forks:
            extra.append(
                f"| {row['mb']} MB | {row['size'] / 2**20:.1f} MiB | {fmt_time(row['fork'])} | {fmt_time(row['held'])} "
                f"| {fmt_time(row['from_bytes'])} | {fmt_time(row['again'])} | {row['again'] / row['fork']:,.0f}× |"
            )
        extra.append("")
        in_process, from_bytes = untrusted_speed()
        extra.append(
            f"- Forks of snapshot bytes run with epoch checks (the forced stop for untrusted memory): fib(27) "
            f"{fmt_time(from_bytes)} vs {fmt_time(in_process)} in a fork of the same in-process snapshot "
            f"({from_bytes / in_process:.2f}×, median of 7)."
        )
        serial, threaded = parallel()
        extra.append(
            f"- Parallelism: 4 × fib(27) on one thread {fmt_time(serial)}; on two threads with a context each "
            f"{fmt_time(threaded)} ({serial / threaded:.2f}× speed-up on {os.cpu_count()} cores)."
        )
        mem = memory(args.live, args.cycles)
        extra.append(
            f"- Memory: {mem['live']:,} live idle contexts cost {mem['per_context'] / 1024:.0f} KiB RSS each; "
            f"after freeing them RSS is {mem['after_free'] / 2**20:.1f} MiB above the start."
        )
        spread = (mem["max"] - mem["min"]) / mem["min"] * 100
        extra.append(
            f"- Churn: over {mem['cycles']:,} create/evaluate/close cycles, process RSS stayed between "
            f"{mem['min'] / 2**20:.1f} and {mem['max'] / 2**20:.1f} MiB (spread {spread:.1f}%; first sample "
            f"{mem['first'] / 2**20:.1f} MiB, last {mem['last'] / 2**20:.1f} MiB)."
        )
    text = report(args, speed, extra)
    args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
