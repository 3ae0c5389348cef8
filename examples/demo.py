"""jscell demo: JavaScript evaluated in sandboxes, including every pattern that crashes V8 bindings.

Run with: bash scripts/demo.sh
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import jscell

SIGN_JS = """
// A stand-in for a site's obfuscated signature function.
var _0x = ['k3y', ':'];
function sign(data, ts) {
  var s = _0x[0] + _0x[1] + data + _0x[1] + ts, h = 0x811c9dc5;
  for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return ('00000000' + h.toString(16)).slice(-8);
}
async function signAsync(data) { await null; return sign(data, 0); }
"""


def section(title: str) -> None:
    print(f"\n== {title}")


def main() -> None:
    section("evaluate, compile, call")
    with jscell.Context() as ctx:
        print("1 + 1                      ->", ctx.evaluate("1 + 1"))
        ctx.compile(SIGN_JS)
        print("sign('hello', 1700000000)  ->", ctx.call("sign", ["hello", 1700000000]))
        print("signAsync('hello') awaited ->", ctx.call("signAsync", ["hello"]))
        print("values both ways           ->", ctx.call("JSON.parse", ['{"a": [1, 2.5, null], "s": "\\u00e9"}']))
        ctx.compile("function kind(x) { return typeof x + ' ' + String(x) }")
        print("2**64 arrives as           ->", ctx.call("kind", [2**64]))

    section("errors are typed")
    with jscell.Context() as ctx:
        try:
            ctx.evaluate("null.x")
        except jscell.JSError as err:
            print("JSError:", err.name, "-", err.message)
        try:
            ctx.evaluate("throw {code: 42}")
        except jscell.JSError as err:
            print("thrown value:", err.value)
        try:
            ctx.call("f); alert(1); (", [])
        except jscell.JSError as err:
            print("call() never runs its name as code:", err.name, "-", err.message)

    section("hostile JS: typed errors, the context survives")
    with jscell.Context(timeout=0.2, memory_limit=64 * 1024 * 1024) as ctx:
        for label, bomb in [
            ("infinite loop", "for (;;) { try { while (true) {} } catch (e) {} }"),
            ("catastrophic regexp", "/(a+)+$/.test('a'.repeat(40) + 'b')"),
            ("memory bomb", "const a = []; for (;;) a.push(new Array(1e4).fill(0))"),
            ("runaway recursion", "function f() { return f() } f()"),
        ]:
            start = time.perf_counter()
            try:
                ctx.evaluate(bomb)
            except jscell.JSError as err:
                print(f"{label:20s} -> {type(err).__name__}: {err.message} ({time.perf_counter() - start:.2f}s)")
        print("still usable afterwards:", ctx.evaluate("[1, 2, 3].map(x => x * x)"))

    section("sandboxes are isolated")
    a, b = jscell.Context(), jscell.Context()
    a.compile("var secret = 'only in a'; Object.prototype.polluted = true")
    print(
        "b sees a's global?", b.evaluate("typeof secret"), "| b's prototype polluted?", b.evaluate("'polluted' in {}")
    )
    print("JS has no files, env or network:", b.evaluate("[typeof require, typeof process, typeof fetch, typeof std]"))
    a.close()
    b.close()

    section("snapshots: load a library once, a fresh sandbox for every call")
    library = SIGN_JS + "var seen = []; function track(x) { seen.push(x); return sign(x, seen.length) }"
    library += "\nvar table = Array.from({ length: 200000 }, (_, i) => ({ id: i, name: 'entry' + i }));"
    start = time.perf_counter()
    with jscell.Context() as ctx:
        ctx.compile(library)
        ctx.call("track", ["warm-up"])
    load = time.perf_counter() - start
    snap = jscell.Snapshot.from_code(library)
    start = time.perf_counter()
    signatures = [snap.call("track", [f"user-{i}"]) for i in range(10_000)]
    per_call = (time.perf_counter() - start) / 10_000
    print(f"a {len(snap) / 2**20:.0f} MiB snapshot; loading the library takes {load * 1e3:.0f} ms")
    print(f"10,000 calls, each in its own fresh fork: {per_call * 1e6:.0f} µs per call")
    print("each call saw a fresh state:", snap.call("track", ["user-0"]) == signatures[0])
    copied = jscell.Snapshot.from_bytes(snap.to_bytes())  # what pickling does on the way to another process
    print("the same snapshot from its bytes:", copied.call("track", ["user-0"]) == signatures[0])

    section("never_jscore's HandleScope patterns all work")
    start = time.perf_counter()
    for i in range(2000):
        ctx = jscell.Context()  # in a loop, without del
        ctx.compile(SIGN_JS)
        ctx.call("sign", [str(i), 0])
    print(
        f"2,000 contexts in a loop without del: {time.perf_counter() - start:.2f}s, live now: {jscell.live_contexts() - 1}"
    )
    del ctx

    def loop_in_thread(worker: int) -> str:
        last = ""
        for i in range(250):
            with jscell.Context() as c:
                c.compile(SIGN_JS)
                last = c.call("sign", [f"{worker}-{i}", 0])
        return last

    with ThreadPoolExecutor(4) as pool:
        print("4 threads x 250 contexts each:", list(pool.map(loop_in_thread, range(4))))

    local = threading.local()

    def thread_local_sign(i: int) -> str:
        if not hasattr(local, "ctx"):
            local.ctx = jscell.Context()
            local.ctx.compile(SIGN_JS)
        return local.ctx.call("sign", [str(i), 0])

    with ThreadPoolExecutor(4) as pool:
        print("threading.local contexts:", len(set(pool.map(thread_local_sign, range(400)))), "distinct signatures")

    shared = jscell.Context()
    shared.compile(SIGN_JS + "var n = 0; function count() { return ++n }")
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: shared.call("count"), range(1000)))
    print("one context shared by 4 threads, 1,000 calls ->", shared.evaluate("n"))
    shared.close()
    print("live contexts at the end:", jscell.live_contexts())


if __name__ == "__main__":
    main()
