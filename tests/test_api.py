"""The Context API: never_jscore's names and conventions."""

from __future__ import annotations

import time

import pytest

import jscell


def test_compile_declares_globals(ctx: jscell.Context) -> None:
    assert ctx.compile("var a = 1; let b = 2; const c = 3; function f() { return a + b + c }") is None
    assert ctx.evaluate("f()") == 6
    assert ctx.call("f") == 6


def test_empty_source_on_a_fresh_context() -> None:
    with jscell.Context() as ctx:
        assert ctx.compile("") is None
    with jscell.Context() as ctx:
        assert ctx.evaluate("") is None
        assert ctx.evaluate("  // just a comment") is None


def test_evaluate_returns_completion_value(ctx: jscell.Context) -> None:
    assert ctx.evaluate("1 + 1") == 2
    assert ctx.evaluate("if (true) { 'yes' } else { 'no' }") == "yes"
    assert ctx.evaluate("var x = 5; x * 2") == 10


def test_evaluate_declarations_stay_local(ctx: jscell.Context) -> None:
    assert ctx.evaluate("const t = 1; t") == 1
    assert ctx.evaluate("const t = 2; t") == 2
    assert ctx.evaluate("let u = 3; var v = 4; function w() {} u + v") == 7
    assert ctx.evaluate("[typeof t, typeof u, typeof v, typeof w]") == ["undefined"] * 4


def test_evaluate_sees_and_changes_globals(ctx: jscell.Context) -> None:
    ctx.compile("var counter = 0")
    ctx.evaluate("counter += 5")
    assert ctx.evaluate("globalThis.counter") == 5


def test_eval_return_value_switch(ctx: jscell.Context) -> None:
    assert ctx.eval("var g = 41") is None
    assert ctx.eval("g + 1") is None
    assert ctx.eval("g + 1", return_value=True) == 42
    assert ctx.eval("const k = 1; k", return_value=True) == 1
    assert ctx.eval("const k = 2; k", return_value=True) == 2


def test_auto_await_settles_promises(ctx: jscell.Context) -> None:
    assert ctx.evaluate("Promise.resolve(7)") == 7
    assert ctx.evaluate("(async () => { await null; return 'done' })()") == "done"
    ctx.compile("async function sign(x) { const a = await Promise.resolve(x); return a + '!' }")
    assert ctx.call("sign", ["abc"]) == "abc!"
    with pytest.raises(jscell.JSError) as info:
        ctx.evaluate("Promise.reject(new RangeError('nope'))")
    assert info.value.name == "RangeError"
    assert info.value.message == "nope"


def test_auto_await_false_refuses_to_convert_a_promise(ctx: jscell.Context) -> None:
    with pytest.raises(jscell.ConversionError, match="Promise"):
        ctx.evaluate("Promise.resolve(1)", auto_await=False)
    assert ctx.evaluate("1", auto_await=False) == 1


def test_microtasks_run_after_each_call(ctx: jscell.Context) -> None:
    ctx.compile("var log = []; Promise.resolve().then(() => log.push('tick'))")
    assert ctx.evaluate("log") == ["tick"]


def test_promise_that_never_settles_is_an_error(ctx: jscell.Context) -> None:
    with pytest.raises(jscell.JSError, match="never settled"):
        ctx.evaluate("new Promise(() => {})")
    assert ctx.evaluate("1 + 1") == 2


def test_call_argument_conventions(ctx: jscell.Context) -> None:
    ctx.compile("function args() { return Array.from(arguments) }")
    assert ctx.call("args") == []
    assert ctx.call("args", None) == []
    assert ctx.call("args", [1, 2]) == [1, 2]
    assert ctx.call("args", (1, "x")) == [1, "x"]
    assert ctx.call("args", "single") == ["single"]
    assert ctx.call("args", {"a": 1}) == [{"a": 1}]
    assert ctx.call("args", [[1, 2]]) == [[1, 2]]


def test_call_dotted_path_binds_this(ctx: jscell.Context) -> None:
    ctx.compile(
        "var api = { base: 10, inner: { k: 2, mul(x) { return this.k * x } }, add(x) { return this.base + x } }"
    )
    assert ctx.call("api.add", [5]) == 15
    assert ctx.call("api.inner.mul", [4]) == 8
    assert ctx.call("Math.max", [1, 9, 3]) == 9
    assert ctx.call("JSON.stringify", [{"a": [1]}]) == '{"a":[1]}'


def test_call_never_runs_the_name_as_code(ctx: jscell.Context) -> None:
    ctx.compile("var hits = 0; function f() { return 1 } function evil() { hits++ }")
    with pytest.raises(jscell.JSError) as info:
        ctx.call("f); evil(", [])
    assert info.value.name == "ReferenceError"
    assert "f); evil(" in info.value.message
    assert ctx.evaluate("hits") == 0


def test_call_missing_or_not_a_function(ctx: jscell.Context) -> None:
    ctx.compile("var notfn = 3; var obj = {}")
    with pytest.raises(jscell.JSError) as info:
        ctx.call("nope")
    assert (info.value.name, info.value.message) == ("ReferenceError", "nope is not defined")
    with pytest.raises(jscell.JSError) as info:
        ctx.call("notfn")
    assert (info.value.name, info.value.message) == ("TypeError", "notfn is not a function")
    with pytest.raises(jscell.JSError) as info:
        ctx.call("obj.missing.deeper")
    assert info.value.name == "TypeError"
    with pytest.raises(jscell.JSError) as info:
        ctx.call("")
    assert info.value.name == "ReferenceError"


