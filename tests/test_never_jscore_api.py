"""never_jscore's constructor, heap statistics and JSEngine pool, as `import jscell as never_jscore` sees them."""

from __future__ import annotations

import json
import logging
import threading

import pytest

import jscell


def test_the_constructor_takes_never_jscores_arguments_in_order() -> None:
    with jscell.Context(True, False, 7, False, False) as seeded, jscell.Context(random_seed=7) as same:
        assert seeded.evaluate("Math.random()") == same.evaluate("Math.random()")
    with jscell.Context(enable_extensions=True, enable_logging=False, fast_return=True, timeout=1) as ctx:
        assert ctx.evaluate("typeof setTimeout + typeof $terminate") == "functionfunction"


def test_without_extensions_only_ecmascript_is_there() -> None:
    with jscell.Context(enable_extensions=False) as bare:
        for name in ["setTimeout", "queueMicrotask", "atob", "performance", "$terminate", "$return"]:
            assert bare.evaluate(f"typeof globalThis[{json.dumps(name)}]") == "undefined", name
        assert bare.evaluate("[typeof JSON, typeof Promise, typeof console]") == ["object", "function", "object"]
        names = bare.evaluate("Reflect.ownKeys(globalThis).map(String)")
    with jscell.Context() as full:
        web = ["TextEncoder", "TextDecoder", "URL", "URLSearchParams", "crypto", "Crypto"]
        assert full.evaluate(f"{json.dumps(web)}.filter((name) => !(name in globalThis))") == []
    assert not set(web) & set(names)
    assert {"Object", "Symbol", "globalThis", "Float16Array", "console"} <= set(names)


def test_node_compat_gives_require_and_buffer() -> None:
    with jscell.Context(enable_node_compat=True) as ctx:
        assert ctx.evaluate(
            "Buffer.from(require('crypto').createHash('md5').update('a').digest()).toString('hex')"
        ) == ("0cc175b9c0f1b6a831c399e269772661")


def test_logging_goes_to_the_jscell_logger(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="jscell"), jscell.Context(enable_logging=True) as ctx:
        ctx.compile("function f(x) { return x }")
        assert ctx.call("f", [1]) == 1
    messages = [record.getMessage() for record in caplog.records if record.name == "jscell"]
    assert len(messages) == 2
    assert messages[0].startswith("compile ") and messages[1].startswith("call f: ")


def test_heap_statistics_have_v8s_names(ctx: jscell.Context) -> None:
    stats = ctx.get_heap_statistics()
    for key in [
        "total_heap_size",
        "total_heap_size_executable",
        "total_physical_size",
        "total_available_size",
        "used_heap_size",
        "heap_size_limit",
        "malloced_memory",
        "external_memory",
        "peak_malloced_memory",
        "number_of_native_contexts",
        "number_of_detached_contexts",
    ]:
        assert isinstance(stats[key], int), key
    assert stats["used_heap_size"] == stats["memory_used_size"] > 0
    assert stats["heap_size_limit"] == 512 << 20
    before = stats["used_heap_size"]
    ctx.compile("var big = new Array(100000).fill(1)")
    assert ctx.get_heap_statistics()["used_heap_size"] > before


def test_jsengine_loads_once_and_keeps_worker_state() -> None:
    with jscell.JSEngine("var calls = 0; function add(a, b) { calls++; return a + b }", workers=1) as engine:
        assert engine.workers == 1 and repr(engine) == "JSEngine(workers=1)"
        assert [engine.call("add", [i, 1]) for i in range(3)] == [1, 2, 3]
        assert engine.execute("calls") == 3


def test_jsengine_terminate_answers_never_jscores_hook_dict() -> None:
    with jscell.JSEngine("function sign(x) { $terminate({seen: x}) }", workers=2) as engine:
        answer = engine.call("sign", ["abc"])
        assert answer["__hook__"] is True and answer["data"] == {"seen": "abc"}
        assert engine.get_hook_data(answer["worker_id"]) is None
        with pytest.raises(IndexError):
            engine.get_hook_data(2)


def test_jsengine_runs_calls_from_many_threads() -> None:
    with jscell.JSEngine("function work(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s }", 2) as pool:
        results: list[int] = []
        lock = threading.Lock()

        def run() -> None:
            value = pool.call("work", [10_000])
            with lock:
                results.append(value)

        threads = [threading.Thread(target=run) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results == [49_995_000] * 16
    with pytest.raises(jscell.ContextClosedError):
        pool.call("work", [1])


def test_jsengine_refuses_a_bad_worker_count() -> None:
    for workers in [0, -1, 1.5, True]:
        with pytest.raises(ValueError, match="workers"):
            jscell.JSEngine("1", workers=workers)  # type: ignore[arg-type]
