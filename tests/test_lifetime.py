"""The lifetime and threading patterns of never_jscore's HandleScope document, including those it warns
against: all of them must simply work."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jscell

JS = (Path(__file__).parent / "fixtures" / "encrypt.js").read_text()


def expected(data: str) -> str:
    h = 0x811C9DC5
    for unit in ("k3y:" + data).encode("utf-16-le")[::2]:
        h ^= unit
        h = (h * 0x01000193) & 0xFFFFFFFF
    return f"{h:08x}"


def test_fixture_matches_python() -> None:
    with jscell.Context() as ctx:
        ctx.compile(JS)
        assert ctx.call("encrypt", ["data"]) == expected("data")


def test_context_in_a_loop_without_del() -> None:
    before = jscell.live_contexts()
    for i in range(10_000):
        ctx = jscell.Context()
        ctx.compile(JS)
        assert ctx.call("encrypt", [f"d{i}"]) == expected(f"d{i}")
    del ctx
    assert jscell.live_contexts() == before


def test_context_in_a_loop_in_four_threads() -> None:
    def run(worker: int) -> int:
        for i in range(500):
            ctx = jscell.Context()
            ctx.compile(JS)
            assert ctx.call("encrypt", [f"{worker}-{i}"]) == expected(f"{worker}-{i}")
        return worker

    with ThreadPoolExecutor(4) as pool:
        assert sorted(pool.map(run, range(4))) == [0, 1, 2, 3]


def test_with_in_a_loop() -> None:
    before = jscell.live_contexts()
    for i in range(1000):
        with jscell.Context() as ctx:
            ctx.compile(JS)
            assert ctx.call("encrypt", [str(i)]) == expected(str(i))
        assert jscell.live_contexts() == before


def test_thread_local_context() -> None:
    local = threading.local()
    made: list[int] = []

    def get_context() -> jscell.Context:
        if not hasattr(local, "ctx"):
            local.ctx = jscell.Context()
            local.ctx.compile(JS)
            made.append(threading.get_ident())
        return local.ctx

    def run(worker: int) -> None:
        ctx = get_context()
        for i in range(200):
            assert ctx.call("encrypt", [f"{worker}:{i}"]) == expected(f"{worker}:{i}")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(run, range(16)))
    assert 1 <= len(made) <= 4


def test_one_context_shared_by_four_threads() -> None:
    ctx = jscell.Context()
    ctx.compile(JS + "\nvar calls = 0; function counted(x) { calls++; return encrypt(x) }")
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(500):
                assert ctx.call("counted", [f"{n}/{i}"]) == expected(f"{n}/{i}")
        except BaseException as err:  # noqa: BLE001 - reported to the main thread below
            errors.append(err)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert ctx.evaluate("calls") == 2000
    ctx.close()


def test_contexts_closed_in_any_order() -> None:
    before = jscell.live_contexts()
    contexts = [jscell.Context() for _ in range(30)]
    for i, ctx in enumerate(contexts):
        ctx.compile(f"var id = {i}")
    for i in [17, 0, 29, 5, 6, 28, 1, *range(30)]:
        contexts[i].close()
    assert jscell.live_contexts() == before
    survivors = [jscell.Context() for _ in range(3)]
    survivors[1].compile("var x = 1")
    del survivors[0]
    assert survivors[0].evaluate("x") == 1
    assert survivors[1].evaluate("typeof x") == "undefined"


def test_close_while_another_thread_waits() -> None:
    ctx = jscell.Context()
    ctx.compile("function spin(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s }")
    results: list[object] = []

    def use() -> None:
        try:
            results.append(ctx.call("spin", [200_000]))
        except jscell.ContextClosedError as err:
            results.append(err)

    threads = [threading.Thread(target=use) for _ in range(4)]
    for t in threads:
        t.start()
    ctx.close()
    for t in threads:
        t.join()
    assert len(results) == 4
    for r in results:
        assert r == sum(range(200_000)) or isinstance(r, jscell.ContextClosedError)


def test_live_contexts_at_interpreter_exit() -> None:
    code = f"""
import jscell, threading
keep = [jscell.Context() for _ in range(50)]
for c in keep:
    c.compile({JS!r})
    c.call("encrypt", ["x"])
closed = jscell.Context(); closed.close()
def worker():
    global thread_ctx
    thread_ctx = jscell.Context()
    thread_ctx.evaluate("1 + 1")
t = threading.Thread(target=worker); t.start(); t.join()
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "ok\n"
    assert proc.stderr == ""


def test_js_runs_with_the_gil_released() -> None:
    """While one thread runs a long JS call, another Python thread keeps running."""
    ctx = jscell.Context()
    ctx.compile("function spin() { let s = 0; for (let i = 0; i < 3e7; i++) s = (s + i) | 0; return s }")
    started = threading.Event()
    finished = threading.Event()

    def run() -> None:
        started.set()
        ctx.call("spin")
        finished.set()

    thread = threading.Thread(target=run)
    thread.start()
    started.wait()
    ticks = 0
    while not finished.is_set():
        ticks += 1
    thread.join()
    # Holding the GIL through the call would leave this thread a handful of ticks at most.
    assert ticks > 10_000