def test_close_and_closed(ctx: jscell.Context) -> None:
    assert not ctx.closed
    ctx.close()
    assert ctx.closed
    ctx.close()
    for action in (
        lambda: ctx.evaluate("1"),
        lambda: ctx.compile("1"),
        lambda: ctx.eval("1"),
        lambda: ctx.call("f"),
        lambda: ctx.gc(),
        lambda: ctx.get_stats(),
        lambda: ctx.reset_stats(),
        lambda: ctx.get_heap_statistics(),
    ):
        with pytest.raises(jscell.ContextClosedError):
            action()


def test_with_closes_and_frees_the_store() -> None:
    before = jscell.live_contexts()
    with jscell.Context() as ctx:
        assert jscell.live_contexts() == before + 1
        assert ctx.evaluate("2 ** 10") == 1024
    assert ctx.closed
    assert jscell.live_contexts() == before


def test_with_closes_on_exception() -> None:
    before = jscell.live_contexts()
    with pytest.raises(ZeroDivisionError), jscell.Context() as ctx:
        1 / 0  # noqa: B018 - the expression is there to raise
    assert ctx.closed
    assert jscell.live_contexts() == before


def test_dropping_the_last_reference_frees_the_store() -> None:
    before = jscell.live_contexts()
    ctx = jscell.Context()
    assert jscell.live_contexts() == before + 1
    del ctx
    assert jscell.live_contexts() == before


def test_stats_count_and_reset(ctx: jscell.Context) -> None:
    assert ctx.get_stats() == {"compile_count": 0, "evaluate_count": 0, "call_count": 0}
    ctx.compile("function f() { return 1 }")
    ctx.eval("1")
    ctx.evaluate("1")
    ctx.eval("1", return_value=True)
    ctx.call("f")
    assert ctx.get_stats() == {"compile_count": 2, "evaluate_count": 2, "call_count": 1}
    ctx.reset_stats()
    assert ctx.get_stats() == {"compile_count": 0, "evaluate_count": 0, "call_count": 0}


def test_heap_statistics_and_gc(ctx: jscell.Context) -> None:
    stats = ctx.get_heap_statistics()
    for key in ("malloc_size", "memory_used_size", "obj_count", "atom_count", "linear_memory_bytes"):
        assert isinstance(stats[key], int) and stats[key] > 0, key
    ctx.compile("var big = []; for (let i = 0; i < 20000; i++) big.push({i})")
    grown = ctx.get_heap_statistics()
    assert grown["obj_count"] > stats["obj_count"] + 19000
    ctx.compile("big = null")
    ctx.gc()
    assert ctx.get_heap_statistics()["obj_count"] < grown["obj_count"] - 19000


def test_random_differs_between_contexts() -> None:
    sequences = set()
    for _ in range(5):
        with jscell.Context() as ctx:
            sequences.add(tuple(ctx.evaluate("[Math.random(), Math.random(), Math.random()]")))
    assert len(sequences) == 5


def test_random_seed_is_reproducible() -> None:
    def draw(seed: int) -> list[float]:
        with jscell.Context(random_seed=seed) as ctx:
            return ctx.evaluate("Array.from({length: 5}, Math.random)")

    first = draw(1234)
    assert first == draw(1234)
    assert first != draw(1235)
    assert all(0 <= x < 1 for x in first)
    assert draw(-1) == draw(2**64 - 1)
    with pytest.raises(TypeError, match="random_seed must be an int"):
        jscell.Context(random_seed="nope")  # type: ignore[arg-type]


def test_repr() -> None:
    ctx = jscell.Context()
    assert repr(ctx) == "<jscell.Context>"
    ctx.close()
    assert repr(ctx) == "<jscell.Context (closed)>"


def test_no_state_shared_between_contexts() -> None:
    with jscell.Context() as a, jscell.Context() as b:
        a.compile("var secret = 'a'; Object.prototype.polluted = 1")
        assert b.evaluate("typeof secret") == "undefined"
        assert b.evaluate("({}).polluted") is None


def test_version_is_the_package_version() -> None:
    from importlib.metadata import version

    assert jscell.__version__ == version("jscell")


def test_repr_does_not_wait_for_running_js() -> None:
    import threading

    with jscell.Context(timeout=5) as ctx:
        started = threading.Event()

        def run() -> None:
            started.set()
            try:
                ctx.evaluate("while (true) {}")
            except jscell.JSTimeoutError:
                pass

        worker = threading.Thread(target=run)
        worker.start()
        started.wait()
        deadline = time.monotonic() + 2
        while repr(ctx) != "<jscell.Context (running JS)>" and time.monotonic() < deadline:
            pass
        assert repr(ctx) == "<jscell.Context (running JS)>"
        ctx.interrupt()
        worker.join()
        assert repr(ctx) == "<jscell.Context>"
    assert repr(ctx) == "<jscell.Context (closed)>"
